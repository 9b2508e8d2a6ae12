import copy
import datetime
import uuid

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.query import ModelIterable
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.choices import label
from members.models import Body, Person

# What a sent notice prints of its meeting (kept in its snapshot, ``meeting_snapshot``), and its notes once approved;
# each with how its snapshot's value is read back.
FACTS = {"date": datetime.date.fromisoformat, "start_time": datetime.time.fromisoformat,
         "end_time": datetime.time.fromisoformat, "form": str, "location": str, "kind": str}  # fmt: skip


class _AsAnnounced(ModelIterable):
    """Each meeting read as last announced (``Meeting.as_sent`` of its ``announced``)."""

    def __iter__(self):
        for meeting in super().__iter__():
            yield meeting.as_sent(meeting.announced, in_place=True)  # a row of its own


class MeetingQuerySet(models.QuerySet):
    def notice_published(self):
        return self.filter(notice_published_at__isnull=False)

    def as_announced(self):
        """The meetings as the public and the called know them: with the date, times, kind, form and place as the
        public version of their notes approved them, else as their newest sent notice printed them
        (``Meeting.announced``). A change saved since waits with the secretary for the next sending or publication.
        Lists filter and order by ``announced_date``."""
        announced = self.all()
        announced._iterable_class = _AsAnnounced
        return announced


def in_time_order(meetings, *, newest_first: bool = False) -> list["Meeting"]:
    """Meetings by their date and start (as they were read: as announced, say), soonest first; a list of them is
    short."""
    return sorted(meetings, key=lambda m: (m.date, m.start_time, m.pk), reverse=newest_first)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary meeting")
        EXTRA = "extra", _("Extra meeting")
        CHECK_IN = "check_in", _("Check-in with the presidium")
        STUDY_VISIT = "study_visit", _("Study visit")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        NOTICE_SENT = "notice_sent", _("Notice sent")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Form(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        DIGITAL = "digital", _("Digital")
        HYBRID = "hybrid", _("Hybrid")

    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="meetings", on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    form = models.CharField(_("meeting form"), max_length=20, choices=Form.choices, default=Form.IN_PERSON)
    location = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("The address, or the digital form such as “Teamsmöte”; printed as the meeting form."),
    )
    # Only for the called and invited (the notice mail, their calendar invitation, "Mina möten"): never public.
    online_link = models.URLField(
        _("meeting link"),
        max_length=500,
        blank=True,
        help_text=_("For a digital or hybrid meeting: the link to join it. Only the called and invited see it."),
    )
    notice_sent_at = models.DateTimeField(_("notice sent"), null=True, blank=True)
    notice_version = models.PositiveSmallIntegerField(
        _("notice version"), default=0, help_text=_("How many times the notice has been sent.")
    )
    notice_published_at = models.DateTimeField(_("notice published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    lock_version = models.PositiveIntegerField(_("version for concurrent saves"), default=0, editable=False)
    # The date, times, kind, form and place as the public version of the notes approved them, else as the newest
    # sent notice printed them (their snapshots): what the public and the called read (``as_announced``). Written
    # only by a sending, a publication or a withdrawal (``meetings.services.announce``): a change saved between waits
    # for the next. ``announced_date`` is its date (the meeting's own before any), for lists to filter and order by.
    announced = models.JSONField(_("as last sent"), null=True, blank=True, editable=False)
    announced_date = models.DateField(_("date as last sent"), null=True, editable=False)
    # When what the public reads of the meeting last changed (OParl's ``modified``): its state, its date, times and
    # place as announced (its own before any notice), its published notice or notes. Kept by the database
    # (``meetings.public_state``) on every path, so a draft saved between sendings never moves it.
    public_modified = models.DateTimeField(_("changed for the public"), default=timezone.now, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-start_time"]
        indexes = [
            models.Index(fields=["-date"], name="meeting_newest_first"),
            models.Index(fields=["-announced_date"], name="meeting_announced_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="meeting_end_after_start"),
        ]
        permissions = [
            ("draft_notice", _("Can draft, send and publish notices")),
            ("keep_minutes", _("Can keep meeting notes")),
        ]

    def __str__(self):
        return f"{self.body} {self.date:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if getattr(self, "_as_sent", False):
            raise ValueError("A meeting read as its notice was sent is not saved: save the meeting itself.")
        if self.announced_date is None:  # a new meeting: nothing announced yet, its own date until it is
            self.announced_date = self.date
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("staff:meeting", kwargs={"pk": self.pk})

    def get_form_display(self) -> str:
        return label(self.Form, self.form)

    @property
    def form_display(self) -> str:
        """What the notice prints after "Mötesform:"."""
        return self.location or self.get_form_display()

    def as_sent(self, facts: dict | None, *, in_place: bool = False) -> "Meeting":
        """The meeting with the date, times, kind, form and place that a sent notice printed (``facts``, the
        meeting in its snapshot): a copy to read (``in_place``: this one, read for that alone), which refuses to
        be saved. Without facts, the meeting itself."""
        if not facts:
            return self
        sent = self if in_place else copy.copy(self)
        sent.__dict__.update({name: FACTS[name](value) for name, value in facts.items() if name in FACTS})
        sent._as_sent = True
        return sent


class Invitation(models.Model):
    """A guest who is not a member, invited to the meeting or to one item (often a presenter)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), related_name="invitations", on_delete=models.CASCADE
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), related_name="invitations", on_delete=models.PROTECT)
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("How the guest is named in the notice, e.g. “enhetschef Läkemedel och hjälpmedel VGR”."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("invited guest")
        verbose_name_plural = _("invited guests")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="invitation_unique_person")]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        detail = self.description or (self.person.organisation.display_name if self.person.organisation_id else "")
        return f"{self.person.name}, {detail}" if detail else self.person.name


class Substitution(models.Model):
    """A substitute known before the meeting: "X ersätter Y under dagens möte"."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), related_name="substitutions", on_delete=models.CASCADE
    )
    substitute = models.ForeignKey(
        Person, verbose_name=_("substitute"), related_name="substitutions_made", on_delete=models.PROTECT
    )
    replaces = models.ForeignKey(
        Person, verbose_name=_("replaces"), related_name="substituted_at", on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("substitution")
        verbose_name_plural = _("substitutions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "replaces"], name="substitution_unique_replaced"),
            models.CheckConstraint(condition=~Q(substitute=F("replaces")), name="substitution_not_self"),
        ]

    def __str__(self):
        return _("%(substitute)s replaces %(replaces)s") % {"substitute": self.substitute, "replaces": self.replaces}


def notice_pdf_path(instance, filename: str) -> str:
    return f"notices/{instance.meeting.date:%Y}/{uuid.uuid4().hex}.pdf"


class NoticeDispatch(models.Model):
    """One sent version of the notice, frozen: when, by whom, to whom, and exactly what was sent.

    The public site, the API and search read the newest sent version of a published notice from
    here, never the working copy: editing the agenda after sending changes nothing anyone has seen
    until the secretary sends a revised notice. The database refuses to change or delete a row.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), related_name="notice_dispatches", on_delete=models.CASCADE
    )
    version = models.PositiveSmallIntegerField(_("version"))
    sent_at = models.DateTimeField(_("sent"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        related_name="notice_dispatches",
        on_delete=models.PROTECT,
        null=True,
    )
    recipients = models.JSONField(_("recipients"), default=list, help_text=_("Name and e-mail of each recipient."))
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    pdf = models.FileField(_("PDF"), upload_to=notice_pdf_path, blank=True)
    html = models.TextField(_("content"), blank=True, help_text=_("The notice as sent, every attachment named."))
    public_html = models.TextField(_("public content"), blank=True)
    public_pdf_html = models.TextField(_("public PDF document"), blank=True)
    snapshot = models.JSONField(_("agenda as sent"), default=dict, blank=True)
    # The day the body really sent this version, when it was entered afterwards (a past year put into the portal):
    # the notice, the public pages and open data give this day; ``sent_at`` stays the moment it was entered.
    recorded_sent_on = models.DateField(_("sent on (recorded afterwards)"), null=True, blank=True)

    class Meta:
        verbose_name = _("sent notice")
        verbose_name_plural = _("sent notices")
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["meeting", "version"], name="notice_dispatch_unique_version")]

    def __str__(self):
        return f"{self.meeting} v{self.version}"

    @property
    def sent_on(self) -> datetime.date:
        """The day the notice was sent, as the record gives it: the day recorded afterwards, else the sending's."""
        return self.recorded_sent_on or timezone.localdate(self.sent_at)

    @property
    def sent_by_name(self) -> str:
        """Who sent it (or recorded it afterwards), as staff read it: the person's name, else the user name."""
        if self.sent_by_id is None:
            return str(_("the portal"))
        person = getattr(self.sent_by, "person", None)
        return person.name if person else self.sent_by.get_username()

    @property
    def meeting_as_sent(self) -> Meeting:
        """Its meeting with the date, times, kind, form and place this version printed."""
        return self.meeting.as_sent(self.snapshot.get("meeting"))


class PublicNoticePdf(models.Model):
    """The PDF the public downloads of a sent version of the notice (only its public attachments named), made in
    the background as soon as the version is sent (``meetings.tasks.make_public_notice_pdf``): where it is stored,
    its size and its SHA-512, for the open data's File. The sent version itself is never changed."""

    dispatch = models.OneToOneField(
        NoticeDispatch, verbose_name=_("sent notice"), related_name="public_pdf", on_delete=models.CASCADE
    )
    name = models.CharField(_("stored as"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    sha512 = models.CharField(_("SHA-512"), max_length=128)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("public PDF of a sent notice")
        verbose_name_plural = _("public PDFs of sent notices")

    def __str__(self):
        return self.name


class NoticeDelivery(models.Model):
    """Whether one recipient of a sent notice was reached: queued, accepted by the mail server, or failed
    (with the server's answer), bounced later (a delivery status notification, ``manage.py record_bounce``);
    or not sent at all for want of an address. When they first opened the meeting in the members' area.
    The secretary sees who was not reached before the meeting and can send to them alone."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Accepted by the mail server")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")
        NO_ADDRESS = "no_address", _("No e-mail address")

    dispatch = models.ForeignKey(
        NoticeDispatch, verbose_name=_("sent notice"), related_name="deliveries", on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        "members.Person", verbose_name=_("person"), related_name="notice_deliveries", on_delete=models.SET_NULL,
        null=True, blank=True,
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(_("error"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The Message-ID the mail went out with: a bounce names it, and so finds this delivery.
    message_id = models.CharField(_("message id"), max_length=200, blank=True, db_index=True)
    opened_at = models.DateTimeField(_("opened in the members' area"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("delivery of a notice")
        verbose_name_plural = _("deliveries of notices")
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name}: {self.get_status_display()}"

    @property
    def reached(self) -> bool:
        return self.status == self.Status.SENT


class MeetingLogEntry(models.Model):
    """Every change of state of a meeting, its notice or its notes: who, when, from what to what."""

    class Action(models.TextChoices):
        MEETING_CREATED = "meeting_created", _("Meeting created")
        AGENDA_ITEM_SAVED = "agenda_item_saved", _("Agenda item saved")
        AGENDA_ITEM_DELETED = "agenda_item_deleted", _("Agenda item deleted")
        AGENDA_REORDERED = "agenda_reordered", _("Agenda reordered")
        AGENDA_ITEMS_COPIED = "agenda_items_copied", _("Items taken from the previous meeting or the annual plan")
        PRESENTER_ADDED = "presenter_added", _("Presenter added")
        PRESENTER_REMOVED = "presenter_removed", _("Presenter removed")
        ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
        ATTACHMENT_DELETED = "attachment_deleted", _("Attachment deleted")
        GUEST_INVITED = "guest_invited", _("Guest invited")
        GUEST_REMOVED = "guest_removed", _("Guest removed")
        SUBSTITUTE_ADDED = "substitute_added", _("Substitute noted")
        SUBSTITUTE_REMOVED = "substitute_removed", _("Substitute removed")
        NOTICE_ANSWERED = "notice_answered", _("A member answered the notice")
        NOTICE_SENT = "notice_sent", _("Notice sent")
        NOTICE_PUBLISHED = "notice_published", _("Notice published")
        NOTICE_UNPUBLISHED = "notice_unpublished", _("Notice unpublished")
        NOTICE_CHANGES_UNDONE = "notice_changes_undone", _("Changes since the notice was sent undone")
        MEETING_SAVED = "meeting_saved", _("Meeting saved")
        MINUTES_STARTED = "minutes_started", _("Notes started")
        ATTENDANCE_SAVED = "attendance_saved", _("Attendance saved")
        ITEM_NOTES_SAVED = "item_notes_saved", _("Notes on an item saved")
        ASSIGNMENT_ADDED = "assignment_added", _("Assignment added")
        MINUTES_SENT_TO_CHAIR = "minutes_sent_to_chair", _("Notes sent to the chair")
        MINUTES_RETURNED = "minutes_returned", _("Notes sent back by the chair")
        MINUTES_APPROVED = "minutes_approved", _("Notes approved")
        MINUTES_APPROVAL_REFUSED = "minutes_approval_refused", _("Approval refused: the notes had changed")
        MINUTES_PUBLISHED = "minutes_published", _("Notes published")
        MINUTES_WITHDRAWN = "minutes_withdrawn", _("A version of the notes withdrawn from the public site")
        MINUTES_CORRECTION_STARTED = "minutes_correction_started", _("Correction started")
        MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
        CANCELLATION_SENT = "cancellation_sent", _("Notice of cancellation sent")
        NOTICE_RESENT = "notice_resent", _("Notice sent again to those not reached")
        ASSIGNMENT_REPORT_ADDED = "assignment_report_added", _("Report-back item added")
        ASSIGNMENTS_REPORTED = "assignments_reported", _("Assignments reported back")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), related_name="log", on_delete=models.CASCADE)
    action = models.CharField(_("action"), max_length=50, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=30, blank=True)
    to_state = models.CharField(_("to"), max_length=30, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="meeting_log",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("log entry")
        verbose_name_plural = _("log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    @property
    def who(self) -> str:
        """Who did it, as a person reads it: the name, else the user name; a step of the system itself
        (the demo's import, a migration) has no user."""
        if self.user_id is None:
            return str(_("the portal"))
        person = getattr(self.user, "person", None)
        return person.name if person else self.user.get_username()

    @property
    def from_label(self) -> str:
        return state_label(self.from_state)

    @property
    def to_label(self) -> str:
        return state_label(self.to_state)


def state_label(value: str) -> str:
    """A meeting's or its notes' state as a person reads it ("sent_to_chair" → "Skickade till ordföranden")."""
    # By name: meetings.models.minutes imports this module (through agenda), so importing it back made a circle.
    Minutes = apps.get_model("meetings", "Minutes")
    labels = {**dict(Meeting.Status.choices), **dict(Minutes.Status.choices), "published": _("Published")}
    return str(labels.get(value, value))
