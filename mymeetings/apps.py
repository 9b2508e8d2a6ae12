from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyMeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mymeetings"
    verbose_name = _("Members' area")
