from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self):
        from meetings import hooks
        from recommendations import demo

        # The demo loader and generate_history, in the record's app below, reach this app's part through hooks.
        hooks.register("demo_recommendations", demo.load_demo)
        hooks.register("history_recommendations", demo.generate_history)
