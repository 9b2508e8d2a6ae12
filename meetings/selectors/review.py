"""The yearly review ("Återblick ÅR och på gång ÅR+1"): its parts, read from the published record."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.template.loader import render_to_string

from meetings.models import FrozenItem, Matter, PlanArea, YearlyReview
from meetings.selectors.notices import public_items
from meetings.selectors.registers import annual_plan, positions_filtered, positions_queryset, yearly_compilation


@dataclass
class Highlight:
    """One of the year's most important matters, with what SRO said on it that year."""

    matter: Matter
    positions: list = field(default_factory=list)


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


def year_matters(*, body, year: int):
    """The matters the secretary may pick as the year's most important: on a published agenda, or with a
    public position, that year."""
    on_agenda = public_items().filter(meeting__body=body, meeting_date__year=year).values("matter_id")
    positions = positions_filtered(positions_queryset(body=body, public=True), year=year).values("matter_id")
    return Matter.objects.filter(body=body, merged_into__isnull=True).filter(Q(pk__in=on_agenda) | Q(pk__in=positions))


def review_context(*, review: YearlyReview) -> dict:
    """Every part of the deck, from the public record only (what anyone may read)."""
    body, year = review.body, review.year
    positions = positions_filtered(positions_queryset(body=body, public=True), year=year)
    highlights = [
        Highlight(matter=matter, positions=list(positions.filter(matter__in=matter.ids, notes_information=False)))
        for matter in (review.highlights.order_by("title") if review.pk else [])
    ]
    return {
        "review": review,
        "body": body,
        "year": year,
        "next_year": year + 1,
        "highlights": highlights,
        "recurring": recurring_matters(body=body, year=year),
        # The årshjul's recurring areas, those in use and those the year's plan named.
        "areas": list(
            PlanArea.objects.filter(
                Q(active=True) | Q(entries__year=year) | Q(entries__meeting__date__year=year), body=body
            )
            .distinct()
            .order_by("order", "name")
        ),
        "plan": annual_plan(
            body=body, after=datetime.date(year, 12, 31), until=datetime.date(year + 1, 12, 31), public=True
        ),
        "compilation": yearly_compilation(body=body, year=year, public=True),
    }


def review_document(*, review: YearlyReview) -> str:
    """The deck's HTML as the public reads it once published (``documents/_review.html``)."""
    return render_to_string("documents/_review.html", review_context(review=review))
