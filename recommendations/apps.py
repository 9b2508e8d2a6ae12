from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self):
        from meetings import hooks
        from recommendations.timeline import matter_timeline_events

        # The matter's page (meetings, below) shows what became of its recommendations.
        hooks.register("matter_timeline_extra", matter_timeline_events)
