from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from members.choices import label

# The portal's own first path segments: a body's section cannot take one of them.
RESERVED_SLUGS = frozenset({
    "admin", "staff", "api", "alerts", "my-meetings", "verify", "media", "static", "bodies", "meetings",
    "attachments", "positions", "review", "matters", "annual-plan", "members", "search", "open-data",
    "accessibility", "feeds", "calendar.ics", "sitemap.xml", "robots.txt", "favicon.ico", "all",
})  # fmt: skip


def validate_body_slug(value: str):
    if value in RESERVED_SLUGS:
        raise ValidationError(_("“%(value)s” is one of the portal's own addresses; choose another."),
                              params={"value": value}, code="reserved")  # fmt: skip


class Body(models.Model):
    """A body that meets: SRO, or e.g. a political preparation group."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=30, unique=True)
    slug = models.SlugField(
        _("web address"),
        max_length=40,
        unique=True,
        blank=True,
        validators=[validate_body_slug],
        help_text=_("The body's public section: /<web address>/ (the first body, SRO, is at /)."),
    )
    subtitle = models.CharField(
        _("subtitle"), max_length=200, blank=True, help_text=_("Printed under the title of notices and notes.")
    )
    description = models.TextField(_("description"), blank=True, help_text=_("What the body is and does."))
    publish_on_approval = models.BooleanField(
        _("publish notes when approved"),
        default=False,
        help_text=_("The notes are published on the public site as soon as the chair approves them, without a "
                    "further step by the secretary (SRO: “Minnesanteckningar skall undertecknas/godkännas av "
                    "ordföranden och publiceras på hemsida”)."),
    )  # fmt: skip
    publish_notice_on_send = models.BooleanField(
        _("publish the notice when it is sent"),
        default=False,
        help_text=_("The notice is on the public site the moment it is sent, so every link in the notice mail "
                    "works at once; otherwise the secretary publishes it in a further step."),
    )  # fmt: skip
    # When the row was made and last changed: the open data's created and modified, and its date filters.
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]

    def __str__(self):
        return self.short_name

    def save(self, *args, **kwargs):
        if not self.slug:  # "GBR" → "gbr"; the admin's form offers it too
            self.slug = slugify(self.short_name)[:40]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The start of the body's public section (the first body's is ``/``), as ``meetings.sections`` lays them
        out: reversed by name here, since the people app sits below the meetings app and imports nothing of it."""
        first_pk = Body.objects.order_by("pk").values_list("pk", flat=True).first()
        return reverse("public:home") if self.pk == first_pk else reverse("public:home", args=[self])


class StaffRole(models.Model):
    """Who keeps a body's meetings (its secretary) or chairs it: a role is held in one body.

    A secretary sees and changes only the bodies she has the role in; a chair approves only her body's notes
    (and only as chair or vice chair on the meeting's date). The role's group (its permissions) follows the rows:
    meetings.roles keeps them in step.
    """

    class Role(models.TextChoices):
        SECRETARY = "secretary", _("Secretary")
        CHAIR = "chair", _("Chair")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), related_name="staff_roles", on_delete=models.CASCADE
    )
    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="staff_roles", on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        ordering = ["body__name", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "body", "role"], name="staff_role_once_per_body")]

    def __str__(self):
        return f"{self.get_role_display()}, {self.body}"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        REGIONAL_BOARD = "regional_board", _("Regional board or committee")
        ASSOCIATION = "association", _("Association of local authorities")
        MUNICIPAL_ASSOCIATION = "municipal_association", _("Municipal association")
        MUNICIPALITY = "municipality", _("Municipality")
        COMPANY = "company", _("Company or consultancy")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("The full, official name."))
    common_name = models.CharField(
        _("common name"), max_length=100, blank=True, help_text=_("The name used in lists, e.g. Göteborgsregionen.")
    )
    short_name = models.CharField(_("short name"), max_length=30, blank=True, help_text=_("E.g. GR, VGR, SSN."))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    # When the row was made and last changed: the open data's created and modified, and its date filters.
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("pk")),
                name="organisation_not_own_parent",
            )
        ]

    def __str__(self):
        return self.display_name

    def get_kind_display(self) -> str:
        return label(self.Kind, self.kind)

    @property
    def display_name(self) -> str:
        return self.common_name or self.name


class Party(models.Model):
    abbreviation = models.CharField(_("abbreviation"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["abbreviation"]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})"


class Person(models.Model):
    """A politician or an official. Contact details are never shown in public."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        related_name="people",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("home organisation"),
        related_name="people",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Where the person works or sits; used for invited guests and presenters."),
    )
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("E.g. förbundsdirektör."))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        related_name="person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # When the row was made and last changed: the open data's created and modified, and its date filters.
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def name_with_party(self) -> str:
        if self.party_id:
            return f"{self.name} ({self.party.abbreviation})"
        return self.name


class Term(models.Model):
    """A mandatperiod, e.g. 2023–2026."""

    name = models.CharField(_("name"), max_length=30, unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    # When the row was made and last changed: the open data's created and modified, and its date filters.
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gt=F("start_date")), name="term_end_after_start"),
        ]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def on(self, day):
        """The memberships in force on ``day``: the body's composition is a query, not a copy."""
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))


class Membership(models.Model):
    """A person's seat in a body for a period."""

    class Side(models.TextChoices):
        MUNICIPALITIES = "vgk", _("The municipalities (VGK)")
        REGION = "vgr", _("Västra Götalandsregionen (VGR)")

    class Category(models.TextChoices):
        POLITICIAN = "politician", _("Politician")
        OFFICIAL = "official", _("Official")
        ADMINISTRATION = "administration", _("Administration")
        COMMUNICATION = "communication", _("Communication")

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice chair")
        MEMBER = "member", _("member")
        SUBSTITUTE = "substitute", _("substitute")
        SECRETARY = "secretary", _("secretary")
        ADJUNCT = "adjunct", _("co-opted")

    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="memberships", on_delete=models.CASCADE)
    person = models.ForeignKey(Person, verbose_name=_("person"), related_name="memberships", on_delete=models.PROTECT)
    term = models.ForeignKey(
        Term, verbose_name=_("term"), related_name="memberships", on_delete=models.PROTECT, null=True, blank=True
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation represented"),
        related_name="memberships",
        on_delete=models.PROTECT,
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    title = models.CharField(
        _("title at home"),
        max_length=200,
        blank=True,
        help_text=_(
            "E.g. “ordf. Regionstyrelsen” or “förbundsdirektör Göteborgsregionen”; "
            "left empty, the organisation is shown."
        ),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("order in lists"), default=0, help_text=_("Lower numbers come first within their group.")
    )

    # When the row was made and last changed: the open data's created and modified, and its date filters.
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["side", "category", "sort_order", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_end_not_before_start",
            ),
            models.UniqueConstraint(fields=["body", "person", "start_date"], name="membership_unique_person_start"),
        ]

    def __str__(self):
        return f"{self.person} – {self.body} ({self.get_role_display()})"

    def get_role_display(self) -> str:
        return label(self.Role, self.role)

    @property
    def is_presidium(self) -> bool:
        return self.role in (self.Role.CHAIR, self.Role.VICE_CHAIR)

    @property
    def description(self) -> str:
        """ "Name (Party), title or organisation", the line without the role in the body."""
        return f"{self.person.name_with_party}, {self.title or self.organisation.display_name}"

    @property
    def line(self) -> str:
        """The member as the notice lists them: "Name (Party), title or organisation, role"."""
        if self.is_presidium:
            return f"{self.description}, {self.get_role_display()}"
        return self.description

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.body_id and self.person_id and self.start_date:
            overlapping = Membership.objects.filter(body_id=self.body_id, person_id=self.person_id).exclude(pk=self.pk)
            overlapping = overlapping.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))
            if self.end_date:
                overlapping = overlapping.filter(start_date__lte=self.end_date)
            if overlapping.exists():
                raise ValidationError(_("The person already has a membership in this body during that period."))


class PersonLogEntry(models.Model):
    """A change of a person's credentials for "Mina möten" (the e-mail address, the account link): who made it, when,
    from what to what. The old address is told by mail (``members.services``)."""

    class Action(models.TextChoices):
        EMAIL_CHANGED = "email_changed", _("E-mail address changed")
        ACCOUNT_CHANGED = "account_changed", _("User account link changed")

    person = models.ForeignKey(Person, verbose_name=_("person"), related_name="log", on_delete=models.CASCADE)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    old_value = models.CharField(_("before"), max_length=254, blank=True)
    new_value = models.CharField(_("after"), max_length=254, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        related_name="person_changes",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    # When the mail server took the mail telling the old address of this change (``members.tasks.send_mail_task``):
    # a task run again (its worker stopped after the server took the mail, say) finds it set and sends nothing twice.
    old_address_told_at = models.DateTimeField(_("old address told"), null=True, blank=True)

    class Meta:
        verbose_name = _("change of credentials")
        verbose_name_plural = _("changes of credentials")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.person}: {self.get_action_display()}"
