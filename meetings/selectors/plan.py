"""Reads for the årshjul of a year: which years have a plan, the plan of one year whole, and the shape the
secretary chose to print it in (``AnnualPlanShape``). The plan itself is read by ``registers.annual_plan``."""

import datetime

from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from meetings.models import AnnualPlanEntry, AnnualPlanShape, Meeting, PlanArea
from meetings.selectors.registers import AnnualPlan, GridRow, PlanColumn, PlanTable, annual_plan

# Data columns a table of the third shape holds before it continues in the next: with the areas' column, what
# reads at A4 width in 8 pt (the notice's PDF) as "Närmaste arbetsåret" does with its five meetings.
COLUMNS_PER_TABLE = 5


def annual_plan_years(*, body) -> list[int]:
    """The years that have a plan, newest first: the years of the meetings something is planned for (and of the
    plan each was made in), and of the quarters planned."""
    rows = AnnualPlanEntry.objects.filter(body=body).annotate(meeting_year=ExtractYear("meeting__date"))
    years = set()
    for year, meeting_year, status in rows.values_list("year", "meeting_year", "meeting__status").distinct():
        if status != Meeting.Status.CANCELLED:  # a cancelled meeting is in no plan (nor a quarter's None)
            years |= {year, meeting_year} - {None}
    return sorted(years, reverse=True)


def annual_plan_shape(*, body, year: int) -> str:
    """The shape chosen for the year's plan; two tables where none is chosen."""
    chosen = AnnualPlanShape.objects.filter(body=body, year=year).values_list("shape", flat=True).first()
    return chosen or AnnualPlanShape.Shape.TABLES


def annual_plan_of_year(*, body, year: int, public: bool = False) -> AnnualPlan:
    """The plan of ``year`` as it was made, whole: every meeting of the year (with what was planned for it, in
    this year's plan or the one before that reached into it), the meetings of the next year this plan reached,
    and the year's quarters; in the shape chosen for the year."""
    plan = annual_plan(body=body, after=datetime.date(year - 1, 12, 31), until=datetime.date(year, 12, 31),
                       public=public, plan_year=year)  # fmt: skip
    return in_shape(plan, body=body, shape=annual_plan_shape(body=body, year=year))


def in_shape(plan: AnnualPlan, *, body, shape: str) -> AnnualPlan:
    """``plan`` in ``shape``: as it is (two tables), or with its meetings and quarters as the columns of one table
    (continued where it would not read at A4 width) and the areas as its rows."""
    if shape != AnnualPlanShape.Shape.COLUMNS or not plan.tables:
        return plan
    return AnnualPlan(heading=plan.heading, tables=_columns_tables(plan, body=body), years=plan.years)


def _columns_tables(plan: AnnualPlan, *, body) -> list[PlanTable]:
    meetings = [c for t in plan.tables if t.kind == "meetings" for c in t.columns]
    quarters = [c for t in plan.tables if t.kind == "quarters" for c in t.columns]
    # Each quarter's column first, then the quarter's meetings: what has no meeting yet heads its quarter.
    columns = sorted(
        [(_quarter_start(c), 0, c) for c in quarters] + [(c.meeting.date, 1, c) for c in meetings],
        key=lambda item: item[:2],
    )
    by_quarter: dict[tuple[int, int], list[PlanColumn]] = {}
    for day, _kind, column in columns:
        by_quarter.setdefault(_quarter_of(day), []).append(column)
    # Whole quarters to a table while they fit; a quarter with more columns than a table holds is split.
    chunks: list[list[PlanColumn]] = [[]]
    for quarter in by_quarter.values():
        if chunks[-1] and len(chunks[-1]) + len(quarter) > COLUMNS_PER_TABLE:
            chunks.append([])
        for column in quarter:
            if len(chunks[-1]) == COLUMNS_PER_TABLE:
                chunks.append([])
            chunks[-1].append(column)
    used = {e.area_id for _day, _kind, c in columns for e in c.entries if e.area_id}
    areas = [a for a in PlanArea.objects.filter(body=body).order_by("order", "name") if a.active or a.pk in used]
    heading = _("Meetings and quarters %(years)s") % {"years": plan.years}
    return [PlanTable(heading=heading, kind="columns", columns=chunk, grid=_rows(chunk, areas)) for chunk in chunks]


def _rows(columns: list[PlanColumn], areas: list[PlanArea]) -> list[GridRow]:
    """The areas as rows (those in use kept even when empty); then a row for each matter planned outside an area,
    in the order first planned; then "Övrigt" for what names neither."""
    rows = {("area", a.pk): GridRow(heading=a.name, area=a, cells=[[] for _c in columns]) for a in areas}
    for index, column in enumerate(columns):
        for entry in column.entries:
            if entry.area_id:
                key, heading = ("area", entry.area_id), entry.area.name
            elif entry.matter_id:
                key, heading = ("matter", entry.matter_id), entry.matter.title
            else:
                key, heading = ("other",), _("Other matters")
            matter = entry.matter if key[0] == "matter" else None
            row = rows.setdefault(key, GridRow(heading=heading, matter=matter, cells=[[] for _c in columns]))
            row.cells[index].append(entry)
    other = rows.pop(("other",), None)
    return [*rows.values(), *([other] if other else [])]


def _quarter_start(column: PlanColumn) -> datetime.date:
    year, quarter = column.quarter
    return datetime.date(year, 3 * quarter - 2, 1)


def _quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1
