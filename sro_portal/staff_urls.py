"""The staff area, one namespace (``staff``) over the apps that serve it: the record's pages (``meetings``, with the
people register of ``members``) and the archival package (``archive``), which sits above the record and so cannot be
named by it (imports only go down)."""

from archive import urls as archive
from meetings.urls import staff as record
from recommendations.urls import staff as recommendations

app_name = "staff"

urlpatterns = [*record.urlpatterns, *archive.urlpatterns, *recommendations.urlpatterns]
