from django.http import HttpResponse
from django.urls import path

from sro_portal.urls import handler500  # noqa: F401 - error handlers are looked up in the root URLconf
from sro_portal.urls import urlpatterns as portal


def minimal(request):
    """The yardstick: a Django view that returns a fixed string, through the same middleware."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal), *portal]
