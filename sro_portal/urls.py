from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

handler400 = "sro_portal.views.bad_request"
handler403 = "sro_portal.views.permission_denied"
handler404 = "sro_portal.views.page_not_found"
handler500 = "sro_portal.views.server_error"

admin.site.site_header = _("SRO portal – administration")
admin.site.site_title = _("SRO portal")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staff/", include("sro_portal.staff_urls")),
    path("api/oparl/v1/", include("opendata.urls.api")),
    path("alerts/", include("alerts.urls")),
    path("my-meetings/", include("mymeetings.urls")),
    path("verify/", include("seal.urls")),
    path("answer/", include("recommendations.urls.answer")),
    path("", include("sro_portal.public_urls")),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
