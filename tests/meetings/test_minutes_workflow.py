"""From the agenda to notes the chair approves, and what each role may do on the way."""

import datetime
import hashlib
import io

import pytest
from django.core import mail
from pypdf import PdfReader

from meetings.models import Attendance, MeetingLogEntry, Minutes, Position
from meetings.services import ServiceError
from meetings.services import minutes as services
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(chair):
    meeting = MeetingFactory(date=datetime.date(2025, 4, 24))
    chair_person = PersonFactory(first_name="Helén", last_name="Eliasson", user=chair, email="helen@example.se")
    MembershipFactory(body=meeting.body, person=chair_person, role="chair", start_date=datetime.date(2025, 1, 1),
                      end_date=None)  # fmt: skip
    member = PersonFactory(first_name="Magnus", last_name="Haggren")
    MembershipFactory(body=meeting.body, person=member, category="official", start_date=datetime.date(2025, 1, 1),
                      end_date=None)  # fmt: skip
    AgendaItemFactory(
        meeting=meeting, order=1, title="Information", proposals=["<div>SRO noterar informationen.</div>"]
    )
    AgendaItemFactory(meeting=meeting, order=2, title="Beslut", proposals=[
        "<div>SRO ställer sig bakom:</div><ul><li>förslaget <strong>A</strong></li><li>förslaget B</li></ul>",
        "<div>SRO ger VGR och Västkom i uppdrag att återrapportera.</div>",
    ])  # fmt: skip
    return meeting


def test_notes_start_from_the_agenda_with_everyone_present_and_the_proposals_taken(meeting, secretary):
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    assert minutes.status == Minutes.Status.DRAFT
    assert set(minutes.attendance.values_list("status", flat=True)) == {Attendance.Status.PRESENT}
    assert minutes.item_notes.count() == 2
    positions = {(p.item.title, p.order): p for p in Position.objects.filter(item__meeting=meeting)}
    assert positions["Information", 0].notes_information is True
    # Each proposal is a position of its own, in order, its formatting and its list kept.
    assert positions["Beslut", 0].html == (
        "<div>SRO ställer sig bakom:</div><ul><li>förslaget <strong>A</strong></li><li>förslaget B</li></ul>"
    )
    assert positions["Beslut", 0].text == "SRO ställer sig bakom:\n– förslaget A\n– förslaget B"
    assert positions["Beslut", 1].text == "SRO ger VGR och Västkom i uppdrag att återrapportera."
    assert positions["Beslut", 0].notes_information is False
    assert len(positions) == 3
    with pytest.raises(ServiceError, match="redan påbörjade"):
        services.minutes_start(meeting=meeting, by=secretary)


def test_the_whole_approval_round(meeting, secretary, chair, django_capture_on_commit_callbacks):
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_send_to_chair(minutes=minutes, by=secretary)
    assert mail.outbox[0].to == ["helen@example.se"]
    assert f"/staff/minutes/{minutes.pk}/review/" in mail.outbox[0].body

    # The secretary cannot approve; the chair must give the right password and a reason to return.
    with pytest.raises(ServiceError, match="Bara mötets ordförande"):
        services.minutes_approve(minutes=minutes, by=secretary, password="correct-horse-battery")
    with pytest.raises(ServiceError, match="Lösenordet var fel"):
        services.minutes_approve(minutes=minutes, by=chair, password="fel")
    with pytest.raises(ServiceError, match="Skriv vad som ska ändras"):
        services.minutes_return(minutes=minutes, by=chair, comment="  ")

    services.minutes_return(minutes=minutes, by=chair, comment="Lägg till frånvaron.")
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.RETURNED
    note = minutes.item_notes.get(item__title="Information")
    services.item_notes_save(note=note, text="<p>Det informerades.</p>", closing_text="",
                             questions=[("Hur går det?", "Bra.")], positions=["SRO noterar informationen."],
                             by=secretary)  # fmt: skip
    services.minutes_send_to_chair(minutes=minutes, by=secretary)

    version = services.minutes_approve(minutes=minutes, by=chair, password="correct-horse-battery")
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.approved_by_name == "Helén Eliasson"
    with version.pdf.open("rb") as handle:
        pdf = handle.read()
    assert hashlib.sha256(pdf).hexdigest() == version.pdf_sha256
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Det informerades." in text and "Hur går det?" in text and "Svar: Bra." in text
    assert "Godkänd av Helén Eliasson den" in text

    published = services.minutes_publish(minutes=minutes, by=secretary)
    assert published.published_at is not None
    actions = list(
        MeetingLogEntry.objects.filter(meeting=meeting).order_by("pk").values_list("action", "user__username")
    )
    assert [a for a in actions if a[0].startswith("minutes_")] == [
        ("minutes_started", "sekreterare"),
        ("minutes_sent_to_chair", "sekreterare"),
        ("minutes_returned", "ordforande"),
        ("minutes_sent_to_chair", "sekreterare"),
        ("minutes_approved", "ordforande"),
        ("minutes_published", "sekreterare"),
    ]


def test_a_vice_chair_may_approve_as_deputy_but_not_a_chair_of_another_period(meeting, chair, secretary):
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    services.minutes_send_to_chair(minutes=minutes, by=secretary)
    chair.person.memberships.update(start_date=datetime.date(2026, 1, 1))  # not chair on the meeting's date
    assert not services.chair_can_approve(user=chair, meeting=meeting)
    chair.person.memberships.update(start_date=datetime.date(2025, 1, 1), role="vice_chair")
    assert services.chair_can_approve(user=chair, meeting=meeting)


def test_only_notes_information_is_recognised():
    assert services.only_notes_information("Det politiska samrådsorganet SRO noterar informationen.")
    assert not services.only_notes_information("SRO noterar informationen med justering att januarimötet utgår.")
    assert not services.only_notes_information("SRO noterar informationen.", "och beslutar att …")


def test_a_body_that_publishes_on_approval_has_the_notes_public_when_the_chair_approves(client, meeting, secretary,
                                                                                        chair):  # fmt: skip
    meeting.body.publish_on_approval = True
    meeting.body.save()
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    services.minutes_send_to_chair(minutes=minutes, by=secretary)
    assert client.get(f"/meetings/{meeting.pk}/notes/").status_code == 404
    version = services.minutes_approve(minutes=minutes, by=chair, password="correct-horse-battery")
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED and version.published_at == minutes.published_at
    assert "SRO noterar informationen." in client.get(f"/meetings/{meeting.pk}/notes/").content.decode()
    assert MeetingLogEntry.objects.filter(meeting=meeting, action="minutes_published").exists()


def test_by_default_the_secretary_publishes_approved_notes(client, meeting, secretary, chair):
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    services.minutes_send_to_chair(minutes=minutes, by=secretary)
    services.minutes_approve(minutes=minutes, by=chair, password="correct-horse-battery")
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert client.get(f"/meetings/{meeting.pk}/notes/").status_code == 404


def test_the_secretary_is_told_when_the_chair_sends_back_and_when_she_approves(
    meeting, secretary, chair, django_capture_on_commit_callbacks
):
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    services.minutes_send_to_chair(minutes=minutes, by=secretary)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_return(minutes=minutes, by=chair, comment="Lägg till frånvaron.")
    [returned] = mail.outbox
    assert returned.to == ["sekreterare@example.se"]
    assert returned.subject == f"Minnesanteckningar tillbakaskickade: {meeting.body.short_name} 2025-04-24"
    assert "Helén Eliasson skickade tillbaka minnesanteckningarna" in returned.body
    assert "Lägg till frånvaron." in returned.body and f"/staff/minutes/{minutes.pk}/" in returned.body

    services.minutes_send_to_chair(minutes=minutes, by=secretary)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_approve(minutes=minutes, by=chair, password="correct-horse-battery")
    [approved] = mail.outbox
    assert approved.to == ["sekreterare@example.se"]
    assert approved.subject == f"Minnesanteckningar godkända: {meeting.body.short_name} 2025-04-24"
    assert "Helén Eliasson har godkänt minnesanteckningarna" in approved.body
    assert "Publicera dem på den öppna webbplatsen:" in approved.body


def test_the_chair_is_reminded_once_if_the_notes_still_wait_in_the_same_round(
    meeting, secretary, chair, settings, django_capture_on_commit_callbacks
):
    from django_tasks.backends.dummy import DummyBackend

    from meetings.tasks import remind_reviewers

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.APPROVAL_REMINDER_DAYS = 5
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_send_to_chair(minutes=minutes, by=secretary)
    backend = remind_reviewers.get_backend()
    assert isinstance(backend, DummyBackend)
    [queued] = [r for r in backend.results if r.task.func is remind_reviewers.func]
    delay = queued.task.run_after - minutes.updated_at
    assert datetime.timedelta(days=4, hours=23) < delay < datetime.timedelta(days=5, hours=1)

    # When it runs: still waiting in that round, so she is reminded; after a return and a new sending, the
    # old round's reminder says nothing (the new round has its own).
    assert queued.kwargs == {"minutes_id": minutes.pk, "round": 1}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # mail at once
    mail.outbox.clear()
    assert services.remind_reviewers(**queued.kwargs) is True
    [reminder] = mail.outbox
    assert reminder.subject.startswith("Påminnelse: ") and reminder.to == ["helen@example.se"]
    assert "Minnesanteckningarna väntar fortfarande på dig." in reminder.body
    services.minutes_return(minutes=minutes, by=chair, comment="Ändra.")
    services.minutes_send_to_chair(minutes=minutes, by=secretary)
    mail.outbox.clear()
    assert services.remind_reviewers(minutes_id=minutes.pk, round=1) is False
    assert mail.outbox == []


def test_the_start_page_shows_the_notes_state_and_who_they_wait_for(client, meeting, secretary, chair):
    client.force_login(secretary)
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    services.minutes_send_to_chair(minutes=minutes, by=secretary)
    page = client.get("/staff/").content.decode()
    assert "Skickad till ordföranden" in page
    assert "Ordföranden: godkänna eller skicka tillbaka" in page
    services.minutes_return(minutes=minutes, by=chair, comment="Lägg till frånvaron.")
    page = client.get("/staff/").content.decode()
    assert "Återsänd av ordföranden" in page
    assert "Sekreteraren: ändra det ordföranden bad om och skicka igen (”Lägg till frånvaron.”)" in page


def test_the_notes_to_approve_go_only_to_a_reviewer_who_can_approve(
    meeting, chair, secretary, django_capture_on_commit_callbacks, client
):
    """A vice chair seated on the meeting's date but without the chair's role in the body would get a link that
    answers "not found": she is not mailed, and the secretary is told when nobody who can approve is left."""
    from meetings.selectors import notes_warnings
    from tests.factories import UserFactory

    vice_user = UserFactory(username="vice", is_staff=True)  # an account, but no chair's role in SRO
    vice = PersonFactory(first_name="Vera", last_name="Vice", user=vice_user, email="vera@example.se")
    MembershipFactory(body=meeting.body, person=vice, role="vice_chair", start_date=datetime.date(2025, 1, 1),
                      end_date=None)  # fmt: skip
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    assert notes_warnings(minutes=minutes) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_send_to_chair(minutes=minutes, by=secretary)
    [sent] = mail.outbox
    assert sent.to == ["helen@example.se"]
    client.force_login(vice_user)
    assert client.get(f"/staff/minutes/{minutes.pk}/review/").status_code in (403, 404)
    client.force_login(chair)
    assert client.get(f"/staff/minutes/{minutes.pk}/review/").status_code == 200

    # Without the chair's role in SRO, the chair is not mailed either, and the secretary is warned before sending.
    services.minutes_return(minutes=minutes, by=chair, comment="Lägg till frånvaron.")
    chair.staff_roles.all().delete()
    minutes.refresh_from_db()
    [warning] = notes_warnings(minutes=minutes)
    assert "Varken ordföranden eller vice ordföranden den 2025-04-24 har ett konto med ordförandens roll" in warning
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_send_to_chair(minutes=minutes, by=secretary)
    assert [m for m in mail.outbox if "att godkänna" in m.subject.lower()] == []
