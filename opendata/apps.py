from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """What machines read of the published record: OParl, Atom feeds, the iCalendar feed, sitemap.xml and the
    positions register as CSV and JSON. It reads the record only through ``meetings``' public selectors."""

    name = "opendata"
    verbose_name = _("Open data")
