import datetime
import hashlib
import io

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from meetings.integrity import guard_disabled
from meetings.models import AgendaItem, FrozenItem, Meeting, MeetingLogEntry, NoticeDispatch
from meetings.selectors.notices import notice_changes
from meetings.services import ServiceError
from meetings.services.agenda import agenda_item_save as agenda_save
from meetings.services.notices import notice_changes_undo, notice_publish, notice_send
from meetings.services.positions import meeting_cancel
from members.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(demo):
    # Give a few of the called and invited an address: the demo has none.
    for first, last in [("Helén", "Eliasson"), ("Marina", "Johansson"), ("Ulrika", "Söderlund"), ("Helen", "Nordling")]:
        Person.objects.filter(first_name=first, last_name=last).update(email=f"{first.lower()}@example.se")
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    # Publishing is a step of its own in these tests (the demo's SRO publishes on sending: test_term_warnings).
    meeting.body.publish_notice_on_send = False
    meeting.body.save(update_fields=["publish_notice_on_send"])
    with guard_disabled():  # as if the demo's notice had never been sent: its frozen version goes
        FrozenItem.objects.filter(dispatch__meeting=meeting).delete()
        NoticeDispatch.objects.filter(meeting=meeting).delete()
        Meeting.objects.filter(pk=meeting.pk).update(notice_version=0, notice_published_at=None,
                                                     status=Meeting.Status.PLANNED)  # fmt: skip
    meeting.refresh_from_db()
    return meeting


def test_sending_mails_the_pdf_and_an_invitation_to_everyone_with_an_address(
    meeting, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = notice_send(meeting=meeting, by=secretary)

    assert sorted(m.to[0] for m in mail.outbox) == [
        "Helen Nordling <helen@example.se>",
        "Helén Eliasson <helén@example.se>",
        "Marina Johansson <marina@example.se>",
        "Ulrika Söderlund <ulrika@example.se>",
    ]
    message = mail.outbox[0]
    assert message.subject == "Kallelse SRO 2025-03-06"
    (pdf_name, pdf, pdf_type), (ics_name, ics, _ics_type) = message.attachments
    assert ics_name == "kallelse.ics"
    assert (pdf_name, pdf_type) == ("Kallelse SRO 2025-03-06.pdf", "application/pdf")
    assert "Kallelse SRO" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert event.decoded("dtstart").isoformat() == "2025-03-06T13:30:00+01:00"
    assert event["sequence"] == 0
    assert str(event["location"]).startswith("Göteborgsregionens Kommunalförbund")
    # The calendar links the public meeting page (members and guests cannot use the staff pages).
    assert str(event["description"]).endswith(f"/meetings/{meeting.pk}/") and "/staff/" not in str(event["description"])
    # Each attachment by name, a public one with its link.
    attachment = meeting.agenda_items.get(title__startswith="Ny berednings").attachments.get()
    assert f"- {attachment.title}: http" in message.body and f"/attachments/{attachment.pk}/" in message.body

    meeting.refresh_from_db()
    assert (meeting.status, meeting.notice_version) == (Meeting.Status.NOTICE_SENT, 1)
    assert dispatch.sent_by == secretary
    assert len(dispatch.recipients) == 26 + 1 + 6 - 1  # called + substitute + invited, Helen Nordling once
    assert MeetingLogEntry.objects.filter(meeting=meeting, action="notice_sent", to_state="notice_sent").exists()


def test_sending_again_is_a_revised_notice_with_the_next_version(
    meeting, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice_send(meeting=meeting, by=secretary)
    item = meeting.agenda_items.get(title__startswith="Ny berednings")
    item.attachments.update(is_public=False)
    item.title = "Ny beredning, ändrad rubrik"
    agenda_save(item=item)
    with django_capture_on_commit_callbacks(execute=True):
        notice_send(meeting=meeting, by=secretary)
    revised = [m for m in mail.outbox if m.subject.startswith("Reviderad kallelse")]
    assert len(revised) == 4
    # The revised notice's mail says plainly what changed, and a non-public attachment has no link.
    assert "Ändrat sedan föregående version:" in revised[0].body
    assert "Ny beredning, ändrad rubrik" in revised[0].body
    assert "(inte offentlig: i Mina möten)" in revised[0].body
    pdf_name, pdf, _ = revised[0].attachments[0]
    assert pdf_name == "Kallelse SRO 2025-03-06-v2.pdf"
    assert "Reviderad kallelse SRO" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert Calendar.from_ical(revised[0].attachments[1][1]).walk("VEVENT")[0]["sequence"] == 1
    assert list(NoticeDispatch.objects.filter(meeting=meeting).values_list("version", flat=True)) == [2, 1]


def test_no_mail_leaves_before_the_transaction_commits(meeting, secretary, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notice_send(meeting=meeting, by=secretary)
    assert mail.outbox == []
    for callback in callbacks:  # the commit: the mails are queued (and the public PDF made ahead of its reader)
        callback()
    with_address = [r for r in NoticeDispatch.objects.get(meeting=meeting).recipients if r["email"]]
    assert len(mail.outbox) == len(with_address) > 0


def test_a_held_meeting_cannot_be_sent_a_notice(meeting, secretary):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    with pytest.raises(ServiceError, match="genomfört eller inställt"):
        notice_send(meeting=meeting, by=secretary)


def test_publishing_needs_a_sent_version_and_is_once(meeting, secretary):
    with pytest.raises(ServiceError, match="Skicka kallelsen först"):
        notice_publish(meeting=meeting, by=secretary)
    notice_send(meeting=meeting, by=secretary)
    notice_publish(meeting=meeting, by=secretary)
    meeting.refresh_from_db()
    assert meeting.notice_published_at is not None
    with pytest.raises(ServiceError, match="redan publicerad"):
        notice_publish(meeting=meeting, by=secretary)


AGREEMENT = "Nytt Hälso- och sjukvårdsavtal med tillhörande överenskommelser"  # item 4 of the real notice


def _edit_after_sending(meeting, secretary):
    """Send and publish version 1, then change item 4's title and duration and add an item."""
    notice_send(meeting=meeting, by=secretary)
    notice_publish(meeting=meeting, by=secretary)
    item = meeting.agenda_items.get(title__startswith="Nytt Hälso- och sjukvårdsavtal")
    item.title, item.duration_minutes = "Nytt avtal ÄNDRAT EFTER UTSKICK", 30
    agenda_save(item=item, by=secretary)
    agenda_save(item=AgendaItem(meeting=meeting, title="Punkt som tillkom", kind="information"), by=secretary)
    return item


def test_an_edit_after_sending_changes_nothing_the_public_reads_and_shows_as_a_change(meeting, secretary, client):
    item = _edit_after_sending(meeting, secretary)
    page = client.get(reverse("public:meeting", args=[meeting.pk])).content.decode()
    assert "Nytt Hälso- och sjukvårdsavtal" in page and "ÄNDRAT EFTER UTSKICK" not in page
    assert "Punkt som tillkom" not in page
    api = client.get(reverse("api:agenda_item", args=[item.pk])).json()
    assert api["name"] == AGREEMENT and api["end"].endswith("13:55:00+01:00")
    pdf = client.get(reverse("public:notice_pdf", args=[meeting.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages)
    assert "ÄNDRAT" not in text and "Nytt Hälso- och sjukvårdsavtal" in " ".join(text.split())
    changes = notice_changes(meeting=meeting)
    assert ("4. Nytt avtal ÄNDRAT EFTER UTSKICK", "Rubrik", AGREEMENT,
            "Nytt avtal ÄNDRAT EFTER UTSKICK") in [(c.subject, c.field, c.old, c.new) for c in changes]  # fmt: skip
    assert any(c.field == "Ny punkt" and "Punkt som tillkom" in c.subject for c in changes)
    assert any(c.field == "Tid" and "13.35–13.55" in c.old and "13.35–14.05" in c.new for c in changes)


def test_a_revised_notice_is_version_2_and_then_the_public_reads_it(meeting, secretary, client):
    _edit_after_sending(meeting, secretary)
    dispatch = notice_send(meeting=meeting, by=secretary)
    assert dispatch.version == 2 and notice_changes(meeting=meeting) == []
    page = client.get(reverse("public:meeting", args=[meeting.pk])).content.decode()
    assert "ÄNDRAT EFTER UTSKICK" in page and "Reviderad kallelse" in page
    first = NoticeDispatch.objects.get(meeting=meeting, version=1)
    assert "ÄNDRAT" not in first.html and "Nytt Hälso- och sjukvårdsavtal" in first.html  # version 1 kept as sent


def test_undoing_puts_the_agenda_back_as_it_was_sent(meeting, secretary):
    item = _edit_after_sending(meeting, secretary)
    notice_changes_undo(meeting=meeting, by=secretary)
    item.refresh_from_db()
    assert item.title == AGREEMENT and item.duration_minutes == 20
    assert not meeting.agenda_items.filter(title="Punkt som tillkom").exists()
    assert notice_changes(meeting=meeting) == []


def test_cancelling_another_meeting_leaves_a_sent_notice_as_it_was(meeting, secretary):
    notice_send(meeting=meeting, by=secretary)
    sent = NoticeDispatch.objects.get(meeting=meeting, version=1)
    html, pdf = sent.html, sent.pdf.read()
    later = Meeting.objects.filter(date__gt=meeting.date).order_by("date").first()
    meeting_cancel(meeting=later, by=secretary)
    sent = NoticeDispatch.objects.get(pk=sent.pk)
    assert sent.html == html and sent.pdf.read() == pdf and hashlib.sha256(pdf).hexdigest() == sent.pdf_sha256


def test_the_database_refuses_to_change_or_delete_a_sent_version(meeting, secretary):
    dispatch = notice_send(meeting=meeting, by=secretary)
    for change in (lambda: NoticeDispatch.objects.filter(pk=dispatch.pk).update(html="<p>förfalskad</p>"),
                   lambda: FrozenItem.objects.filter(dispatch=dispatch).update(title="förfalskad"),
                   lambda: NoticeDispatch.objects.filter(pk=dispatch.pk)._raw_delete("default")):  # fmt: skip
        with pytest.raises(IntegrityError), transaction.atomic():
            change()
    with pytest.raises(IntegrityError), transaction.atomic():  # published without a sent version
        Meeting.objects.filter(pk=meeting.pk).update(notice_version=5, notice_published_at=timezone.now())


def test_the_secretary_sees_the_changes_on_the_meeting_and_can_undo_them(meeting, secretary, client):
    item = _edit_after_sending(meeting, secretary)
    client.force_login(secretary)
    page = client.get(reverse("staff:meeting", args=[meeting.pk])).content.decode()
    assert "Ändrat sedan version 1 skickades" in page
    assert "<del>Nytt Hälso- och sjukvårdsavtal" in page and "<ins>Nytt avtal ÄNDRAT EFTER UTSKICK</ins>" in page
    sent = NoticeDispatch.objects.get(meeting=meeting, version=1)
    pdf = client.get(reverse("staff:notice_version_pdf", args=[meeting.pk, 1]))
    assert hashlib.sha256(b"".join(pdf.streaming_content)).hexdigest() == sent.pdf_sha256  # the very PDF mailed
    assert client.get(reverse("staff:notice_undo", args=[meeting.pk])).status_code == 200  # asks first
    client.post(reverse("staff:notice_undo", args=[meeting.pk]))
    item.refresh_from_db()
    assert item.title == AGREEMENT
    assert "Ändrat sedan version" not in client.get(reverse("staff:meeting", args=[meeting.pk])).content.decode()


def test_the_send_page_is_a_checklist_and_takes_the_missing_addresses(client, meeting, secretary):
    item = meeting.agenda_items.get(title__startswith="Ny berednings")
    item.attachments.update(is_public=False)
    client.force_login(secretary)
    url = reverse("staff:notice_send", kwargs={"pk": meeting.pk})
    page = client.get(url).content.decode()
    # 6 March 2025 is past; the attachment is not public; the called without an address are listed to fill in.
    assert "Mötets datum, 2025-03-06, har redan varit." in page
    assert "bilagan ”Beslutsunderlag - Statsbidrag psykisk hälsa 2025, SRO.pdf” är inte offentlig" in page
    missing = Person.objects.get(first_name="Magnus", last_name="Haggren")
    assert f'name="email_{missing.pk}"' in page and "mottagare saknar e-postadress" in page

    # A wrong address is refused next to its field, what was typed kept, nothing saved, nothing sent.
    other = Person.objects.get(first_name="Andreas", last_name="Cerny")
    data = {"save_addresses": "1", f"email_{missing.pk}": "magnus.haggren@", f"email_{other.pk}": "andreas@vgr.se"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Fyll i en giltig e-postadress." in response.content.decode()
    assert 'value="andreas@vgr.se"' in response.content.decode()
    other.refresh_from_db()
    assert other.email == "" and not NoticeDispatch.objects.filter(meeting=meeting).exists()

    data[f"email_{missing.pk}"] = "magnus@example.se"
    response = client.post(url, data, follow=True)
    assert "2 adresser sparades." in response.content.decode()
    missing.refresh_from_db()
    assert missing.email == "magnus@example.se"
    assert f'name="email_{missing.pk}"' not in response.content.decode()
    assert not NoticeDispatch.objects.filter(meeting=meeting).exists()  # saving addresses sends nothing
