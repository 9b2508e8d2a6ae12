from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyMeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mymeetings"
    verbose_name = _("Members' area")

    def ready(self):
        from meetings import hooks
        from mymeetings.selectors import activity

        # The secretary's meeting page, in the app below, shows what the called did here (imports only go down).
        hooks.register("members_area_activity", activity)
