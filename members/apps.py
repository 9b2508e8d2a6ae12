from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members and organisations")

    def ready(self):
        checks.register(_person_details_check)


def _person_details_check(app_configs, **kwargs):
    """A misspelt PUBLIC_PERSON_DETAILS stops the portal at start-up rather than publishing too much."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from members.publication import parse

    try:
        parse(settings.PUBLIC_PERSON_DETAILS)
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="members.E001")]
    return []
