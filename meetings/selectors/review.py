"""The yearly review ("Återblick ÅR och på gång ÅR+1"): its parts, read from the published record. The slides
are made of these by ``meetings.deck``."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from meetings import hooks
from meetings.models import (
    AnnualPlanEntry,
    AnnualPlanShape,
    FrozenItem,
    Matter,
    PlanArea,
    ReviewHighlight,
    YearlyReview,
)
from meetings.selectors.notices import public_items
from meetings.selectors.plan import in_shape
from meetings.selectors.registers import annual_plan, positions_filtered, positions_queryset, yearly_compilation
from members.models import Membership


@dataclass
class Seats:
    """One organisation's seats in the body (its politicians who are not substitutes)."""

    organisation: str
    seats: int
    common_name: str = ""  # "Göteborgsregionen", where the full name is too long for a chart's label


@dataclass
class SideSeats:
    side: str
    label: str
    organisations: list[Seats] = field(default_factory=list)

    @property
    def seats(self) -> int:
        return sum(o.seats for o in self.organisations)


@dataclass
class RecurringArea:
    """An area of the årshjul with the times of the year it came up (meetings' months, quarters)."""

    name: str
    when: list[str]


def recurring_matters(*, body, year: int) -> list[tuple[str, int]]:
    """The matters on the published agendas of two or more of the year's meetings, most often first."""
    rows = (
        FrozenItem.objects.filter(pk__in=public_items().values("pk"), meeting__body=body, meeting_date__year=year)
        .exclude(matter__isnull=True)
        .values("matter__title")
        .annotate(meetings=Count("meeting", distinct=True))
        .filter(meetings__gte=2)
        .order_by("-meetings", "matter__title")
    )
    return [(row["matter__title"], row["meetings"]) for row in rows]


def recurring_areas(*, body, year: int) -> list[RecurringArea]:
    """The årshjul's recurring areas with their year: every area in use or named by the year's plan, and when in
    the year the plan had something in it (a meeting's month, or a quarter), in the order of the year."""
    areas = list(
        PlanArea.objects.filter(body=body)
        .filter(Q(active=True) | Q(entries__year=year) | Q(entries__meeting__date__year=year))
        .distinct()
        .order_by("order", "name")
    )
    entries = AnnualPlanEntry.objects.filter(body=body, area__in=areas).filter(
        Q(meeting__date__year=year) | Q(meeting__isnull=True, year=year)
    )
    times: dict[int, set] = {}
    for area_id, date, quarter in entries.values_list("area_id", "meeting__date", "quarter"):
        # A meeting's month sorts within its quarter: (quarter, 0 for a quarter, month).
        key = ((date.month - 1) // 3 + 1, date.month) if date else (quarter, 0)
        times.setdefault(area_id, set()).add(key)
    result = []
    for area in areas:
        when = [MONTHS[month] if month else _("Q%(quarter)s") % {"quarter": quarter}
                for quarter, month in sorted(times.get(area.pk, ()))]  # fmt: skip
        result.append(RecurringArea(name=area.name, when=when))
    return result


def composition_seats(*, body, on: datetime.date) -> list[SideSeats]:
    """Who sits in the body on ``on`` as SRO's deck draws it: each side, each organisation, how many seats (its
    politicians, substitutes not counted), the sides in the notice's order and the organisations by name."""
    rows = (
        Membership.objects.on(on)
        .filter(body=body, category=Membership.Category.POLITICIAN)
        .exclude(role=Membership.Role.SUBSTITUTE)
        .values("side", "organisation__name", "organisation__common_name")
        .annotate(seats=Count("pk"))
        .order_by("side", "organisation__name")
    )
    sides: dict[str, SideSeats] = {}
    labels = dict(Membership.Side.choices)
    for row in rows:
        side = sides.setdefault(row["side"], SideSeats(side=row["side"], label=str(labels.get(row["side"], ""))))
        side.organisations.append(
            Seats(
                organisation=row["organisation__name"] or "–",
                seats=row["seats"],
                common_name=row["organisation__common_name"] or "",
            )
        )
    order = [Membership.Side.MUNICIPALITIES, Membership.Side.REGION]
    return sorted(sides.values(), key=lambda s: order.index(s.side) if s.side in order else len(order))


def year_matters(*, body, year: int):
    """The matters a highlight may link: on a published agenda, or with a public position, that year."""
    on_agenda = public_items().filter(meeting__body=body, meeting_date__year=year).values("matter_id")
    positions = positions_filtered(positions_queryset(body=body, public=True), year=year).values("matter_id")
    return Matter.objects.filter(body=body, merged_into__isnull=True).filter(Q(pk__in=on_agenda) | Q(pk__in=positions))


def suggested_highlights(*, body, year: int) -> list[dict]:
    """The starting suggestion for the highlights, before the secretary has written any: a line for each matter of
    the year with a position that says more than "noterar informationen", by title."""
    positions = positions_filtered(positions_queryset(body=body, public=True), year=year)
    with_positions = positions.filter(notes_information=False).values("matter_id")
    matters = year_matters(body=body, year=year).filter(pk__in=with_positions).order_by("title")
    return [{"text": matter.title[:300], "matters": [matter]} for matter in matters]


def highlight_lines(*, review: YearlyReview) -> list[ReviewHighlight]:
    """The secretary's highlights in her order, each with the matters it covers."""
    if not review.pk:
        return []
    return list(review.highlight_lines.prefetch_related(Prefetch("matters", Matter.objects.order_by("title"))))


def review_context(*, review: YearlyReview) -> dict:
    """Every part of the deck, from the public record only (what anyone may read)."""
    body, year = review.body, review.year
    last_day = datetime.date(year, 12, 31)
    plan = annual_plan(body=body, after=last_day, until=datetime.date(year + 1, 12, 31), public=True,
                       plan_year=year + 1)  # fmt: skip
    return {
        "review": review,
        "body": body,
        "year": year,
        "next_year": year + 1,
        "last_day": last_day,
        "composition": composition_seats(body=body, on=last_day),
        "highlights": highlight_lines(review=review),
        "areas": recurring_areas(body=body, year=year),
        "recurring": recurring_matters(body=body, year=year),
        # The coming year's plan whole (with the meetings of the year after that it reaches), in each of SRO's
        # shapes: "Närmaste arbetsåret" with the areas by quarter, and the meetings and quarters as columns.
        "plan": plan,
        "plan_columns": in_shape(plan, body=body, shape=AnnualPlanShape.Shape.COLUMNS),
        "compilation": yearly_compilation(body=body, year=year, public=True),
        # What became of the year's recommendations to the parties: the recommendations app tells (it sits above).
        "recommendations": hooks.call("recommendations_of_year", body=body, year=year),
    }
