from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save

        from meetings import hooks
        from meetings.roles import ensure_role_groups, sync_groups
        from meetings.services.two_factor import note_second_step
        from meetings.tasks import render_stored_pdf

        post_migrate.connect(ensure_role_groups, sender=self)
        post_migrate.connect(freeze_legacy_notices, sender=self)
        post_save.connect(sync_groups, sender="members.StaffRole", dispatch_uid="sro_role_groups_saved")
        post_delete.connect(sync_groups, sender="members.StaffRole", dispatch_uid="sro_role_groups_deleted")
        user_logged_in.connect(note_second_step, dispatch_uid="sro_two_factor")
        # The renderer (meetings.pdf) asks the worker for a stored PDF; the tasks import the renderer, so it gets the
        # task from here rather than importing the tasks back.
        hooks.register("render_stored_pdf", render_stored_pdf)


def freeze_legacy_notices(**kwargs):
    """Notices sent before sent versions were frozen (migration 0010) get their frozen copy, once."""
    from meetings.services.notices import notices_freeze_legacy

    notices_freeze_legacy()
