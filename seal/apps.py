from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SealConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "seal"
    verbose_name = _("Seal and verification")

    def ready(self):
        from meetings import hooks
        from seal import checks  # noqa: F401  (registers the start-up check)
        from seal.pki import demo_seal_settings
        from seal.services import seal_approved_notes

        # The record, below this app, seals the approved notes and the demo through these (imports only go down).
        hooks.register("seal_approved_notes", seal_approved_notes)
        hooks.register("demo_seal_settings", demo_seal_settings)
