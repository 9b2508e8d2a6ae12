from django.conf import settings


def portal(request):
    """What every page's frame needs: the portal's name and address (and the lockout page its minutes)."""
    section = getattr(request, "section", None)
    return {
        # The body whose public section the page is in (meetings.sections), when it is not the first body.
        "other_section": section if section is not None and section.pk != request.default_body_pk else None,
        "working_body": getattr(request, "working_body", None),  # the staff pages' body (meetings.permissions)
        "SITE_URL": settings.SITE_URL,
        "LOGIN_LOCKOUT_MINUTES": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
