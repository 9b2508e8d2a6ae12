from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.agenda import AgendaItem
from meetings.models.meeting import Meeting
from members.models import Membership, Person


class Minutes(models.Model):
    """The notes of a held meeting (minnesanteckningar), approved by the chair and then published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT_TO_CHAIR = "sent_to_chair", _("Sent to the chair")
        RETURNED = "returned", _("Returned by the chair")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    meeting = models.OneToOneField(Meeting, verbose_name=_("meeting"), related_name="minutes", on_delete=models.PROTECT)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        related_name="approved_minutes",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    approved_by_name = models.CharField(_("approved by (name)"), max_length=200, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("meeting notes")
        verbose_name_plural = _("meeting notes")
        ordering = ["-meeting__date"]
        permissions = [("approve_minutes", _("Can approve meeting notes"))]

    def __str__(self):
        return _("Notes of %(meeting)s") % {"meeting": self.meeting}


class Attendance(models.Model):
    """Whether one person called or invited was there."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        PARTLY = "partly", _("Partly present")

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("meeting notes"), related_name="attendance", on_delete=models.CASCADE
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), related_name="attendance", on_delete=models.PROTECT)
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        related_name="attendance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty for invited guests."),
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices, default=Status.PRESENT)
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("E.g. “efter 13.30”."))
    substitute = models.ForeignKey(
        Person,
        verbose_name=_("replaced by"),
        related_name="substitute_attendance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["minutes", "person"], name="attendance_unique_person")]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"

    @property
    def is_guest(self) -> bool:
        return self.membership_id is None


class ItemNote(models.Model):
    """What was said on one agenda item."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("meeting notes"), related_name="item_notes", on_delete=models.CASCADE
    )
    item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), related_name="notes", on_delete=models.CASCADE)
    text = models.TextField(_("notes"), blank=True, help_text=_("Sanitised HTML."))
    closing_text = models.TextField(
        _("after the questions"), blank=True, help_text=_("What was concluded after the questions; sanitised HTML.")
    )

    class Meta:
        verbose_name = _("item notes")
        verbose_name_plural = _("item notes")
        constraints = [models.UniqueConstraint(fields=["minutes", "item"], name="item_note_unique_item")]

    def __str__(self):
        return str(self.item)


class QuestionAnswer(models.Model):
    """A question or remark at the meeting and its answer (Frågor/inspel – Svar)."""

    note = models.ForeignKey(ItemNote, verbose_name=_("item notes"), related_name="questions", on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    question = models.TextField(_("question or remark"))
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.question[:80]
