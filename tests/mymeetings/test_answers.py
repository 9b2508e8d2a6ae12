"""A called member answers the notice in "Mina möten": comes, or not and names a substitute of their organisation, who
is then called, mailed the notice and reaches the documents; the secretary sees the expected attendance and the
notes start from it. A meeting held online carries its link to the called, never to the public."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from meetings.models import Attendance, Meeting, MeetingLogEntry, NoticeDelivery, NoticeReply, Substitution
from meetings.services.agenda import attachment_add
from meetings.services.minutes import minutes_start
from meetings.services.notices import notice_publish, notice_send
from mymeetings.services import member_account
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    blank_pdf,
)

pytestmark = pytest.mark.django_db

LINK = "https://teams.example.com/l/meetup-join/hemlig-123"


@pytest.fixture(autouse=True)
def committed(monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def world(secretary):
    meeting = MeetingFactory(date=datetime.date(2031, 5, 14), form="digital", location="Teamsmöte",
                             online_link=LINK)  # fmt: skip
    boras = OrganisationFactory(name="Boråsregionen Sjuhärads kommunalförbund")
    other = OrganisationFactory(name="Fyrbodals kommunalförbund")
    magnus = MembershipFactory(
        body=meeting.body, organisation=boras, start_date=datetime.date(2031, 1, 1), end_date=None,
        person=PersonFactory(first_name="Magnus", last_name="Haggren", email="magnus@example.se", organisation=boras),
    ).person  # fmt: skip
    helene = PersonFactory(first_name="Helene", last_name="Nordling", email="helene@example.se", organisation=boras)
    stranger = PersonFactory(first_name="Olle", last_name="Annan", email="olle@example.se", organisation=other)
    item = AgendaItemFactory(meeting=meeting, order=1, title="Hjälpmedel")
    secret = attachment_add(item=item, upload=SimpleUploadedFile("utkast.pdf", blank_pdf(1)),
                            content_type="application/pdf", title="Utkast till avtal", is_public=False)  # fmt: skip
    notice_send(meeting=meeting, by=secretary)
    return {"meeting": meeting, "magnus": magnus, "helene": helene, "stranger": stranger, "secret": secret}


def signed_in(person) -> Client:
    client = Client()
    client.force_login(member_account(person))
    return client


def answer_url(meeting):
    return reverse("mymeetings:answer", args=[meeting.pk])


def test_a_member_names_a_substitute_who_is_called_mailed_and_reaches_the_documents(world, secretary, client):
    meeting, magnus, helene = world["meeting"], world["magnus"], world["helene"]
    member = signed_in(magnus)
    page = member.get(reverse("mymeetings:meeting", args=[meeting.pk])).content.decode()
    assert "Du har inte svarat ännu." in page
    form = member.get(answer_url(meeting)).content.decode()
    assert "Helene Nordling" in form and "Olle Annan" not in form  # only his organisation's people
    # Before: Helene has no way in.
    assert signed_in(helene).get(reverse("mymeetings:meeting", args=[meeting.pk])).status_code == 404

    mail.outbox.clear()
    response = member.post(answer_url(meeting), {"attending": "no", "substitute": helene.pk})
    assert response.status_code == 302
    assert Substitution.objects.get(meeting=meeting, replaces=magnus).substitute == helene
    assert not NoticeReply.objects.get(meeting=meeting, person=magnus).attending
    # Helene gets the notice as sent, with its PDF, the calendar invitation and the meeting link.
    [sent] = mail.outbox
    assert sent.to == ["Helene Nordling <helene@example.se>"] and LINK in sent.body
    assert NoticeDelivery.objects.get(person=helene).dispatch.version == 1
    # She reaches the meeting and its documents, not public ones too.
    substitute = signed_in(helene)
    assert substitute.get(reverse("mymeetings:meeting", args=[meeting.pk])).status_code == 200
    url = reverse("mymeetings:attachment", args=[meeting.pk, world["secret"].pk])
    assert substitute.get(url).status_code == 200
    # The secretary sees it, and it is logged.
    client.force_login(secretary)
    participants = client.get(reverse("staff:participants", args=[meeting.pk])).content.decode()
    assert "Helene Nordling ersätter Magnus Haggren" in participants
    assert "1 väntas av 1 kallade" in participants
    note = MeetingLogEntry.objects.get(meeting=meeting, action="notice_answered").note
    assert note == "Magnus Haggren kommer inte; Helene Nordling ersätter"
    # The notes start from the answer.
    minutes = minutes_start(meeting=meeting, by=secretary)
    row = Attendance.objects.get(minutes=minutes, person=magnus)
    assert row.status == Attendance.Status.ABSENT and row.substitute == helene


def test_a_change_of_mind_takes_the_substitute_back(world):
    meeting, magnus, helene = world["meeting"], world["magnus"], world["helene"]
    member = signed_in(magnus)
    member.post(answer_url(meeting), {"attending": "no", "substitute": helene.pk})
    assert member.post(answer_url(meeting), {"attending": "yes", "substitute": helene.pk}).status_code == 302
    assert NoticeReply.objects.get(meeting=meeting, person=magnus).attending
    assert not Substitution.objects.filter(meeting=meeting).exists()
    assert signed_in(helene).get(reverse("mymeetings:meeting", args=[meeting.pk])).status_code == 404
    actions = list(MeetingLogEntry.objects.filter(meeting=meeting).values_list("action", flat=True))
    assert actions.count("notice_answered") == 2 and "substitute_removed" in actions


def test_absence_without_a_substitute_and_someone_of_another_organisation_refused(world, secretary):
    meeting, magnus = world["meeting"], world["magnus"]
    member = signed_in(magnus)
    refused = member.post(answer_url(meeting), {"attending": "no", "substitute": world["stranger"].pk})
    assert refused.status_code == 400 and "Välj ett giltigt alternativ" in refused.content.decode()
    assert not NoticeReply.objects.exists() and not Substitution.objects.exists()
    assert member.post(answer_url(meeting), {"attending": "no", "substitute": ""}).status_code == 302
    minutes = minutes_start(meeting=meeting, by=secretary)
    row = Attendance.objects.get(minutes=minutes, person=magnus)
    assert row.status == Attendance.Status.ABSENT and row.substitute is None


def test_answers_close_when_the_meeting_begins(world, monkeypatch):
    meeting, magnus = world["meeting"], world["magnus"]
    begins = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=ZoneInfo("Europe/Stockholm"))
    monkeypatch.setattr("meetings.services.replies.timezone", SimpleNamespace(now=lambda: begins))
    member = signed_in(magnus)
    page = member.get(answer_url(meeting))
    assert page.status_code == 200 and "Mötet har börjat" in page.content.decode()
    assert member.post(answer_url(meeting), {"attending": "no", "substitute": ""}).status_code == 400
    assert not NoticeReply.objects.exists()


def test_the_meeting_link_goes_to_the_called_and_never_to_the_public(world, secretary, client):
    meeting, magnus = world["meeting"], world["magnus"]
    [notice] = [m for m in mail.outbox if m.to == ["Magnus Haggren <magnus@example.se>"]]
    assert f"Möteslänk: {LINK}" in notice.body
    ics = next(content for name, content, _type in notice.attachments if name.endswith(".ics"))
    assert LINK in str(Calendar.from_ical(ics).walk("VEVENT")[0]["description"])
    assert LINK in signed_in(magnus).get(reverse("mymeetings:meeting", args=[meeting.pk])).content.decode()

    notice_publish(meeting=meeting, by=secretary)
    anonymous = Client()
    public = [
        reverse("public:home"), reverse("public:meetings"), reverse("public:meeting", args=[meeting.pk]),
        reverse("public:calendar"), reverse("public:calendar_all"), reverse("public:notice_pdf", args=[meeting.pk]),
        reverse("api:meeting_list", args=[meeting.body_id]), reverse("public:search") + "?q=teams",
    ]  # fmt: skip
    for url in public:
        response = anonymous.get(url)
        content = b"".join(response) if response.streaming else response.content
        assert response.status_code == 200, url
        assert b"hemlig-123" not in content, url
    dispatch = meeting.notice_dispatches.get()
    assert "hemlig-123" not in dispatch.public_html + dispatch.public_pdf_html + dispatch.html


def test_the_secretary_gives_a_meeting_its_link_in_the_meeting_form(client, secretary):
    client.force_login(secretary)
    data = {"date": "2031-09-10", "start_time": "13:30", "end_time": "15:30", "kind": "ordinary", "form": "digital",
            "location": "Teamsmöte", "online_link": "teams.example.com/l/sro-september"}  # fmt: skip
    assert client.post(reverse("staff:meeting_create"), data).status_code == 302
    meeting = Meeting.objects.get(date=datetime.date(2031, 9, 10))
    assert meeting.online_link == "https://teams.example.com/l/sro-september"
    refused = client.post(reverse("staff:meeting_edit", args=[meeting.pk]),
                          {**data, "online_link": "inte en länk", "lock_version": meeting.lock_version})  # fmt: skip
    assert refused.status_code == 200 and "Fyll i en giltig URL." in refused.content.decode()
    meeting.refresh_from_db()
    assert meeting.online_link == "https://teams.example.com/l/sro-september"
