from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Download(models.Model):
    """One document taken from the members' area: who, which meeting and version, what, when."""

    class Document(models.TextChoices):
        NOTICE = "notice", _("Notice")
        ATTACHMENT = "attachment", _("Attachment")
        MEETING_PDF = "meeting_pdf", _("The whole meeting as one PDF")

    person = models.ForeignKey(
        "members.Person", verbose_name=_("person"), related_name="downloads", on_delete=models.SET_NULL, null=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), related_name="+", on_delete=models.SET_NULL,
        null=True,
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200, help_text=_("The person's name when they downloaded."))
    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), related_name="downloads", on_delete=models.CASCADE
    )
    dispatch = models.ForeignKey(
        "meetings.NoticeDispatch", verbose_name=_("sent notice"), related_name="downloads",
        on_delete=models.CASCADE,
    )  # fmt: skip
    document = models.CharField(_("document"), max_length=20, choices=Document.choices)
    attachment_id = models.IntegerField(_("attachment"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    downloaded_at = models.DateTimeField(_("downloaded"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("download from the members' area")
        verbose_name_plural = _("downloads from the members' area")
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"{self.name}: {self.title}"
