"""SRO's recommendations to the parties (huvudmännen) and what each party decided.

SRO decides nothing itself: a position that "rekommenderar huvudmännen att var för sig besluta …" goes to the
registrar of each of the 50 parties (Västra Götalandsregionen and the region's 49 municipalities), and each council
decides. A ``Recommendation`` marks such a position; a ``Dispatch`` is its sending, with one ``Delivery`` per
recipient (a party's registrar, or a kommunalförbund's answering for its members); each delivery carries a one-time
answer link. What a party reports is an ``Answer``: entries are only added, never changed — a correction is a new
entry with its reason, as the record itself is corrected. A party's standing is its newest entry."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import NoticeDelivery
from members.choices import label


class Channel(models.Model):
    """An organisation that receives SRO's recommendations for parties and may answer for them: a kommunalförbund
    for its member municipalities, VästKom for all 49 (reference data, ``recommendations.parties``). Its own rows,
    not the people register's organisations: the register lists who sits and presents, this the fixed map of the
    parties."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    common_name = models.CharField(_("common name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    answers_for_all = models.BooleanField(_("answers for every municipality"), default=False)
    registrar_email = models.EmailField(_("registrar's e-mail"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("answering channel")
        verbose_name_plural = _("answering channels")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.common_name

    def answers_for(self, principal: "Principal") -> bool:
        if self.answers_for_all:
            return principal.kind == Principal.Kind.MUNICIPALITY
        return principal.group_id == self.pk


class Principal(models.Model):
    """A party that decides on SRO's recommendations (huvudman): the region or one of its 49 municipalities, each
    municipality in one kommunalförbund, its group (reference data, ``recommendations.parties``)."""

    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Municipality")

    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("The official name."))
    common_name = models.CharField(_("common name"), max_length=100, help_text=_("E.g. Ale, Borås."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    group = models.ForeignKey(
        Channel, verbose_name=_("kommunalförbund"), related_name="members", on_delete=models.PROTECT,
        null=True, blank=True,
    )  # fmt: skip
    # The diarium's address: not public, kept by the secretary (every change is logged).
    registrar_email = models.EmailField(_("registrar's e-mail"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="region", group__isnull=True) | Q(kind="municipality", group__isnull=False),
                name="principal_municipality_in_a_group",
            )
        ]

    def __str__(self):
        return self.common_name

    def get_kind_display(self) -> str:
        return label(self.Kind, self.kind)


class Recommendation(models.Model):
    """A position that recommends the parties to decide, as the secretary marked it: the decision asked of each
    party, the documents that go with it, the date to answer by and the date it is to take effect."""

    body = models.ForeignKey(
        "members.Body", verbose_name=_("body"), related_name="recommendations", on_delete=models.PROTECT
    )
    # The position as the public reads it: the copy frozen with the approved notes, or a position taken per
    # capsulam (public when recorded). What was sent never changes: a later approved version of the notes makes
    # new copies, and this one stays the one sent.
    position = models.OneToOneField(
        "meetings.Position", verbose_name=_("position"), related_name="recommendation", on_delete=models.PROTECT
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("A short name for lists, e.g. the matter's."))
    decision_asked = models.TextField(
        _("decision asked of each party"),
        help_text=_("E.g. “att anta Överenskommelse om samverkan kring digitala hjälpmedel”."),
    )
    answer_by = models.DateField(_("answer by"))
    takes_effect_on = models.DateField(_("takes effect"), null=True, blank=True)
    # The documents sent with it: attachments of the position's item as they were frozen with the approved notes.
    documents = models.ManyToManyField(
        "meetings.Attachment", verbose_name=_("documents"), related_name="recommendations", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("marked by"), related_name="+", on_delete=models.SET_NULL,
        null=True, blank=True,
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-position__taken_on", "pk"]

    def __str__(self):
        return self.title


class Dispatch(models.Model):
    """One sending of a recommendation to the parties' registrars (and the channels). Sent once; a later sending
    (to parties added, or again) is a dispatch of its own."""

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), related_name="dispatches", on_delete=models.PROTECT
    )
    sent_at = models.DateTimeField(_("sent"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), related_name="+", on_delete=models.SET_NULL,
        null=True, blank=True,
    )  # fmt: skip
    # The idempotency key of the form that sent it: a double click sends once.
    key = models.CharField(_("key"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("sending of a recommendation")
        verbose_name_plural = _("sendings of recommendations")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.recommendation}, {self.sent_at:%Y-%m-%d}"


class Delivery(models.Model):
    """One recipient of a sending, its mail's fate (as a notice's delivery) and its one-time answer link. The link
    answers for its own party (or, for a channel, for the channel's members) and this recommendation only."""

    # The fates a notice's mail has, the same words on the staff pages.
    Status = NoticeDelivery.Status

    dispatch = models.ForeignKey(Dispatch, verbose_name=_("sending"), related_name="deliveries",
                                 on_delete=models.CASCADE)  # fmt: skip
    principal = models.ForeignKey(
        Principal, verbose_name=_("party"), related_name="deliveries", on_delete=models.PROTECT, null=True, blank=True
    )
    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), related_name="deliveries", on_delete=models.PROTECT, null=True, blank=True
    )
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(_("error"), max_length=300, blank=True)
    message_id = models.CharField(_("message id"), max_length=200, blank=True, db_index=True)
    # The answer link's secret, kept only as its SHA-256; it expires, and a used link can be used again only until
    # then (to add the decision after the receipt), never after.
    token_sha256 = models.CharField(_("link"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("link expires"))
    first_used_at = models.DateTimeField(_("link first used"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("delivery of a recommendation")
        verbose_name_plural = _("deliveries of recommendations")
        constraints = [
            models.CheckConstraint(
                condition=Q(principal__isnull=False, channel__isnull=True)
                | Q(principal__isnull=True, channel__isnull=False),
                name="delivery_to_party_or_channel",
            )
        ]

    def __str__(self):
        return str(self.principal or self.channel)

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)


class Answer(models.Model):
    """What one party reported of one recommendation, as one entry of its log: received (their diarienummer),
    decided (when, by which body, with what outcome, with their protocol extract). Only added: the database refuses
    a change or a deletion. A later entry that changes a recorded decision is a correction and says why."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        ADOPTED_WITH_CHANGES = "adopted_with_changes", _("Adopted with changes")
        REJECTED = "rejected", _("Rejected")
        ABSTAINED = "abstained", _("Abstains")

    class DecidedBy(models.TextChoices):
        MUNICIPAL_COUNCIL = "kommunfullmaktige", _("Municipal council")
        MUNICIPAL_BOARD = "kommunstyrelsen", _("Municipal executive board")
        REGIONAL_COUNCIL = "regionfullmaktige", _("Regional council")
        REGIONAL_BOARD = "regionstyrelsen", _("Regional executive board")
        COMMITTEE = "namnd", _("Committee")

    class Via(models.TextChoices):
        PARTY_LINK = "party_link", _("The party's answer link")
        CHANNEL_LINK = "channel_link", _("A channel's answer link")
        SECRETARY = "secretary", _("Recorded by the secretary from a protocol")

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), related_name="answers", on_delete=models.PROTECT
    )
    principal = models.ForeignKey(Principal, verbose_name=_("party"), related_name="answers",
                                  on_delete=models.PROTECT)  # fmt: skip
    via = models.CharField(_("recorded through"), max_length=20, choices=Via.choices)
    delivery = models.ForeignKey(
        Delivery, verbose_name=_("answer link"), related_name="answers", on_delete=models.PROTECT,
        null=True, blank=True,
    )  # fmt: skip
    channel = models.ForeignKey(
        Channel, verbose_name=_("answered by"), related_name="answers", on_delete=models.PROTECT,
        null=True, blank=True,
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), related_name="+", on_delete=models.PROTECT,
        null=True, blank=True,
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded"))
    responder_name = models.CharField(_("answered by (name)"), max_length=200, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=100, blank=True)
    received_on = models.DateField(_("received"), null=True, blank=True)
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=30, choices=DecidedBy.choices, blank=True)
    decided_by_name = models.CharField(
        _("name of the committee"), max_length=200, blank=True, help_text=_("For a committee: its name.")
    )
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    decision_url = models.URLField(_("link to the decision"), max_length=500, blank=True)
    decision_file = models.FileField(_("protocol extract"), upload_to="recommendations/%Y/", blank=True)
    # Staff-only, as the registrar's address.
    note = models.TextField(_("note"), blank=True)
    corrects = models.ForeignKey(
        "self", verbose_name=_("corrects"), related_name="corrections", on_delete=models.PROTECT,
        null=True, blank=True,
    )  # fmt: skip
    correction_reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["recommendation", "principal", "-recorded_at"], name="answer_newest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""), name="answer_correction_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(decided_on__isnull=False), name="answer_outcome_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.principal}: {self.get_outcome_display() or _('received')}"

    def get_outcome_display(self) -> str:
        return label(self.Outcome, self.outcome) if self.outcome else ""

    def get_decided_by_display(self) -> str:
        return label(self.DecidedBy, self.decided_by) if self.decided_by else ""


class PrincipalLogEntry(models.Model):
    """A change of a party's or a channel's registrar address: who, when, from what to what."""

    principal = models.ForeignKey(
        Principal, verbose_name=_("party"), related_name="log", on_delete=models.CASCADE, null=True, blank=True
    )
    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), related_name="log", on_delete=models.CASCADE, null=True, blank=True
    )
    old_value = models.CharField(_("before"), max_length=254, blank=True)
    new_value = models.CharField(_("after"), max_length=254, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), related_name="+", on_delete=models.SET_NULL,
        null=True, blank=True,
    )  # fmt: skip
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("change of a registrar's address")
        verbose_name_plural = _("changes of registrars' addresses")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.principal or self.channel}: {self.old_value} → {self.new_value}"


class StatusNote(models.Model):
    """What the secretariat reported of where a recommendation stands, dated and in its own words, where the parties'
    own answers are not known one by one (seed 004: "I dagsläget är det 42 kommuner och Västra Götalandsregionen som
    fattat beslut …"). Public, beside the parties' table; it never stands in for a party's answer."""

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), related_name="status_notes", on_delete=models.PROTECT
    )
    written_on = models.DateField(_("date"))
    text = models.TextField(_("status report"))
    source = models.CharField(_("source"), max_length=300, blank=True,
                              help_text=_("E.g. “Minnesanteckningar SRO 19 oktober 2022”."))  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), related_name="+", on_delete=models.SET_NULL,
        null=True, blank=True,
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-written_on", "-pk"]

    def __str__(self):
        return f"{self.recommendation}, {self.written_on:%Y-%m-%d}"


class Reminder(models.Model):
    """A reminder mailed to a recipient that had not reported a decision, ``days_before`` the answer date: one per
    recipient and reminder, so running the reminders again the same day (or the next) sends nothing twice."""

    delivery = models.ForeignKey(Delivery, verbose_name=_("delivery of a recommendation"), related_name="reminders",
                                 on_delete=models.CASCADE)  # fmt: skip
    days_before = models.PositiveSmallIntegerField(_("days before the answer date"))
    sent_on = models.DateField(_("sent"))

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["delivery", "days_before"], name="reminder_once")]

    def __str__(self):
        return f"{self.delivery}: {self.days_before}"
