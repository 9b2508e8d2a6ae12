"""Entering a past year: the day SRO really sent a notice or the chair really approved the notes is recorded beside the
moment it was entered (never over it); the public reads the recorded day, staff read both."""

import datetime
import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings.dates import long_date
from meetings.models import MeetingLogEntry, MinutesVersion, NoticeDispatch
from meetings.services import minutes as minutes_services
from meetings.services.notices import RecordedDateError, notice_publish, notice_send
from tests.conftest import PASSWORD
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

HELD = datetime.date(2025, 3, 6)


@pytest.fixture
def meeting(chair, secretary):
    """A meeting of 2025, entered now: planned, its notice not sent."""
    meeting = MeetingFactory(date=HELD)
    helen = PersonFactory(first_name="Helén", last_name="Eliasson", user=chair, email="helen@example.se")
    MembershipFactory(body=meeting.body, person=helen, role="chair", start_date=datetime.date(2023, 1, 1),
                      end_date=None)  # fmt: skip
    PersonFactory(first_name="Sara", last_name="Sekreterare", user=secretary)
    AgendaItemFactory(meeting=meeting, order=1, title="Hälso- och sjukvårdsavtal",
                      proposals=["<div>SRO noterar informationen.</div>"])  # fmt: skip
    return meeting


def _send_page(client, meeting, day: str):
    return client.post(reverse("staff:notice_send", kwargs={"pk": meeting.pk}),
                       {"seen_version": "0", "recorded_sent_on": day})  # fmt: skip


def test_a_past_notice_is_sent_with_the_day_it_was_really_sent(client, meeting, secretary):
    client.force_login(secretary)
    form = client.get(reverse("staff:notice_send", kwargs={"pk": meeting.pk}))
    assert "Skickades den (bara när ett tidigare år läggs in)" in form.content.decode()

    assert _send_page(client, meeting, "2025-02-20").status_code == 302
    dispatch = NoticeDispatch.objects.get(meeting=meeting)
    assert dispatch.recorded_sent_on == datetime.date(2025, 2, 20)
    assert timezone.localdate(dispatch.sent_at) == timezone.localdate()  # the moment of entry is kept as it was
    entry = MeetingLogEntry.objects.get(meeting=meeting, action="notice_sent")
    assert entry.note == "v1, registrerat i efterhand: skickad den 20 februari 2025"

    staff = client.get(reverse("staff:meeting", kwargs={"pk": meeting.pk})).content.decode()
    assert (f"Skickad 20 februari 2025 (registrerat i efterhand {long_date(timezone.localdate())} av Sara "
            "Sekreterare)") in staff  # fmt: skip

    if not meeting.body.publish_notice_on_send:
        notice_publish(meeting=meeting, by=secretary)
    client.logout()
    public = client.get(reverse("public:meeting", kwargs={"pk": meeting.pk})).content.decode()
    assert "skickad 20 februari 2025" in public
    assert f"skickad {long_date(timezone.localdate())}" not in public


@pytest.mark.parametrize(
    ("day", "error"),
    [
        ("2099-01-01", "Dagen då kallelsen skickades kan inte ligga i framtiden."),
        ("2025-03-06", "En kallelse skickas före mötet: ange en dag före den 6 mars 2025."),
        ("2025-03-10", "En kallelse skickas före mötet: ange en dag före den 6 mars 2025."),
        ("den tjugonde", "Fyll i ett giltigt datum."),
    ],
)
def test_an_impossible_sending_day_is_refused_in_swedish_and_kept_in_the_field(client, meeting, secretary, day, error):
    client.force_login(secretary)
    refused = _send_page(client, meeting, day)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert error in html
    assert f'value="{day}"' in html
    assert not NoticeDispatch.objects.filter(meeting=meeting).exists()


def test_a_coming_meeting_has_no_day_to_record_and_a_revised_notice_is_not_sent_before_the_first(meeting, secretary):
    coming = MeetingFactory(body=meeting.body, date=timezone.localdate() + datetime.timedelta(days=30))
    with pytest.raises(RecordedDateError, match="Bara kallelsen till ett möte som redan har varit"):
        notice_send(meeting=coming, by=secretary, recorded_sent_on=datetime.date(2025, 2, 20))
    notice_send(meeting=meeting, by=secretary, recorded_sent_on=datetime.date(2025, 2, 20))
    with pytest.raises(RecordedDateError, match="Version 1 skickades den 20 februari 2025"):
        notice_send(meeting=meeting, by=secretary, recorded_sent_on=datetime.date(2025, 2, 19))
    revised = notice_send(meeting=meeting, by=secretary, recorded_sent_on=datetime.date(2025, 2, 27))
    assert (revised.version, revised.sent_on) == (2, datetime.date(2025, 2, 27))


@pytest.fixture
def notes_to_approve(meeting, secretary, chair, client):
    notice_send(meeting=meeting, by=secretary, recorded_sent_on=datetime.date(2025, 2, 20))
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary, remind=False)
    client.force_login(chair)
    return minutes


def _approve(client, minutes, day: str):
    page = client.get(reverse("staff:minutes_review", kwargs={"pk": minutes.pk}))
    read = page.context["approve_form"]["read"].value()
    return client.post(reverse("staff:minutes_approve", kwargs={"pk": minutes.pk}),
                       {"approve-password": PASSWORD, "approve-read": read,
                        "approve-recorded_approved_on": day})  # fmt: skip


def test_past_notes_are_approved_on_the_day_recorded_which_they_print_and_keep(client, notes_to_approve, secretary):
    minutes = notes_to_approve
    assert _approve(client, minutes, "2025-03-20").status_code == 302
    version = MinutesVersion.objects.get(minutes=minutes)
    assert version.recorded_approved_on == datetime.date(2025, 3, 20)
    assert timezone.localdate(version.approved_at) == timezone.localdate()
    with version.pdf.open("rb") as handle:
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages).split())
    assert "Godkänd av Helén Eliasson den 20 mars 2025." in text
    entry = MeetingLogEntry.objects.get(meeting=minutes.meeting, action="minutes_approved")
    assert entry.note.endswith(", registrerat i efterhand: godkänd den 20 mars 2025")

    # Decided at the approval: the database refuses any change of the day afterwards, on every path.
    with pytest.raises(IntegrityError), transaction.atomic():
        MinutesVersion.objects.filter(pk=version.pk).update(recorded_approved_on=datetime.date(2025, 3, 21))

    client.force_login(secretary)
    staff = client.get(reverse("staff:minutes", kwargs={"pk": minutes.pk})).content.decode()
    today = long_date(timezone.localdate())
    assert f"godkänd av Helén Eliasson den 20 mars 2025 (registrerat i efterhand {today} av Helén Eliasson)" in staff
    minutes_services.minutes_publish(minutes=minutes, by=secretary)
    client.logout()
    public = client.get(reverse("public:minutes", kwargs={"pk": minutes.meeting_id})).content.decode()
    assert "Godkänd av Helén Eliasson den 20 mars 2025." in public  # the notes as approved
    assert "Helén Eliasson, 20 mars 2025" in public  # the approved record under them
    assert today not in public.split("Publicerad")[0]
    api = client.get(reverse("api:notes_file", kwargs={"meeting_pk": minutes.meeting_id})).json()
    assert api["date"] == "2025-03-20"


@pytest.mark.parametrize(
    ("day", "error"),
    [
        ("2099-01-01", "Dagen för godkännandet kan inte ligga i framtiden."),
        ("2025-03-05", "Minnesanteckningar godkänns efter mötet: ange den 6 mars 2025 eller en senare dag."),
    ],
)
def test_an_impossible_approval_day_is_refused_in_swedish_and_kept(client, notes_to_approve, day, error):
    refused = _approve(client, notes_to_approve, day)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert error in html
    assert f'value="{day}"' in html
    assert not MinutesVersion.objects.filter(minutes=notes_to_approve).exists()


def test_an_approval_without_a_recorded_day_prints_the_day_she_approves(client, notes_to_approve):
    assert _approve(client, notes_to_approve, "").status_code == 302
    version = MinutesVersion.objects.get(minutes=notes_to_approve)
    assert version.recorded_approved_on is None
    assert version.approved_on == timezone.localdate()
    assert f"Godkänd av Helén Eliasson den {long_date(timezone.localdate())}." in version.html
