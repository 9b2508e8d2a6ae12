from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models.meeting import Meeting
from members.models import Person


class NoticeReply(models.Model):
    """A called member's answer to the notice, given in "Mina möten": coming or not. Whom of their organisation
    they name to come instead is a ``Substitution`` (which calls the substitute); this row says what the member
    answered and when, so the secretary sees the expected attendance and the notes start from it."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), related_name="replies", on_delete=models.CASCADE)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="notice_replies", on_delete=models.PROTECT
    )
    attending = models.BooleanField(_("attending"))
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("answer to the notice")
        verbose_name_plural = _("answers to the notice")
        ordering = ["answered_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="notice_reply_unique_person")]

    def __str__(self):
        return f"{self.person}: {_('coming') if self.attending else _('not coming')}"
