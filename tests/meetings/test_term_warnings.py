"""Warnings before the mistake, and a notice whose links work once sent (issue 35): the send page and the notes
say in Swedish when nobody is called, when the meeting has no chair or vice chair on its date, and when one of
them has no address; a chair whose seat has ended is told why she cannot approve; a body that publishes on
sending has its notice public at once, and until a notice is public its mail links the members' area."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from meetings.models import Meeting, MeetingLogEntry, Minutes
from meetings.selectors import meeting_has_begun, notes_not_yet, notes_warnings, people_warnings
from meetings.services import ServiceError
from meetings.services import minutes as minutes_services
from meetings.services.agenda import attachment_add
from meetings.services.notices import notice_send
from members.models import Membership
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 1, 14)


def test_the_send_page_warns_of_nobody_called_and_no_presidium_and_does_not_call_it_complete(client, secretary):
    meeting = MeetingFactory(date=DAY)
    AgendaItemFactory(meeting=meeting, order=10, title="Hjälpmedel")
    MembershipFactory(body=meeting.body, role=Membership.Role.CHAIR)  # seats of 2023–2026 only
    client.force_login(secretary)
    html = client.get(reverse("staff:notice_send", kwargs={"pk": meeting.pk})).content.decode()
    assert "Ingen är kallad: ingen ledamot sitter i SRO den 2027-01-14." in html
    assert "SRO har ingen ordförande den 2027-01-14" in html and "SRO har ingen vice ordförande den 2027-01-14" in html
    assert "Dagordningen är komplett" not in html
    preview = client.get(reverse("staff:notice_preview", kwargs={"pk": meeting.pk})).content.decode()
    assert "Se lista." not in preview and "Ingen ännu: ingen ledamot sitter i organet detta datum." in preview


def test_a_chair_without_an_address_is_named_and_a_seated_presidium_with_addresses_is_not(secretary):
    meeting = MeetingFactory(date=DAY)
    helen = PersonFactory(first_name="Helén", last_name="Eliasson")
    chair = MembershipFactory(body=meeting.body, role=Membership.Role.CHAIR, start_date=datetime.date(2027, 1, 1),
                              end_date=None, person=helen)  # fmt: skip
    MembershipFactory(body=meeting.body, role=Membership.Role.VICE_CHAIR, start_date=datetime.date(2027, 1, 1),
                      end_date=None, person=PersonFactory(email="vice@example.se"))  # fmt: skip
    assert people_warnings(meeting=meeting) == [
        "Helén Eliasson (ordförande) har ingen e-postadress: e-breven om godkännandet av minnesanteckningarna når "
        "ingen."
    ]
    chair.person.email = "helen@example.se"
    chair.person.save()
    assert people_warnings(meeting=meeting) == []


def test_the_notes_say_from_when_they_can_be_sent_and_warn_when_no_secretary_has_an_address(secretary):
    meeting = MeetingFactory(date=DAY, start_time=datetime.time(13, 0))
    minutes = Minutes.objects.create(meeting=meeting)
    secretary.email = ""
    secretary.save()
    assert not meeting_has_begun(meeting, datetime.datetime.fromisoformat("2027-01-14T12:59+01:00"))
    assert meeting_has_begun(meeting, datetime.datetime.fromisoformat("2027-01-14T13:00+01:00"))
    assert notes_not_yet(meeting, datetime.datetime.fromisoformat("2027-01-14T12:59+01:00")) == (
        "Minnesanteckningarna kan skickas till ordföranden när mötet har börjat, från den 14 januari 2027 kl. 13.00."
    )
    assert notes_not_yet(meeting, datetime.datetime.fromisoformat("2027-01-14T13:00+01:00")) == ""
    assert notes_warnings(minutes=minutes)[-1].startswith(
        "Ingen sekreterare har en e-postadress: ordförandens godkännande"
    )
    secretary.email = "rebecca@example.se"
    secretary.save()
    assert not [w for w in notes_warnings(minutes=minutes) if "sekreterare" in w]


def _coming_meeting():
    """A meeting a month from today, whatever today is: its notes may be written but not yet sent."""
    return MeetingFactory(date=timezone.localdate() + datetime.timedelta(days=30), start_time=datetime.time(13, 0))


def test_notes_cannot_be_sent_to_the_chair_before_the_meeting_has_begun(secretary):
    meeting = _coming_meeting()
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    with pytest.raises(ServiceError) as refused:
        minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary)
    assert str(refused.value) == notes_not_yet(meeting)
    assert f"från den {date_format(meeting.date, 'j F Y')} kl. 13.00" in str(refused.value)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT and not minutes.sent_html
    assert not meeting.log.filter(action="minutes_sent_to_chair").exists()
    assert mail.outbox == []


def test_the_send_button_is_disabled_with_the_reason_until_the_meeting_has_begun(client, secretary):
    meeting = _coming_meeting()
    AgendaItemFactory(meeting=meeting, order=10, title="Hjälpmedel")
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    client.force_login(secretary)
    reason = notes_not_yet(meeting)
    detail = client.get(minutes.get_absolute_url()).content.decode()
    assert 'disabled aria-describedby="not-yet">Skicka till ordföranden</button>' in detail and reason in detail
    url = reverse("staff:minutes_send", kwargs={"pk": minutes.pk})
    confirm = client.get(url).content.decode()
    assert reason in confirm and 'disabled aria-describedby="refusal">Skicka till ordföranden</button>' in confirm
    refused = client.post(url, follow=True).content.decode()
    assert reason in refused
    note = minutes.item_notes.get()  # the last item's "Save and send", written beforehand
    last = client.get(reverse("staff:item_notes", kwargs={"pk": note.pk})).content.decode()
    assert 'aria-describedby="send-help" disabled>Spara och skicka till ordföranden</button>' in last
    assert f'<p id="send-help" class="form-text mt-n4 mb-5">{reason}</p>' in last
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT


def test_a_chair_whose_seat_ended_is_told_why_she_cannot_approve(chair):
    meeting = MeetingFactory(date=DAY)
    person = PersonFactory(first_name="Helén", last_name="Eliasson", user=chair)
    MembershipFactory(body=meeting.body, person=person, role=Membership.Role.CHAIR)  # ends 2026-12-31
    minutes = Minutes.objects.create(meeting=meeting, status=Minutes.Status.SENT_TO_CHAIR)
    with pytest.raises(ServiceError) as refused:
        minutes_services.minutes_approve(minutes=minutes, by=chair, password="x")
    assert str(refused.value) == (
        "Ditt uppdrag som ordförande i SRO upphörde 2026-12-31; mötet 2027-01-14 är efter det. Mötets ordförande "
        "eller vice ordförande den dagen godkänner minnesanteckningarna."
    )


@pytest.mark.parametrize("publish", [True, False])
def test_the_notice_mail_links_every_document_where_it_answers(publish, django_capture_on_commit_callbacks):
    body = BodyFactory(publish_notice_on_send=publish)
    meeting = MeetingFactory(body=body, date=DAY)
    MembershipFactory(body=body, person=PersonFactory(email="marina@example.se"), start_date=DAY, end_date=None)
    item = AgendaItemFactory(meeting=meeting, order=10, title="Avtal")
    public = attachment_add(item=item, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 a", "application/pdf"),
                            content_type="application/pdf", title="Avtalsförslag")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        notice_send(meeting=meeting, by=None)
    meeting.refresh_from_db()
    assert (meeting.notice_published_at is not None) is publish
    assert MeetingLogEntry.objects.filter(meeting=meeting, action="notice_published").exists() is publish
    (notice,) = [m for m in mail.outbox if "marina@example.se" in m.to[0]]
    member_link = f"/my-meetings/meetings/{meeting.pk}/attachments/{public.pk}/"
    if publish:  # public at once: the public address answers
        assert "- Avtalsförslag: http://" in notice.body and f"/attachments/{public.pk}/\n" in notice.body
        assert member_link not in notice.body
    else:  # the public address would answer 404 until published: the members' area instead
        assert member_link in notice.body
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.NOTICE_SENT


def test_the_draft_notice_pdf_says_utkast_on_every_page_and_a_sent_version_does_not(client, secretary):
    import io

    from pypdf import PdfReader

    meeting = MeetingFactory(date=DAY)
    for order in range(1, 9):
        AgendaItemFactory(
            meeting=meeting, order=order, title=f"Punkt {order}", body="<div>" + "Text. " * 150 + "</div>"
        )
    client.force_login(secretary)
    draft = PdfReader(io.BytesIO(client.get(reverse("staff:notice_pdf", kwargs={"pk": meeting.pk})).content))
    assert len(draft.pages) > 1 and all("UTKAST" in page.extract_text() for page in draft.pages)
    notice_send(meeting=meeting, by=secretary)
    sent = meeting.notice_dispatches.get(version=1)
    assert not any("UTKAST" in page.extract_text() for page in PdfReader(sent.pdf.open("rb")).pages)


def test_after_sending_the_flash_the_version_line_and_the_table_count_alike(
    client, secretary, django_capture_on_commit_callbacks
):
    from meetings.models import NoticeDelivery

    meeting = MeetingFactory(date=DAY)
    AgendaItemFactory(meeting=meeting, order=10, title="Avtal")
    for email in ("a@example.se", "b@example.se", ""):
        MembershipFactory(body=meeting.body, person=PersonFactory(email=email), start_date=DAY, end_date=None)
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("staff:notice_send", kwargs={"pk": meeting.pk}), follow=True).content.decode()
    assert "Kallelsen (version 1) skickades till 2 mottagare." in page
    # As if the worker had not yet sent one of them: queued is not "not reached".
    NoticeDelivery.objects.filter(email="b@example.se").update(status=NoticeDelivery.Status.QUEUED)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "till 2 av 3 mottagare (de övriga saknar e-postadress)" in page
    assert "1 mottagare står fortfarande i kö" in page
    assert "Den senaste versionen har inte nått 1 mottagare:" in page
    assert "Varje mottagares e-brev togs emot" not in page


def test_a_held_meeting_is_not_asked_for_a_revised_notice_after_its_matter_is_renamed(client, secretary):
    from meetings.models import Matter

    meeting = MeetingFactory(date=datetime.date(2026, 11, 5))
    matter = Matter.objects.create(body=meeting.body, title="Statsbidrag psykisk hälsa")
    AgendaItemFactory(meeting=meeting, order=10, title="Statsbidrag", matter=matter)
    notice_send(meeting=meeting, by=secretary)
    matter.title = "Statsbidrag för psykisk hälsa 2027"
    matter.save()
    client.force_login(secretary)
    url = reverse("staff:meeting", kwargs={"pk": meeting.pk})
    AgendaItemFactory(meeting=meeting, order=20, title="Tillagd efter utskicket")  # a change of the agenda
    assert "Ändrat sedan version 1 skickades" in client.get(url).content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    assert "Ändrat sedan version 1 skickades" not in client.get(url).content.decode()
