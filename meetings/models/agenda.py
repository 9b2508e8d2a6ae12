import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.fields import SanitizedHTMLField
from meetings.models.meeting import Meeting
from meetings.sanitize import clean_html, is_empty_html
from members.models import Person


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class AgendaItem(models.Model):
    """A numbered item of a meeting's agenda (dagordningspunkt), or a sub-item (1 a, 1 b), or a break.

    Numbers and clock times are not stored: they follow from the order and the
    durations (see ``meetings.selectors.agenda_with_times``), so reordering can
    never leave two items with the same number.
    """

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        POSITION = "position", _("Position")
        INFORMATION_POSITION = "information_position", _("Information and position")
        INFORMATION_DIALOG = "information_dialog", _("Information and dialogue")
        DIALOG = "dialog", _("Dialogue")
        STANDING = "standing", _("Standing item")
        OTHER = "other", _("Other information")
        BREAK = "break", _("Break")

    class Standing(models.TextChoices):
        OPENING = "opening", _("Opening of the meeting")
        ATTENDANCE = "attendance", _("Attendance")
        OTHER_QUESTIONS = "other_questions", _("Other questions")
        AGENDA_APPROVAL = "agenda_approval", _("Approval of the agenda")
        PREVIOUS_MINUTES = "previous_minutes", _("Previous meeting notes")
        ANNUAL_PLAN = "annual_plan", _("Annual plan")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), related_name="agenda_items", on_delete=models.CASCADE
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("sub-item of"),
        related_name="children",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.INFORMATION)
    kind_note = models.CharField(
        _("note on the kind"), max_length=100, blank=True, help_text=_("E.g. “delrapport”, printed after the kind.")
    )
    standing = models.CharField(
        _("standing item"),
        max_length=20,
        choices=Standing.choices,
        blank=True,
        help_text=_("Which standing item this is; the previous notes item links the last published notes."),
    )
    title = models.CharField(_("title"), max_length=300)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    show_time = models.BooleanField(
        _("show the time"),
        default=True,
        help_text=_("Standing items usually take a few minutes without their times being printed."),
    )
    body = SanitizedHTMLField(_("text"), blank=True, help_text=_("Sanitised HTML: bold, lists and links."))
    # The proposed positions (förslag till ställningstagande), in order, each cleaned rich text (bold, italic,
    # lists): the notice prints them numbered, and the notes start with them as the positions taken.
    proposals = models.JSONField(_("proposed positions"), default=list, blank=True)
    matter = models.ForeignKey(
        "meetings.Matter",
        verbose_name=_("matter"),
        related_name="agenda_items",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    lock_version = models.PositiveIntegerField(_("version for concurrent saves"), default=0, editable=False)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "parent_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"], condition=Q(parent__isnull=True), name="agenda_item_unique_order"
            ),
            models.UniqueConstraint(
                fields=["parent", "order"], condition=Q(parent__isnull=False), name="agenda_subitem_unique_order"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.parent_id:
            if self.parent.meeting_id != self.meeting_id:
                raise ValidationError({"parent": _("A sub-item must belong to the same meeting as its item.")})
            if self.parent.parent_id:
                raise ValidationError({"parent": _("Sub-items cannot have sub-items of their own.")})
            if self.kind == self.Kind.BREAK:
                raise ValidationError({"kind": _("A break cannot be a sub-item.")})

    @property
    def is_break(self) -> bool:
        return self.kind == self.Kind.BREAK

    @property
    def kind_label(self) -> str:
        """The kind as the notice prints it, e.g. "Information (delrapport)"; standing items print none."""
        if self.kind in (self.Kind.STANDING, self.Kind.OTHER, self.Kind.BREAK):
            return ""
        label = self.get_kind_display()
        return f"{label} ({self.kind_note})" if self.kind_note else label

    @property
    def proposal_list(self) -> list[str]:
        """The proposed positions as cleaned HTML, in order (cleaned again: a JSON list has no field to do it)."""
        return [clean_html(html) for html in self.proposals or [] if not is_empty_html(html)]

    @property
    def working_positions(self) -> list:
        """The positions in the working copy of the notes, in order (the frozen copies are the versions')."""
        return sorted((p for p in self.positions.all() if p.minutes_version_id is None), key=lambda p: (p.order, p.pk))


class Presenter(models.Model):
    """A person presenting an item (föredragande)."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), related_name="presenters", on_delete=models.CASCADE
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), related_name="presentations", on_delete=models.PROTECT)
    description = models.CharField(
        _("description"), max_length=200, blank=True, help_text=_("E.g. “VGR” or “ordförande SSN”.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("presenter")
        verbose_name_plural = _("presenters")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "person"], name="presenter_unique_person")]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        detail = self.description or (self.person.organisation.display_name if self.person.organisation_id else "")
        return f"{self.person.name}, {detail}" if detail else self.person.name


def attachment_path(instance, filename: str) -> str:
    # Stored under a generated name: the uploaded name is kept only as the title.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"attachments/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file on an agenda item (bilaga, beslutsunderlag)."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), related_name="attachments", on_delete=models.CASCADE
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    title = models.CharField(_("title"), max_length=300)
    is_public = models.BooleanField(_("public"), default=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    sha512 = models.CharField(_("SHA-512"), max_length=128, blank=True, help_text=_("For the open data (OParl)."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    @property
    def download_name(self) -> str:
        """The title, with the stored file's suffix where the title lacks it: "Underlag" → "Underlag.pdf"."""
        suffix = PurePosixPath(self.file.name).suffix
        return self.title if self.title.lower().endswith(suffix) else self.title + suffix
