from django.conf import settings


def portal(request):
    """What every page's frame needs: the portal's name and address (and the lockout page its minutes)."""
    return {
        "SITE_URL": settings.SITE_URL,
        "LOGIN_LOCKOUT_MINUTES": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
