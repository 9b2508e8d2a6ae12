"""The public site, one namespace (``public``) over the apps that serve it: the record's pages (``meetings``) and
what machines read of it (``opendata``). A body's section repeats under its web address; the first body's is at /.

The project composes here, above every app, so that no app imports one above it to find its neighbours' pages."""

from django.urls import include, path

from meetings.urls import public as record
from opendata.urls import public as opendata
from recommendations.urls import public as recommendations

app_name = "public"

section = [*record.section, *opendata.section, *recommendations.section]

urlpatterns = [
    *section,
    *record.urlpatterns,
    *opendata.urlpatterns,
    *recommendations.urlpatterns,
    path("<body:body>/", include(section)),
]
