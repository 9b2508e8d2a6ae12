"""The PDFs waste no paper: no page but the last is less than half full unless what comes next would not have fit
on it; a short item is kept whole, a long one goes on overleaf between its paragraphs.

Each page's fill is read back from the PDF itself (the lowest line of text within the page's content area); the
height of what opens the next page (a block kept whole, with the headings that go with it) from WeasyPrint's
layout of the same document."""

import datetime
import io

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader
from weasyprint import HTML

from meetings.demo.bulk import generate
from meetings.models import Meeting
from meetings.pdf import BASE_URL, PortalURLFetcher
from meetings.selectors import notice_context
from meetings.selectors.minutes import minutes_context
from meetings.templatetags.pagebreaks import SHORT_BLOCK_CHARACTERS, keep_short_blocks_whole
from meetings.views.documents import compilation_context
from tests.factories import BodyFactory

MM = 72 / 25.4  # PDF points per millimetre
PAGE_HEIGHT, MARGIN = 297 * MM, 22 * MM  # A4 and the top and bottom margins of static/css/print.css
CONTENT_TOP, CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN, MARGIN  # PDF y runs upwards from the page's foot
PX = 0.75  # WeasyPrint lays out in CSS pixels: 96 to the inch, 72 points
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Neither figure holds the margins that fall away at a page's top and foot, nor the last line's descent: a page
# counts as wasted only if the next block would have fit with this much to spare (a line and a half).
SLACK = 16.0
# What print.css keeps whole on purpose: a short item (templatetags/pagebreaks.py), a table row, the annual plan,
# an item's positions or assignments, the welcome and its signatures, the approval line.
KEPT_ON_PURPOSE = {"keep-whole", "annual-plan", "agenda-proposal", "agenda-assignments", "doc-welcome", "signatories",
                   "doc-approval"}  # fmt: skip


def _lowest_text(page) -> float:
    """The lowest baseline of text in the page's content area (the running title and page number are outside)."""
    heights = []

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and CONTENT_BOTTOM < y < CONTENT_TOP:
            heights.append(y - size * 0.25)  # the descent below the baseline, roughly

    page.extract_text(visitor_text=visit)
    return min(heights) if heights else CONTENT_TOP


def _first_kept_block_height(page) -> float | None:
    """In points, from the top of the page's content to the foot of the first box kept whole on purpose on it (a
    short item, a table row, the welcome), with the headings that go with it: what could not have started on the
    page before. None if the page opens with text that may be split or with a long block kept whole."""
    box = page._page_box
    top = box.content_box_y()
    roots = [child for child in box.children if type(child).__name__ != "MarginBox"]
    for root in roots:
        for descendant in root.descendants():
            if descendant.element_tag in HEADINGS:
                continue  # kept with what follows them (print.css), and counted in its height from the page's top
            if descendant.style["break_inside"] in ("avoid", "avoid-page") or descendant.element_tag == "tr":
                classes = set((descendant.element.get("class") or "").split())
                if descendant.element_tag != "tr" and not classes & KEPT_ON_PURPOSE:
                    return None
                return (descendant.position_y + descendant.margin_height() - top) * PX
            if type(descendant).__name__ == "LineBox" and descendant.position_y - top > 60:
                return None  # text that may be split came first
    return None


def _wasted_pages(html: str) -> list[str]:
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=PortalURLFetcher()).render()
    reader = PdfReader(io.BytesIO(document.write_pdf()))
    assert len(reader.pages) == len(document.pages)
    content = CONTENT_TOP - CONTENT_BOTTOM
    wasted = []
    for number, (page, following) in enumerate(zip(reader.pages, document.pages[1:], strict=False), start=1):
        used = CONTENT_TOP - _lowest_text(page)
        if used >= content / 2:
            continue
        needed = _first_kept_block_height(following)
        if needed is None or needed + SLACK <= content - used:
            wasted.append(f"page {number}: {used / content:.0%} full, next block {needed and round(needed)} pt")
    for number, page in enumerate(document.pages[:-1], start=1):
        if (alone := _heading_at_the_foot(page)) is not None:
            wasted.append(f"page {number} ends with the heading or label {alone!r}")
    return wasted


# What print.css keeps with what follows it, besides the headings.
LABELS = {"position-label", "annual-plan-heading", "agenda-kind", "agenda-time", "agenda-presenters",
          "compilation-subject", "composition-category"}  # fmt: skip


def _heading_at_the_foot(page) -> str | None:
    """The text of the page's last line if it is a heading or a label (left alone, what it heads being overleaf)."""
    last, last_classes = None, set()

    def walk(box, classes):
        nonlocal last, last_classes
        element = box.element if box.element is not None and box.element_tag else None
        classes = classes | set((element.get("class") or "").split()) if element is not None else classes
        if type(box).__name__ == "LineBox":
            if last is None or box.position_y >= last.position_y:
                last, last_classes = box, classes
            return
        for child in getattr(box, "children", []):
            walk(child, classes)

    for child in page._page_box.children:
        if type(child).__name__ != "MarginBox":
            walk(child, set())
    if last is not None and (last.element_tag in HEADINGS or last_classes & LABELS):
        return " ".join("".join(last.element.itertext()).split())
    return None


def _documents():
    for date in (datetime.date(2025, 3, 6), datetime.date(2025, 1, 30)):
        meeting = Meeting.objects.get(date=date)
        yield f"notice {date}", render_to_string("pdf/notice.html", notice_context(meeting=meeting))
    for date in (datetime.date(2022, 10, 19), datetime.date(2025, 1, 30)):
        minutes = Meeting.objects.get(date=date).minutes
        yield f"notes {date}", render_to_string("pdf/minutes.html", minutes_context(minutes=minutes))


def test_no_page_of_the_demos_notices_and_notes_is_left_half_empty(demo):
    wasted = {name: pages for name, html in _documents() if (pages := _wasted_pages(html))}
    assert wasted == {}


def test_a_page_left_half_empty_before_a_splittable_item_or_a_heading_alone_at_its_foot_is_found(demo):
    """The check above can fail: the same notes with every item kept whole, as the PDFs used to be, waste pages; and
    a heading allowed to end a page ends one."""
    minutes = Meeting.objects.get(date=datetime.date(2022, 10, 19)).minutes
    html = render_to_string("pdf/minutes.html", minutes_context(minutes=minutes))
    rigid = html.replace("</head>", "<style>.agenda-item { break-inside: avoid-page; }</style></head>")
    assert _wasted_pages(rigid) != []
    loose = html.replace("</head>", "<style>h2, h3, h4, p { break-after: auto !important; orphans: 1; widows: 1; }"
                                    "h3 { margin-top: 370pt; }</style></head>")  # fmt: skip
    assert any("ends with the heading" in problem for problem in _wasted_pages(loose))


@pytest.mark.parametrize(
    ("inner", "kept"),
    [
        ("<h3>1. Mötets öppnande</h3><p>Ordföranden hälsar välkommen.</p>", True),
        ("<h3>2. Ett långt ärende</h3>" + "<p>" + "ord " * (SHORT_BLOCK_CHARACTERS // 4 + 1) + "</p>", False),
        ("<h3>10. Årshjul</h3><table><tr><td>Q1</td></tr></table>", False),
    ],
)
def test_only_a_short_item_without_a_table_is_kept_whole(inner, kept):
    html = keep_short_blocks_whole(f'<section class="agenda-item" id="item-7">{inner}</section><p>Välkommen!</p>')
    assert ('class="agenda-item keep-whole" id="item-7"' in html) is kept
    assert html.endswith(f"{inner}</section><p>Välkommen!</p>")


def test_a_short_matter_of_the_compilation_is_kept_whole_counted_with_its_nested_blocks():
    position = '<div class="compilation-position"><div>SRO noterar.</div></div>'
    short = f'<div class="compilation-matter"><p>Avtal</p>{position}</div>'
    long = short.replace("SRO noterar.", "ord " * (SHORT_BLOCK_CHARACTERS // 4 + 1))
    html = keep_short_blocks_whole(f"{short}<p>mellan</p>{long}")
    assert html.count("keep-whole") == 1
    assert html == f"{short.replace('compilation-matter', 'compilation-matter keep-whole', 1)}<p>mellan</p>{long}"


def test_no_page_of_a_generated_years_compilation_is_left_half_empty(db):
    body = BodyFactory()
    generate(body=body, years=1, first_year=2015)
    html = render_to_string("pdf/compilation.html", compilation_context(body=body, year=2015, public=True))
    assert html.count("compilation-matter") > 10
    assert _wasted_pages(html) == []
