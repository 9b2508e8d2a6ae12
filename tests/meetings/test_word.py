"""The notice and the notes as Word files: read back with python-docx, they hold what the PDF holds (every item with
its number and clock times, every proposed or taken position, the assignments, the attendance, the annual plan), in
Word's own headings, lists and tables; only the secretary of the meeting's body gets them."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from meetings.models import Meeting
from meetings.roles import grant
from meetings.sanitize import html_to_text
from meetings.selectors import notice_context
from meetings.selectors.minutes import minutes_context
from meetings.templatetags.sro import clock
from meetings.word import minutes_docx, notice_docx
from meetings.word.html import HtmlToDocx
from tests.factories import UserFactory


def _blocks(container):
    """Every paragraph of a document or cell, in order, tables' cells included."""
    for child in container._element.iterchildren() if hasattr(container, "_element") else []:
        if child.tag.endswith("}p"):
            yield Paragraph(child, container)
        elif child.tag.endswith("}tbl"):
            for row in Table(child, container).rows:
                for cell in row.cells:
                    yield from _blocks(cell)


def _paragraphs(document) -> list[Paragraph]:
    return list(_blocks(document._body))


def _text(document) -> str:
    return "\n".join(" ".join(p.text.split()) for p in _paragraphs(document))


def _styled(document, style: str) -> list[str]:
    return [p.text for p in _paragraphs(document) if p.style.name == style]


def _written(html: str):
    document = Document()
    HtmlToDocx(document).add_html(html)
    return document


# The HTML → Word walker.


def test_headings_paragraphs_and_emphasis_become_words_own():
    document = _written(
        "<h2>Dagordning</h2><h3>1. Mötets öppnande</h3><p>Ordföranden <strong>hälsar</strong>   <em>välkommen</em>"
        "\n  till mötet.<br>Ny rad</p><div>Text i en <u>div</u></div><h4>a) närvaro</h4>"
    )
    paragraphs = document.paragraphs
    assert [(p.style.name, p.text) for p in paragraphs] == [
        ("Heading 2", "Dagordning"),
        ("Heading 3", "1. Mötets öppnande"),
        ("Normal", "Ordföranden hälsar välkommen till mötet.\nNy rad"),
        ("Normal", "Text i en div"),
        ("Heading 4", "a) närvaro"),
    ]
    runs = {run.text.strip(): run for run in paragraphs[2].runs if run.text.strip()}
    assert runs["hälsar"].bold and not runs["Ordföranden"].bold
    assert runs["välkommen"].italic
    assert paragraphs[3].runs[-1].underline


def test_lists_are_word_lists_and_each_numbered_list_counts_from_one():
    document = _written(
        "<ol><li>Ett</li><li>Två</li></ol><p>Mellan</p><ol><li>Första igen</li></ol>"
        "<ul><li><p>Fråga?</p><p>Svar: ja.</p><ul><li>Under</li></ul></li></ul>"
    )
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles == [
        ("List Number", "Ett"), ("List Number", "Två"), ("Normal", "Mellan"), ("List Number", "Första igen"),
        ("List Bullet", "Fråga?"), ("List Continue", "Svar: ja."), ("List Bullet 2", "Under"),
    ]  # fmt: skip
    numbers = [p._p.pPr.numPr.numId.val for p in document.paragraphs if p.style.name == "List Number"]
    assert numbers[0] == numbers[1] != numbers[2]
    numbering = document.part.numbering_part.element
    for num_id in {numbers[0], numbers[2]}:
        assert numbering.num_having_numId(num_id).xpath("./w:lvlOverride/w:startOverride/@w:val") == ["1"]


def test_links_are_word_links_and_only_to_the_web_or_mail():
    document = _written(
        '<p>Se <a href="https://sro.example.se/a/">bilagan</a> och <a href="javascript:x()">inte</a></p>'
    )
    paragraph = document.paragraphs[0]
    assert paragraph.text == "Se bilagan och inte"
    assert [link.address for link in paragraph.hyperlinks] == ["https://sro.example.se/a/"]


def test_tables_are_word_tables_with_their_caption_header_and_spans():
    document = _written(
        "<table><caption>Årshjul 2025</caption><thead><tr><th>Område</th><th>Q1</th><th>Q2</th></tr></thead>"
        "<tbody><tr><th scope='row'>Vård</th><td colspan='2'>Avtal<br>Remiss</td></tr>"
        "<tr><td>Ekonomi</td><td><ul><li>Budget</li></ul></td><td></td></tr></tbody></table>"
    )
    assert [p.text for p in document.paragraphs] == ["Årshjul 2025"]
    assert document.paragraphs[0].style.name == "Caption"
    table = document.tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Område", "Q1", "Q2"], ["Vård", "Avtal\nRemiss", "Avtal\nRemiss"], ["Ekonomi", "Budget", ""],
    ]  # fmt: skip
    assert table.rows[0].cells[1].paragraphs[0].runs[0].bold
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # repeated at the top of each page
    assert table.rows[2].cells[1].paragraphs[0].style.name == "List Bullet"


BROKEN = {
    "": "",
    "   ": "",
    "<p>": "",
    "<ul><li>Öppen": "Öppen",
    "text <b>fet<i>båda</b> kvar": "text fetbåda kvar",
    "<table></table>": "",
    "<table><tr></tr></table>": "",
    "<script>x</script><p>Syns</p>": "Syns",
    "<p>Inklistrad\x0b\x01 text</p>": "Inklistrad text",  # characters Word cannot hold
}


@pytest.mark.parametrize("html", list(BROKEN))
def test_broken_or_empty_html_loses_no_text_and_raises_nothing(html):
    assert _text(_written(html)).strip() == BROKEN[html]


# The demo's notice and notes.


def _texts_of(html_list) -> list[str]:
    return [line.removeprefix("– ") for html in html_list for line in html_to_text(html).splitlines()]


def _normalised(text: str) -> str:
    return " ".join(text.split())


def test_the_notice_in_word_holds_every_item_its_times_and_proposed_positions(demo):
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    document = Document(io.BytesIO(notice_docx(meeting=meeting)))
    context = notice_context(meeting=meeting)
    text = _text(document)
    items = [e for e in context["entries"] if not e.item.is_break]
    assert _styled(document, "Heading 3") == [f"{e.number}. {e.item.title}" for e in items]
    assert _styled(document, "Heading 4") == [f"{c.number[-1:]}) {c.item.title}" for e in items for c in e.children]
    timed = [e for e in items if e.has_times]
    assert len(timed) >= 6
    for entry in timed:
        assert f"kl. {clock(entry.start)} – {clock(entry.end)})" in text, entry.item.title
    proposals = _texts_of(html for e in items for one in (e, *e.children) for html in one.item.proposal_list)
    assert proposals
    for line in proposals:
        assert _normalised(line) in text
    numbered = [p.text for p in _paragraphs(document) if p.style.name == "List Number"]
    assert len(numbered) == 4 and numbered[0].startswith("förslaget till fördelning")  # item 6's four positions
    # The header facts, the called list as a table beside each other, the annual plan as a Word table.
    assert "Datum: 6 mars 2025" in text and "Tid: 13.30 – 15.30" in text
    assert f"Mötesform: {meeting.form_display}" in text
    sides = [side.heading for side in context["composition"]]
    assert any([cell.paragraphs[0].text for cell in t.rows[0].cells] == sides for t in document.tables)
    plans = context["annual_plan"].tables
    assert plans
    for plan in plans:
        headings = [column.heading for column in plan.columns]
        assert any([cell.text for cell in t.rows[0].cells][-len(headings) :] == headings for t in document.tables)
    assert "Välkommen!" in text and "Helén Eliasson" in text


def _minutes_case(date):
    minutes = Meeting.objects.get(date=date).minutes
    return minutes, minutes_context(minutes=minutes), Document(io.BytesIO(minutes_docx(minutes=minutes)))


@pytest.mark.parametrize("date", [datetime.date(2022, 10, 19), datetime.date(2025, 1, 30)])
def test_the_notes_in_word_hold_every_item_position_assignment_and_the_attendance(demo, date):
    minutes, context, document = _minutes_case(date)
    text = _text(document)
    items = [e for e in context["entries"] if not e.item.is_break]
    assert _styled(document, "Heading 3") == [f"{e.number}. {e.item.title}" for e in items]
    ones = [one for e in items for one in (e, *e.children)]
    positions = _texts_of(html for one in ones for html in one.position_texts)
    assert positions
    for line in positions:
        assert _normalised(line) in text
    for one in ones:
        for assignment in one.assignments:
            assert _normalised(f"{assignment.assignees}: {assignment.description}") in text
        if one.item.duration_minutes and one.item.kind_label:
            assert f"{one.item.kind_label} ({one.item.duration_minutes} minuter)" in text
    for absent in context["attendance"].absent:
        assert _normalised(absent) in text
    assert f"Godkänd av {minutes.approved_by_name}" in text


def test_the_word_files_say_whose_they_are_and_that_the_pdf_is_the_record(demo):
    meeting = Meeting.objects.get(date=datetime.date(2022, 10, 19))
    document = Document(io.BytesIO(minutes_docx(minutes=meeting.minutes)))
    properties = document.core_properties
    assert properties.title == "Mötesanteckning SRO 19 oktober 2022"
    assert properties.author == meeting.body.name
    assert properties.language == "sv-SE"
    assert properties.comments == "Arbetskopia – det publicerade dokumentet är PDF-filen"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.footer.paragraphs[0].text.startswith("Arbetskopia – det publicerade dokumentet är PDF-filen")
    assert section.header.paragraphs[0].text == "SRO – 19 oktober 2022"
    assert document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val") == ["sv-SE"]
    assert round(section.right_margin.mm) == 20


# Downloads.


def test_the_secretary_downloads_the_notice_and_the_notes_as_word_from_their_pages(client, demo):
    secretary = UserFactory(username="sro-sekreterare", is_staff=True)
    grant(secretary, demo, "secretary")
    client.force_login(secretary)
    meeting = Meeting.objects.get(date=datetime.date(2022, 10, 19))
    for page, download, filename in (
        (reverse("staff:notice_preview", args=[meeting.pk]), reverse("staff:notice_docx", args=[meeting.pk]),
         "Kallelse SRO 2022-10-19.docx"),
        (reverse("staff:minutes", args=[meeting.minutes.pk]), reverse("staff:minutes_docx", args=[meeting.minutes.pk]),
         "Minnesanteckningar SRO 2022-10-19.docx"),
    ):  # fmt: skip
        html = client.get(page).content.decode()
        assert f'href="{download}"' in html and "Ladda ned som Word (.docx)" in html
        response = client.get(download)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
        assert Document(io.BytesIO(response.content)).paragraphs[0].text in ("Kallelse SRO", "Mötesanteckning SRO")
        assert client.post(download).status_code == 405


def test_a_notice_not_sent_or_changed_since_and_notes_not_approved_say_they_are_drafts(demo):
    def header(content: bytes) -> str:
        document = Document(io.BytesIO(content))
        assert document.core_properties.content_status in document.sections[0].header.paragraphs[0].text
        return document.sections[0].header.paragraphs[0].text

    planned = Meeting.objects.get(date=datetime.date(2025, 4, 24))
    assert header(notice_docx(meeting=planned)) == "Utkast – kallelsen är inte skickad · SRO – 24 april 2025"
    sent = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    assert header(notice_docx(meeting=sent)) == "SRO – 6 mars 2025"
    sent.agenda_items.filter(title="Studiebesök Jönköping").update(title="Studiebesök i Jönköping")
    assert header(notice_docx(meeting=sent)) == "Utkast – ändrad sedan version 1 skickades · SRO – 6 mars 2025"
    approved = Meeting.objects.get(date=datetime.date(2022, 10, 19)).minutes
    assert header(minutes_docx(minutes=approved)) == "SRO – 19 oktober 2022"
    approved.status = approved.Status.DRAFT  # as a correction is written, unsaved here
    assert header(minutes_docx(minutes=approved)) == "Utkast – inte godkänt · SRO – 19 oktober 2022"
