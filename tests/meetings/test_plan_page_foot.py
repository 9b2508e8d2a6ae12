"""In a notice's PDF the årshjul's heading ("Årshjul 2031:") never ends a page alone: it goes with the table's first
rows. The test puts the heading where it would be the last line of a page (content of the height that leaves just
room for it above the page's foot), then reads the PDF back."""

import datetime
import io
import re

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader
from weasyprint import HTML

from meetings.pdf import BASE_URL, PortalURLFetcher, html_to_pdf
from meetings.selectors.preparation import notice_context
from meetings.services.agenda import agenda_item_save
from meetings.services.positions import plan_entry_add
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

MARK = '<div class="annual-plan">'


def _boxes(box):
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def _heading_place(html: str) -> tuple[int, float, float]:
    """The page the plan's heading is laid out on, the heading's top and the room left below it on that page."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=PortalURLFetcher()).render()
    for number, page in enumerate(document.pages):
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is not None and "annual-plan-heading" in (element.get("class") or "") and box.element_tag == "p":
                bottom = page._page_box.content_box_y() + page._page_box.height
                return number, box.position_y, bottom - (box.position_y + box.margin_height())
    raise AssertionError("no heading")


def test_the_arshjul_heading_never_ends_a_page_alone(secretary):
    meeting = MeetingFactory(date=datetime.date(2030, 11, 13))
    for day, topic in ((2, "Budgetdialog"), (3, "Årsredovisning på länsnivå"), (4, "Lägesbeskrivning")):
        later = MeetingFactory(body=meeting.body, date=meeting.date.replace(year=2031, month=day, day=5))
        plan_entry_add(body=meeting.body, topic=topic, meeting=later)
    item = AgendaItemFactory.build(meeting=meeting, title="Information om läget", body="<p>Läget i korthet.</p>")
    agenda_item_save(item=item, by=secretary)
    html = render_to_string("pdf/notice.html", {**notice_context(meeting=meeting), "draft": False})
    assert html.count(MARK) == 1
    page, _top, room = _heading_place(html)
    assert page == 0 and room > 100
    # Content before the plan of a height that leaves room for the heading alone at the first page's foot (without
    # the rule in print.css, this page ended "… Läget i korthet. Årshjul 2031:").
    padded = html.replace(MARK, f'<div style="height: {room - 2:.1f}px"></div>{MARK}')
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(html_to_pdf(padded))).pages]
    assert len(pages) == 2, pages
    heading = "Årshjul 2031:"
    for text in pages:
        body = re.sub(r"(UTKAST )?Sida \d+ av \d+$", "", text).strip()
        assert not body.endswith(heading), text  # no page ends with the heading
    [with_heading] = [text for text in pages if heading in text]
    assert "Närmaste arbetsåret" in with_heading and "Budgetdialog" in with_heading  # its table's first rows
