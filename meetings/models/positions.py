import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from meetings.fields import SanitizedHTMLField
from meetings.models.agenda import AgendaItem, split_lines
from meetings.models.meeting import Meeting
from meetings.sanitize import text_to_html
from members.choices import label
from members.models import Body


class Matter(models.Model):
    """A question that runs over many meetings (ärende), e.g. "Nytt hälso- och sjukvårdsavtal"."""

    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="matters", on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # A matter merged into another (the same question under two spellings): its agenda items, positions and
    # plans now count as the other's, and its page leads there. The approved record keeps the id it froze.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        related_name="merged",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["body", "title"], name="matter_unique_title")]

    def __str__(self):
        return self.title

    @property
    def ids(self) -> list[int]:
        """This matter's id and those of the matters merged into it: what a read "of this matter" covers."""
        return [self.pk, *Matter.objects.filter(merged_into=self).values_list("pk", flat=True)]


class Position(models.Model):
    """What the body says (ställningstagande): taken at a meeting, per capsulam or by the chair."""

    class How(models.TextChoices):
        MEETING = "meeting", _("At a meeting")
        PER_CAPSULAM = "per_capsulam", _("Per capsulam")
        CHAIR_DECISION = "chair_decision", _("Chair's decision")

    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="positions", on_delete=models.PROTECT)
    how = models.CharField(_("how it was taken"), max_length=20, choices=How.choices, default=How.MEETING)
    taken_on = models.DateField(_("date"))
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        related_name="positions",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    # Empty for the working copy the secretary edits; set on the copy frozen with an approved version of
    # the notes, which is what the public reads (the database refuses any change to such a copy).
    minutes_version = models.ForeignKey(
        "meetings.MinutesVersion",
        verbose_name=_("approved version"),
        related_name="positions",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
    )
    matter = models.ForeignKey(
        Matter, verbose_name=_("matter"), related_name="positions", on_delete=models.SET_NULL, null=True, blank=True
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("in connection with meeting"),
        related_name="positions_outside_meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("For a position per capsulam, the cancelled meeting; for a chair's decision, e.g. the check-in."),
    )
    # The position as written, with its formatting (bold, italic, lists); ``text`` is its plain text, for
    # search, feeds and the API. Positions recorded before formatting (``text_html`` empty) are a lead
    # sentence in ``text`` and numbered ``clauses``, and read as that.
    text_html = SanitizedHTMLField(_("position"), blank=True)
    text = models.TextField(_("position as plain text"))
    clauses = models.TextField(_("clauses"), blank=True, help_text=_("One clause per line."))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Its place among the positions taken on the same item.")
    )
    notes_information = models.BooleanField(
        _("only notes the information"),
        default=False,
        help_text=_("“SRO noterar informationen”: left out of the yearly compilation."),
    )
    # On a copy frozen with an approved version: the assignments the position gave, as those notes print them
    # ([{"id", "assignees", "description", "due_on"}]); what the public reads of them. Empty on the working copy.
    assignments_given = models.JSONField(_("assignments given, as approved"), default=list, blank=True,
                                         editable=False)  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="positions_recorded",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    lock_version = models.PositiveIntegerField(_("version for concurrent saves"), default=0, editable=False)
    # Set by the database on PostgreSQL (migration 0015) from the text and clauses, for the public search.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["-taken_on", "order", "pk"]
        indexes = [
            models.Index(fields=["-taken_on"], name="position_newest_first"),
            # A body's years of positions, one probe a year (``meetings.selectors.registers.position_years``).
            models.Index(fields=["body", "-taken_on"], name="position_body_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(how="meeting") | Q(item__isnull=False), name="position_at_meeting_has_item"
            ),
            models.UniqueConstraint(
                fields=["item", "order"],
                condition=Q(item__isnull=False, minutes_version__isnull=True),
                name="position_working_copy_place_in_item",
            ),
            models.UniqueConstraint(
                fields=["item", "minutes_version", "order"],
                condition=Q(minutes_version__isnull=False),
                name="position_frozen_copy_place_in_item",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def get_how_display(self) -> str:
        return label(self.How, self.how)

    @property
    def clause_list(self) -> list[str]:
        return split_lines(self.clauses)

    @property
    def html(self) -> str:
        """The position as it is printed: safe to print with ``|safe`` (cleaned, or escaped plain text)."""
        return self.text_html or text_to_html(self.text, self.clause_list)

    @property
    def plain_text(self) -> str:
        """The whole position as plain text, a line per paragraph or list item (feeds, the API, search)."""
        if self.text_html:
            return self.text
        return "\n".join([self.text, *(f"{n}. {clause}" for n, clause in enumerate(self.clause_list, start=1))])

    @property
    def taken_outside_meeting(self) -> bool:
        return self.how != self.How.MEETING

    @property
    def current_matter(self) -> Matter | None:
        """The matter as it is known now: the one it was merged into, if it was (the approved record keeps the id
        it froze); what the public lists name and link to, as the compilation and the timeline do."""
        if not self.matter_id:
            return None
        return self.matter.merged_into or self.matter


class PositionCorrection(models.Model):
    """A correction of a position taken outside a meeting (per capsulam, a chair's decision).

    Such a position is public as soon as it is recorded, so a later edit is a correction, visible as such: this
    row keeps the wording as it was before, who corrected it, when and why. The public lists say "Rättat …" with
    the reason. The database refuses to change or delete a row (``meetings.integrity``)."""

    position = models.ForeignKey(
        Position, verbose_name=_("position"), related_name="corrections", on_delete=models.PROTECT
    )
    corrected_at = models.DateTimeField(_("corrected"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("corrected by"), related_name="+", on_delete=models.PROTECT,
        null=True, blank=True,
    )  # fmt: skip
    corrected_by_name = models.CharField(_("corrected by (name)"), max_length=200)
    reason = models.TextField(_("reason for the correction"))
    previous_how = models.CharField(_("how it was taken, before"), max_length=20, choices=Position.How.choices)
    previous_taken_on = models.DateField(_("date, before"))
    previous_matter_title = models.CharField(_("matter, before"), max_length=300, blank=True)
    previous_html = models.TextField(_("position, before"), help_text=_("Sanitised HTML, as it was printed."))

    class Meta:
        verbose_name = _("correction of a position")
        verbose_name_plural = _("corrections of positions")
        ordering = ["position", "corrected_at", "pk"]

    def __str__(self):
        return f"{self.position}: {self.corrected_at:%Y-%m-%d}"


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

    @property
    def due_on(self):
        """The day it is due: its date, or the date of the meeting it reports back to."""
        if self.due_date:
            return self.due_date
        return self.due_meeting.date if self.due_meeting_id else None

    def record(self) -> dict:
        """The assignment as approved notes print it, kept with the frozen copy of the position that gives it
        (``Position.assignments_given``)."""
        due = self.due_on
        return {"id": self.pk, "assignees": self.assignees, "description": self.description,
                "due_on": due.isoformat() if due else None}  # fmt: skip


class MatterDeadline(models.Model):
    """A date in a matter's life outside the meetings, e.g. the last day to answer a remiss."""

    matter = models.ForeignKey(Matter, verbose_name=_("matter"), related_name="deadlines", on_delete=models.CASCADE)
    date = models.DateField(_("date"))
    description = models.CharField(_("what"), max_length=300, help_text=_("E.g. “Sista dag för remissvar”."))

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.description}"


class PlanArea(models.Model):
    """A recurring area of the årshjul's grid ("Ärenden/områden"): a row of its own every year, kept even when
    nothing is planned in it. Taken out of use, it stays on the plans that name it."""

    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="plan_areas", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200, help_text=_("E.g. “Vårdinformationsmiljö”."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("recurring area")
        verbose_name_plural = _("recurring areas")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="plan_area_unique_name")]

    def __str__(self):
        return self.name


class AnnualPlanEntry(models.Model):
    """One line of the annual plan (årshjul): a matter planned for a coming meeting, or for a quarter."""

    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="annual_plan", on_delete=models.CASCADE)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        related_name="annual_plan_entries",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    matter = models.ForeignKey(
        Matter, verbose_name=_("matter"), related_name="plan_entries", on_delete=models.CASCADE, null=True, blank=True
    )
    area = models.ForeignKey(
        PlanArea, verbose_name=_("recurring area"), related_name="entries", on_delete=models.PROTECT, null=True,
        blank=True,
    )  # fmt: skip
    topic = models.CharField(
        _("what"), max_length=300, blank=True, help_text=_("E.g. “Lägesbeskrivning”; printed after the matter.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    lock_version = models.PositiveIntegerField(_("version for concurrent saves"), default=0, editable=False)

    class Meta:
        verbose_name = _("annual plan entry")
        verbose_name_plural = _("annual plan")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False) | (Q(year__isnull=False) & Q(quarter__isnull=False)),
                name="annual_plan_entry_has_a_time",
            ),
            models.CheckConstraint(
                condition=Q(matter__isnull=False) | Q(area__isnull=False) | ~Q(topic=""),
                name="annual_plan_entry_says_something",
            ),
        ]

    def __str__(self):
        return self.label

    def _text(self, *, in_area_row: bool = False) -> str:
        """ "Vårdinformationsmiljö: Lägesbeskrivning": the matter, else the recurring area (left out in the
        area's own row of the grid), then what is planned."""
        heading = self.matter.title if self.matter_id else ""
        if not heading and self.area_id and not in_area_row:
            heading = self.area.name
        if heading and self.topic:
            return f"{heading}: {self.topic}"
        return heading or self.topic or (self.area.name if self.area_id else "")

    @property
    def label(self) -> str:
        """As the plan reads in plain text (a *word* in stars is italic in print; here without the stars)."""
        return self._text().replace("*", "")

    @property
    def label_html(self):
        return _italics(self._text())

    @property
    def area_cell_html(self):
        """As the entry reads in its recurring area's row of the grid."""
        return _italics(self._text(in_area_row=True))

    @property
    def matter_cell_html(self):
        """As the entry reads in its matter's own row: what is planned, or the matter when that is all it says."""
        return _italics(self.topic or self._text())


_STARRED = re.compile(r"\*([^*]+)\*")


def _italics(text: str):
    """The plan's one piece of formatting: *words in stars* print in italics (SRO's årshjul has them)."""
    return mark_safe(_STARRED.sub(r"<em>\1</em>", escape(text)).replace("*", ""))
