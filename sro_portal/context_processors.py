from django.conf import settings


def portal(request):
    """What every page's frame needs: the portal's name and address."""
    return {"SITE_URL": settings.SITE_URL}
