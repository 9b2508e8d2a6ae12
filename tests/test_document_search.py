"""Search looks inside the public attachments: the text of PDF and Word files, read in the background at upload.
A non-public attachment's words are never found by the public; a scan without text is marked as such."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from weasyprint import HTML

from meetings.models import DocumentText
from meetings.services.agenda import attachment_add
from meetings.services.notices import notice_publish, notice_send
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, blank_pdf

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pdf_with(text: str) -> bytes:
    return HTML(string=f"<html lang='sv'><p>{text}</p></html>").write_pdf()


def docx_with(text: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def meeting(django_capture_on_commit_callbacks, secretary):
    meeting = MeetingFactory(body=BodyFactory(), date=datetime.date(2031, 5, 14))  # the portal's body: the only one
    item = AgendaItemFactory(meeting=meeting, title="Hjälpmedel")
    with django_capture_on_commit_callbacks(execute=True):  # the upload's background reading, done
        for name, content, kind, public in [
            ("Avtal.pdf", pdf_with("Förslaget om rullstolsanpassning i glesbygd"), "application/pdf", True),
            ("PM.docx", docx_with("Kommunerna betalar synhjälpmedlen"), DOCX, True),
            ("Hemligt.pdf", pdf_with("Förhandlingsbudet tvåhundrafemtio miljoner"), "application/pdf", False),
            ("Inskannat protokoll.pdf", blank_pdf(), "application/pdf", True),
        ]:
            attachment_add(item=item, upload=SimpleUploadedFile(name, content), content_type=kind, title=name,
                           is_public=public)  # fmt: skip
        notice_send(meeting=meeting, by=secretary)
        notice_publish(meeting=meeting, by=secretary)
    return meeting


def hits(client, query) -> list:
    results = client.get(reverse("public:search"), {"q": query}).context["results"]
    return [hit for key, _heading, found, _more in results.groups if key == "documents" for hit in found]


def test_the_texts_are_read_at_upload_and_a_scan_is_marked(meeting):
    states = dict(DocumentText.objects.values_list("attachment__title", "state"))
    assert states == {"Avtal.pdf": "read", "PM.docx": "read", "Hemligt.pdf": "read",
                      "Inskannat protokoll.pdf": "scanned"}  # fmt: skip


def test_a_word_only_inside_a_public_attachment_is_found_with_a_snippet(client, meeting):
    [hit] = hits(client, "rullstolsanpassning")
    assert hit.title == "Avtal.pdf" and "<mark>rullstolsanpassning</mark>" in hit.snippet.lower()
    assert client.get(hit.url).status_code == 200  # the public attachment itself
    [word_hit] = hits(client, "synhjälpmedlen")
    assert word_hit.title == "PM.docx"


def test_a_non_public_attachments_words_are_never_found(client, meeting):
    assert hits(client, "tvåhundrafemtio") == []
    page = client.get(reverse("public:search"), {"q": "tvåhundrafemtio förhandlingsbudet"}).content.decode()
    assert "Hemligt.pdf" not in page and "miljoner" not in page


def test_a_scan_is_found_by_its_title_and_says_it_has_no_text(client, meeting):
    [hit] = hits(client, "inskannat")
    assert hit.label == "Skannad, ingen sökbar text"


def test_an_attachment_added_after_sending_is_not_found_until_a_version_sends_it(
    client, meeting, django_capture_on_commit_callbacks
):
    item = meeting.agenda_items.get(title="Hjälpmedel")
    with django_capture_on_commit_callbacks(execute=True):
        attachment_add(item=item, upload=SimpleUploadedFile("Nytt.pdf", pdf_with("Efterhandsbilaga om väderkvarnar")),
                       content_type="application/pdf", title="Nytt.pdf")  # fmt: skip
    assert hits(client, "väderkvarnar") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Swedish stemming is PostgreSQL's")
def test_swedish_stemming_finds_other_forms_of_a_word(client, meeting):
    assert [hit.title for hit in hits(client, "kommunernas")] == ["PM.docx"]
