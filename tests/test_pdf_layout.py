"""The PDFs read like SRO's own: links that work, and no heading or signature left alone on a page."""

import datetime
import io

from pypdf import PdfReader

from meetings.models import Meeting, MinutesVersion
from meetings.services.notices import notice_pdf


def _links(reader) -> list[str]:
    return [a.get_object().get("/A", {}).get("/URI") for p in reader.pages for a in (p.get("/Annots") or [])]


def test_the_notice_links_its_public_attachments_and_the_previous_notes_and_ends_with_more_than_its_signature(
    demo, settings
):
    settings.SITE_URL = "https://sro.example.se"
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    meeting.agenda_items.filter(standing="previous_minutes").update(body="")
    reader = PdfReader(io.BytesIO(notice_pdf(meeting=meeting)))
    links = _links(reader)
    attachment = meeting.agenda_items.get(title__startswith="Ny berednings").attachments.get()
    assert f"https://sro.example.se/attachments/{attachment.pk}/" in links
    previous = MinutesVersion.objects.filter(minutes__meeting__date__lt=meeting.date).latest("approved_at")
    assert f"https://sro.example.se/meetings/{previous.minutes.meeting_id}/notes/" in links
    last = reader.pages[-1].extract_text()
    assert "Välkommen!" in last
    # The welcome and the signatures do not stand alone: the end of the agenda or the plan comes with them.
    assert len(last.split("Välkommen!")[0].split()) > 20, last
