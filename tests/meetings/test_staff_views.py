"""The secretary's pages: bad input keeps what was typed, conflicts are reported, queries stay fixed."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.test import override_settings
from django.urls import reverse
from weasyprint import HTML

from meetings.models import AgendaItem, Attachment, Meeting
from tests.factories import AgendaItemFactory, MeetingFactory, PresenterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, secretary):
    client.force_login(secretary)
    return client


def real_pdf() -> bytes:
    return HTML(string="<p>Beslutsunderlag</p>").write_pdf()


def real_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_creating_a_meeting_with_an_end_before_its_start_keeps_what_was_typed(staff_client, demo):
    response = staff_client.post(
        reverse("staff:meeting_create"),
        {"date": "2026-04-23", "start_time": "15:00", "end_time": "13:00", "kind": "ordinary", "form": "in_person",
         "location": "Regionens hus, Vänersborg"},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mötet måste sluta efter att det börjar." in html
    assert 'value="Regionens hus, Vänersborg"' in html
    assert 'value="2026-04-23"' in html
    assert not Meeting.objects.filter(date=datetime.date(2026, 4, 23)).exists()


def test_creating_a_meeting_leads_to_its_agenda_with_the_standing_items(staff_client, demo):
    response = staff_client.post(
        reverse("staff:meeting_create"),
        {"date": "2026-04-23", "start_time": "13:00", "end_time": "15:00", "kind": "ordinary", "form": "digital",
         "location": "Teamsmöte"},
        follow=True,
    )  # fmt: skip
    html = response.content.decode()
    assert "Mötet skapades med de stående punkterna." in html
    assert "Godkännande av dagens agenda" in html
    assert "Dagordningen har inga punkter ännu." in html


def test_two_editors_of_one_item_get_a_conflict_not_an_overwrite(staff_client):
    item = AgendaItemFactory(title="Originalrubrik")
    page = staff_client.get(reverse("staff:item_edit", kwargs={"pk": item.pk}))
    loaded_at = page.context["form"]["lock_version"].value()
    # Someone else saves first.
    AgendaItem.objects.filter(pk=item.pk).update(title="Den andras rubrik", lock_version=F("lock_version") + 1)

    response = staff_client.post(
        reverse("staff:item_edit", kwargs={"pk": item.pk}),
        {"kind": "information", "title": "Min rubrik", "duration_minutes": "20", "show_time": "on",
         "lock_version": loaded_at},
    )  # fmt: skip

    assert response.status_code == 400
    html = response.content.decode()
    assert "Någon annan sparade detta efter att du öppnade det." in html
    assert 'value="Min rubrik"' in html
    item.refresh_from_db()
    assert item.title == "Den andras rubrik"


def test_an_item_saved_without_conflict_is_sanitised(staff_client):
    item = AgendaItemFactory()
    page = staff_client.get(reverse("staff:item_edit", kwargs={"pk": item.pk}))
    version = page.context["form"]["lock_version"].value()
    staff_client.post(
        reverse("staff:item_edit", kwargs={"pk": item.pk}),
        {"kind": "information", "title": "Ny", "duration_minutes": "15", "show_time": "on",
         "body": "<div>Text<script>alert(1)</script></div>", "lock_version": version},
    )  # fmt: skip
    item.refresh_from_db()
    assert (item.title, item.duration_minutes, item.body) == ("Ny", 15, "<div>Text</div>")


def upload(staff_client, item, name, content, content_type="application/pdf"):
    return staff_client.post(
        reverse("staff:attachment_add", kwargs={"pk": item.pk}),
        {"attachment-file": SimpleUploadedFile(name, content, content_type), "attachment-is_public": "on"},
    )


def test_a_real_pdf_is_stored_under_a_generated_name_with_its_hash(staff_client):
    item = AgendaItemFactory()
    response = upload(staff_client, item, "Beslutsunderlag.pdf", real_pdf())
    assert response.status_code == 302
    attachment = Attachment.objects.get(item=item)
    assert attachment.title == "Beslutsunderlag.pdf"
    assert "Beslutsunderlag" not in attachment.file.name and attachment.file.name.endswith(".pdf")
    assert attachment.content_type == "application/pdf"
    assert len(attachment.sha256) == 64


def test_a_fake_pdf_is_refused_with_a_reason_in_swedish(staff_client):
    item = AgendaItemFactory()
    response = upload(staff_client, item, "faktura.pdf", b"MZ\x90\x00 this is really a program")
    assert response.status_code == 400
    assert "”faktura.pdf” är inte en PDF- eller Office-fil" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_office_file_named_as_a_pdf_is_refused(staff_client):
    item = AgendaItemFactory()
    response = upload(staff_client, item, "underlag.pdf", real_docx())
    assert response.status_code == 400
    assert "heter .pdf men innehållet är DOCX" in response.content.decode()


def test_a_word_file_is_accepted(staff_client):
    item = AgendaItemFactory()
    assert upload(staff_client, item, "underlag.docx", real_docx()).status_code == 302


@override_settings(ATTACHMENT_MAX_BYTES=1024)
def test_a_file_too_large_is_refused_with_its_size(staff_client):
    item = AgendaItemFactory()
    response = upload(staff_client, item, "stor.pdf", real_pdf() + b"\0" * 2048)
    assert response.status_code == 400
    assert "högst 1,0\xa0kB är tillåtet" in response.content.decode()


def test_attachments_are_served_as_downloads(staff_client):
    item = AgendaItemFactory()
    upload(staff_client, item, "Underlag.pdf", real_pdf())
    response = staff_client.get(reverse("staff:attachment_download", kwargs={"pk": Attachment.objects.get().pk}))
    assert response["Content-Disposition"].startswith('attachment; filename="Underlag.pdf"')


def test_duration_changed_in_the_agenda_returns_the_agenda_with_new_times(staff_client):
    meeting = MeetingFactory(start_time=datetime.time(13, 0))
    first = AgendaItemFactory(meeting=meeting, order=1, duration_minutes=20)
    AgendaItemFactory(meeting=meeting, order=2, duration_minutes=10)
    response = staff_client.post(
        reverse("staff:item_duration", kwargs={"pk": first.pk}), {"duration_minutes": "45"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="agenda"')
    assert "kl. 13.45 – 13.55" in html


def test_a_bad_duration_is_refused_in_swedish(staff_client):
    item = AgendaItemFactory(duration_minutes=20)
    response = staff_client.post(reverse("staff:item_duration", kwargs={"pk": item.pk}), {"duration_minutes": "lång"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.duration_minutes == 20


def _meeting_with_items(count):
    meeting = MeetingFactory()
    for order in range(1, count + 1):
        item = AgendaItemFactory(meeting=meeting, order=order)
        PresenterFactory(item=item)
        AgendaItemFactory(meeting=meeting, parent=item, order=1)
    return meeting


@pytest.mark.parametrize("count", [3, 30])
def test_the_agenda_editor_runs_a_fixed_number_of_queries(staff_client, django_assert_num_queries, count):
    meeting = _meeting_with_items(count)
    url = reverse("staff:meeting", kwargs={"pk": meeting.pk})
    # session, user, the user's and its groups' permissions, meeting, items, presenters, attachments,
    # the assignments due for report back at the meeting, the sent versions of its notice, the person whose
    # name the header shows; then the session renewed (its idle timeout starts again: an UPDATE inside a
    # savepoint)
    with django_assert_num_queries(14):
        response = staff_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="agenda-row') == count
