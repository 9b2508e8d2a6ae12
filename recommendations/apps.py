from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self):
        # The parties are facts the portal ships: back after a flush (a test database emptied between tests) too.
        post_migrate.connect(_ship_the_parties, sender=self)

        from meetings import hooks
        from recommendations import demo
        from recommendations.timeline import matter_timeline_events
        from recommendations.yearly import recommendations_of_year

        # The demo loader and generate_history, in the record's app below, reach this app's part through hooks.
        hooks.register("demo_recommendations", demo.load_demo)
        hooks.register("history_recommendations", demo.generate_history)
        # The matter's page (meetings, below) shows what became of its recommendations.
        hooks.register("matter_timeline_extra", matter_timeline_events)
        # The compilation and the yearly review say what became of the year's recommendations.
        hooks.register("recommendations_of_year", recommendations_of_year)


def _ship_the_parties(sender, apps=None, **kwargs):
    """After ``migrate`` (the migrated state's models) and after ``flush`` (which passes none: the installed ones)."""
    from django.apps import apps as installed

    from recommendations.parties import ship

    apps = apps or installed

    try:
        apps.get_model("recommendations", "Principal")
    except LookupError:  # migrated back to before the app's tables
        return
    ship(apps)
