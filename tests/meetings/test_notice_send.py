import datetime
import io

import pytest
from django.core import mail
from icalendar import Calendar
from pypdf import PdfReader

from meetings.models import Meeting, MeetingLogEntry, NoticeDispatch
from meetings.services import ServiceError
from meetings.services.notices import notice_publish, notice_send
from members.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(demo):
    # Give a few of the called and invited an address: the demo has none.
    for first, last in [("Helén", "Eliasson"), ("Marina", "Johansson"), ("Ulrika", "Söderlund"), ("Helen", "Nordling")]:
        Person.objects.filter(first_name=first, last_name=last).update(email=f"{first.lower()}@example.se")
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    Meeting.objects.filter(pk=meeting.pk).update(notice_version=0, status=Meeting.Status.PLANNED)
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
        notice_send(meeting=meeting, by=secretary)
    revised = [m for m in mail.outbox if m.subject.startswith("Reviderad kallelse")]
    assert len(revised) == 4
    pdf_name, pdf, _ = revised[0].attachments[0]
    assert pdf_name == "Kallelse SRO 2025-03-06-v2.pdf"
    assert "Reviderad kallelse SRO" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert Calendar.from_ical(revised[0].attachments[1][1]).walk("VEVENT")[0]["sequence"] == 1
    assert list(NoticeDispatch.objects.filter(meeting=meeting).values_list("version", flat=True)) == [2, 1]


def test_no_mail_leaves_before_the_transaction_commits(meeting, secretary, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notice_send(meeting=meeting, by=secretary)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_held_meeting_cannot_be_sent_a_notice(meeting, secretary):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    with pytest.raises(ServiceError, match="genomfört eller inställt"):
        notice_send(meeting=meeting, by=secretary)


def test_publishing_is_once(meeting, secretary):
    Meeting.objects.filter(pk=meeting.pk).update(notice_published_at=None)
    notice_publish(meeting=meeting, by=secretary)
    meeting.refresh_from_db()
    assert meeting.notice_published_at is not None
    with pytest.raises(ServiceError, match="redan publicerad"):
        notice_publish(meeting=meeting, by=secretary)
