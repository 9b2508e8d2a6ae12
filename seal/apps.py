from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SealConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "seal"
    verbose_name = _("Seal and verification")

    def ready(self):
        from seal import checks  # noqa: F401  (registers the start-up check)
