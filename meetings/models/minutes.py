import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.query import ModelIterable
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.fields import SanitizedHTMLField
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
    # The day the chair really approved, when a past year is entered afterwards (``MinutesVersion``'s, kept here for
    # the notes rendered again while approved).
    recorded_approved_on = models.DateField(_("approved on (recorded afterwards)"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # What went to the chair in this round, and what she read when she last sent the notes back: she is shown
    # what changed since, and an approval of content that differs from what she read is refused.
    sent_html = models.TextField(_("content when sent to the chair"), blank=True, editable=False)
    returned_html = models.TextField(_("content when sent back"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    lock_version = models.PositiveIntegerField(_("version for concurrent saves"), default=0, editable=False)

    class Meta:
        verbose_name = _("meeting notes")
        verbose_name_plural = _("meeting notes")
        ordering = ["-meeting__date"]
        permissions = [("approve_minutes", _("Can approve meeting notes"))]

    def __str__(self):
        return _("Notes of %(meeting)s") % {"meeting": self.meeting}

    def save(self, *args, **kwargs):
        # The database refuses it too (meetings.integrity); this says so before a query is sent.
        allow_frozen = kwargs.pop("_allow_frozen", False)
        if self.pk and not allow_frozen:
            stored = Minutes.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored in FROZEN_STATUSES:
                raise FrozenMinutesError(_("Approved meeting notes cannot be changed; start a correction instead."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("staff:minutes", kwargs={"pk": self.pk})

    def get_review_url(self):
        return reverse("staff:minutes_review", kwargs={"pk": self.pk})

    @property
    def is_frozen(self) -> bool:
        """Approved notes are never edited in place: a correction starts a new version."""
        return self.status in FROZEN_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


FROZEN_STATUSES = (Minutes.Status.APPROVED, Minutes.Status.PUBLISHED)


class FrozenMinutesError(Exception):
    """An attempt to change approved notes."""


def minutes_pdf_path(instance, filename: str) -> str:
    return f"minutes/{instance.minutes.meeting.date:%Y}/{uuid.uuid4().hex}.pdf"


class _AsApproved(ModelIterable):
    """Each version with its meeting read as the version approved it (``MinutesVersion.meeting_as_approved``), where
    the meeting was read with it."""

    def __iter__(self):
        for version in super().__iter__():
            if MinutesVersion.minutes.is_cached(version) and Minutes.meeting.is_cached(version.minutes):
                version.minutes.meeting.as_sent(version.snapshot.get("meeting"), in_place=True)  # a row of its own
            yield version


class MinutesVersionQuerySet(models.QuerySet):
    def public(self):
        """The versions the public reads from: published, and not withdrawn since (``MinutesWithdrawal``)."""
        return self.filter(published_at__isnull=False, withdrawal__isnull=True)

    def as_approved(self):
        """The versions, each read with its meeting's date, times, kind, form and place as it approved them (a
        correction in progress may be changing the meeting's own)."""
        approved = self.all()
        approved._iterable_class = _AsApproved
        return approved


class MinutesVersion(models.Model):
    """One approved version of the notes, frozen: its HTML, its PDF and the PDF's SHA-256.

    The public site shows the newest published version from here, never the working copy, so a
    correction in progress cannot leak. The database refuses to change or delete a row.
    """

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("meeting notes"), related_name="versions", on_delete=models.PROTECT
    )
    version = models.PositiveSmallIntegerField(_("version"))
    html = models.TextField(_("content"))
    pdf = models.FileField(_("PDF"), upload_to=minutes_pdf_path)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    # The same file's SHA-512, as the open data (OParl's File) names a checksum; empty for versions approved before.
    pdf_sha512 = models.CharField(_("SHA-512 of the PDF"), max_length=128, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        related_name="approved_minutes_versions",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    approved_by_name = models.CharField(_("approved by (name)"), max_length=200)
    approved_at = models.DateTimeField(_("approved"))
    # The day the chair really approved, when a past year was entered afterwards: the notes print it ("Godkänd av …
    # den …"), the public pages and open data give it; ``approved_at`` stays the moment the approval was entered.
    recorded_approved_on = models.DateField(_("approved on (recorded afterwards)"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    # The electronic seal put on the PDF at approval (seal.services): its PAdES level and the certificate's name;
    # empty where no seal was configured. The hash above is that of the sealed file.
    seal_level = models.CharField(_("seal"), max_length=20, blank=True)
    sealed_by = models.CharField(_("sealed by"), max_length=200, blank=True)
    # Filled by the database on PostgreSQL (migration 0008), for the public search; empty on SQLite.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    # The meeting's date, times, kind, form and place as approved (``meeting_snapshot``), as a sent notice keeps them.
    snapshot = models.JSONField(_("meeting as approved"), default=dict, blank=True)

    objects = MinutesVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("approved version")
        verbose_name_plural = _("approved versions")
        ordering = ["minutes", "-version"]
        constraints = [models.UniqueConstraint(fields=["minutes", "version"], name="minutes_version_unique")]

    def __str__(self):
        return f"{self.minutes} v{self.version}"

    @property
    def approved_on(self):
        """The day of the approval as the record gives it: the day recorded afterwards, else the approval's."""
        return self.recorded_approved_on or timezone.localdate(self.approved_at)

    @property
    def is_correction(self) -> bool:
        return self.version > 1

    @property
    def meeting_as_approved(self):
        """Its meeting with the date, times, kind, form and place this version approved."""
        return self.minutes.meeting.as_sent(self.snapshot.get("meeting"))

    @property
    def download_name(self) -> str:
        """ "Minnesanteckningar SRO 2022-10-19.pdf"; a correction adds its version: "… v2.pdf"."""
        meeting = self.meeting_as_approved
        suffix = f" v{self.version}" if self.is_correction else ""
        return f"Minnesanteckningar {meeting.body.short_name} {meeting.date:%Y-%m-%d}{suffix}.pdf"


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
    text = SanitizedHTMLField(_("notes"), blank=True, help_text=_("Sanitised HTML."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    lock_version = models.PositiveIntegerField(_("version for concurrent saves"), default=0, editable=False)
    closing_text = SanitizedHTMLField(
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


class MinutesWithdrawal(models.Model):
    """An approved, published version taken down from the public site (GDPR: a published name that must come
    down), without deleting it: it leaves the public site, the API, search and feeds; the record and the archival
    package keep it; this row says who withdrew it, when and why. The approved version itself never changes."""

    version = models.OneToOneField(
        MinutesVersion, verbose_name=_("approved version"), related_name="withdrawal", on_delete=models.PROTECT
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("withdrawn by"), related_name="+", on_delete=models.PROTECT,
        null=True,
    )  # fmt: skip
    withdrawn_by_name = models.CharField(_("withdrawn by (name)"), max_length=200)
    withdrawn_at = models.DateTimeField(_("withdrawn"))
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("withdrawal from the public site")
        verbose_name_plural = _("withdrawals from the public site")

    def __str__(self):
        return f"{self.version} ({self.withdrawn_at:%Y-%m-%d})"
