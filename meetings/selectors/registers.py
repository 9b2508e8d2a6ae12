"""Reads for the body's memory: positions, the yearly compilation, assignments, matters and the annual plan.

Public readers pass ``public=True`` and see only what is published: positions taken at a meeting as
the newest published version of its notes froze them (a correction in progress changes nothing the
public reads until the chair approves it and it is published), and positions recorded outside a
meeting (per capsulam, chair's decisions), which are decisions already taken when the secretary
records them. Staff read the working copy.
"""

import datetime
import functools
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from meetings.dates import long_date
from meetings.models import (
    AgendaItem,
    AnnualPlanEntry,
    Assignment,
    FrozenItem,
    Matter,
    MatterDeadline,
    Meeting,
    PlanArea,
    Position,
    PositionCorrection,
    PublicMatter,
    PublicVersion,
)
from meetings.models.meeting import in_time_order
from meetings.querysets import built_once

OUTSIDE_MEETING = [Position.How.PER_CAPSULAM, Position.How.CHAIR_DECISION]


def matter_titles(*, body) -> list[str]:
    """The body's matters, for the suggestions offered as the secretary types."""
    matters = Matter.objects.filter(body=body, merged_into__isnull=True)
    return list(matters.order_by("title").values_list("title", flat=True))


def visible_positions(*, body=None, public: bool = False):
    """Which positions a reader sees, and nothing more (for counting, years, and "is there one")."""
    positions = Position.objects.all() if body is None else Position.objects.filter(body=body)
    if public:
        return positions.filter(
            Q(how__in=OUTSIDE_MEETING) | Q(minutes_version_id__in=PublicVersion.objects.values("version_id"))
        )
    return positions.filter(minutes_version__isnull=True)


def positions_queryset(*, body=None, public: bool = False):
    """Positions with what a list of them shows, newest first: the matter as it is known now, and the body when
    the list is of every body. Nothing else is joined (the meeting of a position outside a meeting is read by the
    compilation alone): each table joined cost PostgreSQL about half a millisecond more to plan the query, on
    every page that lists positions."""
    if body is None:
        return _positions(public=public, with_body=True)
    return _positions(public=public, with_body=False).filter(body=body)


@built_once
def _positions(*, public: bool, with_body: bool):
    positions = visible_positions(public=public).select_related(
        "matter", "matter__merged_into", *(["body"] if with_body else [])
    )
    if public:
        # The item as the same approved version froze it: a public read never touches the agenda being
        # edited (a title changed during a correction stays out of sight, and out of the cache's concern).
        frozen = FrozenItem.objects.filter(
            minutes_version=OuterRef("minutes_version"), item_id=OuterRef("item_id")
        ).order_by()  # one row (unique in its version): no order, and no join to the meetings to order by
        # Its meeting and date as that version froze them too: the same as the meeting's own, read in the same
        # row rather than joined through the version and the notes (three joins cost PostgreSQL 0.5 ms to plan).
        positions = positions.annotate(
            agenda_title=Subquery(frozen.values("title")[:1]),
            agenda_place=Subquery(frozen.values("sequence")[:1]),
            agenda_meeting_id=Subquery(frozen.values("meeting_id")[:1]),
            agenda_meeting_date=Subquery(frozen.values("meeting_date")[:1]),
        )
    else:
        positions = positions.annotate(
            agenda_title=F("item__title"),
            # A sub-item in its place: after its item, before the next (its order alone would interleave them).
            agenda_place=Coalesce(F("item__parent__order"), F("item__order")) * 1000
            + Case(When(item__parent__isnull=False, then=F("item__order")), default=Value(0)),
            agenda_meeting_id=F("item__meeting_id"),
            agenda_meeting_date=F("item__meeting__date"),
        )
    # The newest correction of a position taken outside a meeting, if any: the lists say "Rättat …" with its reason.
    newest = PositionCorrection.objects.filter(position=OuterRef("pk")).order_by("-corrected_at", "-pk")
    positions = positions.annotate(
        corrected_at=Subquery(newest.values("corrected_at")[:1]),
        correction_reason=Subquery(newest.values("reason")[:1]),
    )
    return positions.order_by("-taken_on", "agenda_place", "order", "pk")


def positions_filtered(positions, *, year=None, meeting=None, matter=None, how=None, only_notes_information=None):
    """Narrow a register by year, meeting, matter, how it was taken and whether it only notes information."""
    if year:
        positions = positions.filter(taken_on__year=year)
    if meeting:
        positions = positions.filter(Q(item__meeting=meeting) | Q(meeting=meeting))
    if matter:
        positions = positions.filter(Q(matter=matter) | Q(matter__merged_into=matter))
    if how:
        positions = positions.filter(how=how)
    if only_notes_information is not None:
        positions = positions.filter(notes_information=only_notes_information)
    return positions


def position_years(*, body=None, public: bool = False) -> list[int]:
    """The years with positions the reader sees, newest first.

    Read year by year from the newest: the newest visible position, then the newest before the 1 January of its
    year, and so on, each an index probe (``position_body_newest_first``), in one recursive query. The work
    follows the years, not the positions of every year (a ``DISTINCT`` over every position grew from 2.5 to
    7 ms between 10 and 30 years of history)."""
    connection = connections[Position.objects.db]
    sql, params = _years_query(connection.vendor, None if body is None else body.pk, public)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        days = [row[0] for row in cursor.fetchall()]
    return [(day if isinstance(day, datetime.date) else datetime.date.fromisoformat(day)).year for day in days]


@functools.lru_cache(maxsize=256)
def _years_query(vendor: str, body_pk: int | None, public: bool) -> tuple[str, tuple]:
    """The recursive query of ``position_years`` and its parameters: the same for the same body every time, so
    built once per process (building and compiling its two parts cost about a millisecond a page)."""
    start_of_year = {"postgresql": "CAST(date_trunc('year', years.day) AS date)"}.get(
        vendor, "date(years.day, 'start of year')"
    )
    visible = visible_positions(body=body_pk, public=public).order_by("-taken_on").values("taken_on")
    newest, before = visible[:1], visible.filter(taken_on__lt=RawSQL(start_of_year, []))[:1]
    first_sql, first_params = newest.query.sql_with_params()
    next_sql, next_params = before.query.sql_with_params()
    sql = (
        f"WITH RECURSIVE years(day) AS (SELECT ({first_sql}) UNION ALL "
        f"SELECT ({next_sql}) FROM years WHERE years.day IS NOT NULL) "
        "SELECT day FROM years WHERE day IS NOT NULL"
    )
    return sql, (*first_params, *next_params)


def position_subject(position: Position) -> str:
    """What a position is about: its matter, or the title of its item (as ``positions_queryset`` read it)."""
    if position.matter_id:
        return position.current_matter.title
    if hasattr(position, "agenda_title"):
        return position.agenda_title or ""
    return position.item.title if position.item_id else ""


@dataclass
class CompilationGroup:
    """The positions on one matter (or item) in a row, under its title: SRO lists each one separately."""

    subject: str
    positions: list[Position] = field(default_factory=list)
    label: str = ""  # "Per capsulam 28 april 2031": how they were taken, where no heading says it


@dataclass
class CompilationSection:
    """The positions of one meeting, or of one day's per capsulam or chair's decisions. ``heading`` is empty
    where the month's heading says it all: the month's one meeting, and a per capsulam round (its positions
    labelled instead)."""

    heading: str
    how: str
    date: datetime.date
    positions: list[Position] = field(default_factory=list)
    note: str = ""  # a line under the heading
    cancelled: bool = False  # per capsulam in place of the month's cancelled meeting

    @property
    def groups(self) -> list[CompilationGroup]:
        groups: list[CompilationGroup] = []
        for position in self.positions:
            subject = position_subject(position)
            if not groups or groups[-1].subject != subject:
                label = ""
                if self.how == Position.How.PER_CAPSULAM:
                    label = _("Per capsulam %(date)s") % {"date": long_date(position.taken_on)}
                groups.append(CompilationGroup(subject=subject, label=label))
            groups[-1].positions.append(position)
        return groups


@dataclass
class CompilationMonth:
    heading: str
    sections: list[CompilationSection] = field(default_factory=list)


@dataclass
class Compilation:
    body: object
    year: int
    months: list[CompilationMonth]
    left_out: int  # positions that only note the information

    @property
    def count(self) -> int:
        return sum(len(s.positions) for m in self.months for s in m.sections)


def _section_heading(position: Position) -> str:
    """A section's heading in SRO's own words, before the month decides which it keeps (``_headings``)."""
    day = long_date(position.taken_on)
    meeting = position.meeting if position.meeting_id else None
    if position.how == Position.How.PER_CAPSULAM:
        if meeting and meeting.status == Meeting.Status.CANCELLED:
            return _("The meeting is cancelled and these matters are handled per capsulam.")
        return ""
    if position.how == Position.How.CHAIR_DECISION:
        if meeting and meeting.kind == Meeting.Kind.CHECK_IN:
            return _("Check-in meeting %(date)s: chair's decisions") % {"date": long_date(meeting.date)}
        return _("Chair's decision %(date)s") % {"date": day}
    return _("Meeting %(date)s") % {"date": long_date(position.agenda_meeting_date)}


def _headings(month: "CompilationMonth") -> None:
    """SRO's headings within a month: the month heads its one meeting (no "Möte <date>" line of its own) and its
    per capsulam rounds (their positions labelled); a cancelled meeting's per capsulam round heads the month with
    "Mötet ställs in …". What has no heading of its own comes first, so that it never reads as under another's."""
    meetings = [s for s in month.sections if s.how == Position.How.MEETING]
    cancelled = any(s.cancelled for s in month.sections)
    if len(meetings) == 1 and not cancelled:
        meetings[0].heading = ""
    month.sections.sort(key=lambda s: (0 if s.cancelled else 1 if not s.heading else 2, s.date))


def yearly_compilation(*, body, year: int, public: bool) -> Compilation:
    """ "Samtliga ställningstaganden ÅR": every position of the year, grouped by month and by meeting.

    Per capsulam and chair's decisions are sections of their own; the plain "noterar informationen"
    is left out and counted, so the document can say so.
    """
    positions = list(positions_filtered(positions_queryset(body=body, public=public), year=year).select_related(
        "meeting"  # of a position outside a meeting, for its section's heading
    ).order_by("taken_on", "agenda_meeting_id", "meeting_id", "agenda_place", "order", "pk"))  # fmt: skip
    left_out = sum(1 for p in positions if p.notes_information)
    months: dict[tuple[int, int], CompilationMonth] = {}
    sections: dict[tuple, CompilationSection] = {}
    for position in positions:
        if position.notes_information:
            continue
        month_key = (position.taken_on.year, position.taken_on.month)
        if month_key not in months:
            month_name = capfirst(date_format(position.taken_on, "F Y"))  # "Mars 2025": it heads the section
            months[month_key] = CompilationMonth(
                heading=_("Positions of %(body)s %(month)s") % {"body": body.short_name, "month": month_name}
            )
        key = (position.how, position.agenda_meeting_id or position.meeting_id or position.taken_on)
        if key not in sections:
            cancelled = (
                position.how == Position.How.PER_CAPSULAM
                and position.meeting_id is not None
                and (position.meeting.status == Meeting.Status.CANCELLED)
            )
            sections[key] = CompilationSection(heading=_section_heading(position), how=position.how,
                                               date=position.taken_on, cancelled=cancelled)  # fmt: skip
            months[month_key].sections.append(sections[key])
        sections[key].positions.append(position)
    for month in months.values():
        _headings(month)
    return Compilation(body=body, year=year, months=list(months.values()), left_out=left_out)


def _assignments(body):
    return Assignment.objects.filter(body=body).select_related(
        "matter", "due_meeting", "position", "position__item__meeting", "report_item__meeting"
    )


def next_meeting(*, body, today: datetime.date):
    return (
        Meeting.objects.filter(body=body, date__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "start_time")
        .first()
    )


@dataclass
class AssignmentOverview:
    next_meeting: Meeting | None
    overdue: list[Assignment]
    due_soon: list[Assignment]  # due on or before the next meeting
    later: list[Assignment]  # open, due after the next meeting or with no date
    done: list[Assignment]  # reported back or closed


def assignments_overview(*, body, today: datetime.date) -> AssignmentOverview:
    """Open assignments sorted by urgency, then the ones reported back or closed."""
    upcoming = next_meeting(body=body, today=today)
    horizon = upcoming.date if upcoming else today
    overdue, due_soon, later, done = [], [], [], []
    for assignment in _assignments(body).order_by("due_date", "due_meeting__date", "pk"):
        due = assignment.due_on
        if assignment.status != Assignment.Status.OPEN:
            done.append(assignment)
        elif due and due < today:
            overdue.append(assignment)
        elif due and due <= horizon:
            due_soon.append(assignment)
        else:
            later.append(assignment)
    return AssignmentOverview(next_meeting=upcoming, overdue=overdue, due_soon=due_soon, later=later, done=done)


def assignments_due_for(*, meeting: Meeting) -> list[Assignment]:
    """Open assignments to report back at this meeting (due at it, or by its date) and not yet on an agenda."""
    candidates = _assignments(meeting.body).filter(status=Assignment.Status.OPEN, report_item__isnull=True)
    candidates = candidates.filter(Q(due_date__lte=meeting.date) | Q(due_meeting__date__lte=meeting.date))
    return list(candidates.order_by("due_date", "pk"))


@dataclass
class TimelineEvent:
    date: datetime.date
    kind: str  # item, position, assignment, report, deadline
    label: str
    text: str
    url: str = ""
    how: str = ""
    html: str = ""  # a position's text as cleaned HTML
    corrected_at: datetime.datetime | None = None  # a position outside a meeting, corrected since: the newest
    correction_reason: str = ""


def _public_assignments(positions) -> tuple[list[tuple[datetime.date, dict]], dict[int, Assignment]]:
    """(the day given, the assignment) of the public positions: as the approved notes printed them (kept with the
    frozen copy); given by a position outside a meeting, as it stands (that position is public as it stands).
    With the assignments as they stand, by id, for their reports back (one query)."""
    given = [(p.taken_on, record) for p in positions if p.minutes_version_id for record in p.assignments_given]
    outside = {p.pk: p for p in positions if not p.minutes_version_id}
    wanted = Q(pk__in=[record["id"] for _date, record in given]) | Q(position__in=outside)
    live = {a.pk: a for a in Assignment.objects.filter(wanted).select_related("due_meeting").order_by("pk")}
    given += [(outside[a.position_id].taken_on, a.record()) for a in live.values() if a.position_id in outside]
    return given, live


def matter_timeline(*, matter: Matter, public: bool) -> list[TimelineEvent]:
    """A matter over all meetings, newest first: items, positions, assignments, reports back and deadlines."""
    from meetings.selectors.notices import public_items

    events: list[TimelineEvent] = []
    ids = matter.ids  # with the matters merged into it
    if public:  # the items as the published notices sent them
        for row in public_items().filter(matter__in=ids):
            url = reverse("public:meeting", kwargs={"pk": row.meeting_id}) + f"#item-{row.item_id}"
            events.append(TimelineEvent(date=row.meeting_date, kind="item", label=_("On the agenda"),
                                        text=row.title, url=url))  # fmt: skip
    else:
        for item in AgendaItem.objects.filter(matter__in=ids).select_related("meeting"):
            url = reverse("staff:meeting", kwargs={"pk": item.meeting_id})
            events.append(TimelineEvent(date=item.meeting.date, kind="item", label=_("On the agenda"),
                                        text=item.title, url=url))  # fmt: skip
    positions = list(positions_queryset(body=matter.body, public=public).filter(matter__in=ids))
    for position in positions:
        events.append(TimelineEvent(date=position.taken_on, kind="position", label=position.get_how_display(),
                                    text=position.plain_text, how=position.how, html=position.html,
                                    corrected_at=position.corrected_at,
                                    correction_reason=position.correction_reason or ""))  # fmt: skip
    if public:  # no join to the agenda being edited: a report item is shown as a published notice sent it
        given, live = _public_assignments(positions)
        sent = public_items().filter(item_id__in=[a.report_item_id for a in live.values() if a.report_item_id])
        reports = {row.item_id: row for row in sent.select_related("meeting")}
    else:
        live = {a.pk: a for a in _assignments(matter.body).filter(matter__in=ids)}
        given = [(a.position.taken_on if a.position_id else a.created_at.date(), a.record()) for a in live.values()]
        reports = {a.report_item_id: a.report_item for a in live.values() if a.report_item_id}
    for date, record in given:
        text = f"{record['assignees']}: {record['description']}"
        if record["due_on"]:
            due = datetime.date.fromisoformat(record["due_on"])
            text += " " + _("(report back by %(date)s)") % {"date": long_date(due)}
        events.append(TimelineEvent(date=date, kind="assignment", label=_("Assignment"), text=text))
        assignment = live.get(record["id"])
        report = reports.get(assignment.report_item_id) if assignment else None
        if report is not None and (not public or assignment.status != Assignment.Status.OPEN):
            events.append(TimelineEvent(
                date=report.meeting.date, kind="report",
                label=_("Reported back") if assignment.status != Assignment.Status.OPEN else _("Report back planned"),
                text=report.title,
            ))  # fmt: skip
    for deadline in MatterDeadline.objects.filter(matter__in=ids):
        events.append(
            TimelineEvent(date=deadline.date, kind="deadline", label=_("Deadline"), text=deadline.description)
        )
    order = {"deadline": 0, "report": 1, "assignment": 2, "position": 3, "item": 4}
    events.sort(key=lambda e: (e.date, -order[e.kind]), reverse=True)
    return events


@dataclass
class PlanColumn:
    heading: str
    meeting: Meeting | None
    entries: list[AnnualPlanEntry]
    quarter: tuple[int, int] | None = None  # (year, quarter) of a quarter's column


@dataclass
class GridRow:
    """A row of the grid: a recurring area (kept even when empty), and what is planned in it each quarter."""

    heading: str
    cells: list[list[AnnualPlanEntry]]
    area: PlanArea | None = None
    matter: Matter | None = None  # a matter's own row (the third shape), its cells saying only what is planned


@dataclass
class PlanTable:
    """One table of the plan: a few coming meetings, or one year's recurring areas by quarter."""

    heading: str
    columns: list[PlanColumn]
    kind: str  # "meetings" or "quarters"
    grid: list[GridRow] | None = None

    @property
    def rows(self) -> list[list[AnnualPlanEntry | None]]:
        """The table's rows as the real notice lays them out: a matter keeps to one row across the columns,
        and a row has room for other matters in the columns it leaves empty."""
        tracks: dict[object, list[AnnualPlanEntry | None]] = {}
        width = len(self.columns)
        spill = []
        for index, column in enumerate(self.columns):
            for entry in column.entries:
                key = entry.matter_id or ("topic", entry.pk)
                track = tracks.setdefault(key, [None] * width)
                if track[index] is None:
                    track[index] = entry
                else:  # the same matter twice at one meeting: a row of its own
                    spill.append([entry if i == index else None for i in range(width)])
        rows: list[list[AnnualPlanEntry | None]] = []
        for track in [*tracks.values(), *spill]:
            used = {i for i, e in enumerate(track) if e is not None}
            for row in rows:
                if all(row[i] is None for i in used):
                    for i in used:
                        row[i] = track[i]
                    break
            else:
                rows.append(track)
        return rows


@dataclass
class AnnualPlan:
    """The årshjul in SRO's two shapes, each its own table: "Närmaste arbetsåret" (the coming meetings as
    columns, at most ``MEETINGS_PER_TABLE`` to a table so that it reads at A4 width, crossing the new year)
    and the quarters (Q1–Q4) for what has no meeting yet."""

    heading: str
    tables: list[PlanTable]
    years: str = ""  # "2025" or "2025–2026"

    @property
    def columns(self) -> list[PlanColumn]:
        return [column for table in self.tables for column in table.columns]


MEETINGS_PER_TABLE = 5


def _quarter_end(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)


def annual_plan(
    *, body, after: datetime.date, until: datetime.date | None = None, public: bool = False,
    plan_year: int | None = None,
) -> AnnualPlan:  # fmt: skip
    """The matters planned for the meetings and quarters after ``after``, up to ``until`` (default: the next
    twelve months, whatever the year: a November notice prints next spring's meetings). ``public``: the meetings
    on the dates their sent notices announced (``MeetingQuerySet.as_announced``), not a change not yet sent.
    ``plan_year``: one year's plan whole, with the meetings after ``until`` it was made to reach (an autumn's plan
    for the coming year runs into the first meetings of the year after: entries filed with that plan's year).
    """
    until = until or after + datetime.timedelta(days=365)
    meetings = Meeting.objects.filter(body=body).exclude(status=Meeting.Status.CANCELLED)
    # On either date, the one being edited or the one announced: which counts is told below.
    wanted = Q(date__gt=after, date__lte=until) | Q(announced_date__gt=after, announced_date__lte=until)
    if plan_year:  # and, in the same query, the meetings the year's plan reaches after it
        wanted |= Q(pk__in=AnnualPlanEntry.objects.filter(body=body, year=plan_year).values("meeting_id"))
    meetings = list(meetings.filter(wanted).as_announced() if public else meetings.filter(wanted))
    reaching = [m for m in meetings if m.date > until] if plan_year else []
    meetings = [m for m in meetings if after < m.date <= until]
    planned = (Q(meeting__in=meetings) | Q(meeting__in=reaching, year=plan_year)
               | Q(meeting__isnull=True, year__gte=after.year, year__lte=until.year))  # fmt: skip
    entries = AnnualPlanEntry.objects.filter(body=body).filter(planned).select_related("matter", "area")
    entries = entries.order_by("order", "pk")
    meetings = [*meetings, *reaching]
    meeting_columns: dict[int, PlanColumn] = {}
    by_quarter: dict[tuple, list[AnnualPlanEntry]] = {}
    for meeting in in_time_order(meetings):
        meeting_columns[meeting.pk] = PlanColumn(heading=long_date(meeting.date), meeting=meeting, entries=[])
    for entry in entries:
        if entry.meeting_id:
            entry.meeting = meeting_columns[entry.meeting_id].meeting
            meeting_columns[entry.meeting_id].entries.append(entry)
        elif _quarter_end(entry.year, entry.quarter) > after:  # not a quarter already over
            by_quarter.setdefault((entry.year, entry.quarter), []).append(entry)
    tables = []
    if any(c.entries for c in meeting_columns.values()):
        ordered = list(meeting_columns.values())
        for start in range(0, len(ordered), MEETINGS_PER_TABLE):
            tables.append(PlanTable(heading=_("The coming working year"), kind="meetings",
                                    columns=ordered[start : start + MEETINGS_PER_TABLE]))  # fmt: skip
    areas = list(PlanArea.objects.filter(body=body).order_by("order", "name")) if by_quarter else []
    for year in sorted({year for year, _quarter in by_quarter}):
        tables.append(_quarter_grid(year, by_quarter, areas, after=after, until=until))
    years = sorted({c.meeting.date.year for t in tables for c in t.columns if c.meeting}
                   | {k[0] for k in by_quarter}) or [after.year]  # fmt: skip
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return AnnualPlan(heading=_("Annual plan %(years)s") % {"years": span}, tables=tables, years=span)


def _quarter_grid(year, by_quarter, areas, *, after, until) -> PlanTable:
    """One year as SRO's grid: the recurring areas as rows (those in use kept even when empty), the quarters
    still to come as columns; what has no area gets a row "Övrigt" at the end."""
    quarters = [q for q in range(1, 5) if _quarter_end(year, q) > after
                and datetime.date(year, 3 * q - 2, 1) <= until]  # fmt: skip
    columns = [PlanColumn(heading=_("Q%(quarter)s %(year)s") % {"quarter": q, "year": year}, meeting=None,
                          entries=by_quarter.get((year, q), []), quarter=(year, q)) for q in quarters]  # fmt: skip
    used = {e.area_id for column in columns for e in column.entries}
    rows = [GridRow(heading=area.name, area=area, cells=[[] for _q in quarters])
            for area in areas if area.active or area.pk in used]  # fmt: skip
    other = GridRow(heading=_("Other matters"), cells=[[] for _q in quarters])
    index = {row.area.pk: row for row in rows}
    for position, column in enumerate(columns):
        for entry in column.entries:
            index.get(entry.area_id, other).cells[position].append(entry)
    if any(other.cells):
        rows.append(other)
    return PlanTable(heading=_("Areas by quarter %(year)s") % {"year": year}, kind="quarters", columns=columns,
                     grid=rows)  # fmt: skip


def matter_with_publicity(*, pk: int) -> Matter | None:
    """The matter ``pk`` with its body and ``is_public``: whether it is one of ``public_matters``, in the same
    query (a matter's public page reads both)."""
    is_public = Exists(PublicMatter.objects.filter(matter=OuterRef("pk")))
    return Matter.objects.select_related("body").annotate(is_public=is_public).filter(pk=pk).first()


def public_matters(*, body):
    """Matters the public may know of: on a published agenda or notes, with a public position, or planned (itself
    or a matter merged into it); of one body, or of every body (``body=None``). The database keeps the list
    (``meetings.public_state``): a lookup, whatever the years behind it."""
    matters = Matter.objects.filter(pk__in=PublicMatter.objects.values("matter_id"))
    return matters if body is None else matters.filter(body=body)
