"""The archival package's address, in the staff area (``sro_portal.staff_urls`` puts it in the ``staff`` namespace)."""

from django.urls import path

from archive import views

urlpatterns = [
    path("archive/", views.export, name="archive_export"),
]
