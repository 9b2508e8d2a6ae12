from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"
    verbose_name = _("Alerts")

    def ready(self):
        from alerts.services import published, recommendation_answered
        from meetings import hooks

        # The record's services, below this app, tell it what they made public (imports only go down).
        hooks.register("published", published)
        hooks.register("recommendation_answered", recommendation_answered)
