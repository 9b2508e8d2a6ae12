from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models.agenda import AgendaItem, split_lines
from meetings.models.meeting import Meeting
from members.models import Body


class Matter(models.Model):
    """A question that runs over many meetings (ärende), e.g. "Nytt hälso- och sjukvårdsavtal"."""

    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="matters", on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["body", "title"], name="matter_unique_title")]

    def __str__(self):
        return self.title


class Position(models.Model):
    """What the body says (ställningstagande): taken at a meeting, per capsulam or by the chair."""

    class How(models.TextChoices):
        MEETING = "meeting", _("At a meeting")
        PER_CAPSULAM = "per_capsulam", _("Per capsulam")
        CHAIR_DECISION = "chair_decision", _("Chair's decision")

    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="positions", on_delete=models.PROTECT)
    how = models.CharField(_("how it was taken"), max_length=20, choices=How.choices, default=How.MEETING)
    taken_on = models.DateField(_("date"))
    item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        related_name="position",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    matter = models.ForeignKey(
        Matter, verbose_name=_("matter"), related_name="positions", on_delete=models.SET_NULL, null=True, blank=True
    )
    text = models.TextField(_("position"))
    clauses = models.TextField(_("clauses"), blank=True, help_text=_("One clause per line."))
    notes_information = models.BooleanField(
        _("only notes the information"),
        default=False,
        help_text=_("“SRO noterar informationen”: left out of the yearly compilation."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["-taken_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(how="meeting") | Q(item__isnull=False), name="position_at_meeting_has_item"
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def clause_list(self) -> list[str]:
        return split_lines(self.clauses)


class Assignment(models.Model):
    """A task the body gives (uppdrag), with when it is to be reported back."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        REPORTED = "reported", _("Reported back")
        CLOSED = "closed", _("Closed")

    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="assignments", on_delete=models.PROTECT)
    position = models.ForeignKey(
        Position,
        verbose_name=_("given by position"),
        related_name="assignments",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    matter = models.ForeignKey(
        Matter, verbose_name=_("matter"), related_name="assignments", on_delete=models.SET_NULL, null=True, blank=True
    )
    assignees = models.CharField(_("given to"), max_length=300, help_text=_("E.g. “VGR och Västkom”."))
    description = models.TextField(_("what"))
    due_date = models.DateField(_("report back by"), null=True, blank=True)
    due_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("report back at meeting"),
        related_name="assignments_due",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    report_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("reported back in item"),
        related_name="reported_assignments",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return f"{self.assignees}: {self.description[:60]}"
