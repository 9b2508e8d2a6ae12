"""The positions register of a year as rows for machines: the public CSV and JSON, and the archival package."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from meetings.selectors.registers import positions_queryset

POSITION_COLUMNS = [
    "id",
    "datum",
    "sätt",
    "ärende",
    "möte",
    "punkt",
    "ställningstagande",
    "adress",
    "rättad",
    "rättelse",
]


def position_rows(*, body, year: int) -> list[dict]:
    """Every public position of the year, oldest first, as the register lists them (one query)."""
    rows = []
    positions = positions_queryset(body=body, public=True).filter(taken_on__year=year)
    for position in positions.order_by("taken_on", "agenda_place", "order", "pk"):
        meeting_id = position.agenda_meeting_id or position.meeting_id
        rows.append({
            "id": position.pk,
            "datum": f"{position.taken_on:%Y-%m-%d}",
            "sätt": str(position.get_how_display()),
            "ärende": position.matter.title if position.matter_id else "",
            "möte": f"{position.agenda_meeting_date:%Y-%m-%d}" if position.agenda_meeting_date else "",
            "punkt": position.agenda_title or "",
            "ställningstagande": position.plain_text,
            "adress": (f"{settings.SITE_URL}{reverse('public:meeting', kwargs={'pk': meeting_id})}"
                       if position.agenda_meeting_id else ""),
            # A position outside a meeting corrected since it was recorded: when (the newest correction), and why.
            "rättad": f"{timezone.localdate(position.corrected_at):%Y-%m-%d}" if position.corrected_at else "",
            "rättelse": position.correction_reason or "",
        })  # fmt: skip
    return rows
