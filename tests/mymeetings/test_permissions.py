"""Every URL of the members' area × every role: anonymous, a member called, a member not called, a guest (in
time and past it), secretary, chair, administrator. Who may not see a meeting is told it does not exist."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.models import Invitation
from meetings.services.agenda import attachment_add
from meetings.services.notices import notice_send
from mymeetings.services import member_account
from mymeetings.urls import urlpatterns
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory, blank_pdf

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "not_called", "guest", "past_guest", "secretary", "chair", "superuser"]
# Signed in without a person in the register (the secretary, the administrator): told so, 403.
MEETING_DOCUMENT = {"anonymous": "sign_in", "member": 200, "not_called": 404, "guest": 200, "past_guest": 404,
                    "secretary": 403, "chair": 200, "superuser": 403}  # fmt: skip
TABLE = {
    "home": {**MEETING_DOCUMENT, "not_called": 200, "past_guest": 200},
    # Someone with a person in the register is on to their meetings; anyone else gets the form.
    "sign_in": dict.fromkeys(ROLES, 200) | dict.fromkeys(["member", "not_called", "guest", "past_guest", "chair"], 302),
    "meeting": MEETING_DOCUMENT,
    "notice_pdf": MEETING_DOCUMENT,
    "meeting_pdf": MEETING_DOCUMENT,
    "attachment": MEETING_DOCUMENT,
    # Only a member called in their own right answers the notice: a guest is told there is nothing to answer.
    "answer": {**MEETING_DOCUMENT, "guest": 404},
}


@pytest.fixture
def world(cast, chair):
    meeting = MeetingFactory(date=datetime.date(2031, 5, 14))
    item = AgendaItemFactory(meeting=meeting)
    attachment = attachment_add(item=item, upload=SimpleUploadedFile("u.pdf", blank_pdf()),
                                content_type="application/pdf", title="Underlag", is_public=False)  # fmt: skip
    called = MembershipFactory(body=meeting.body, start_date=datetime.date(2031, 1, 1), end_date=None).person
    MembershipFactory(body=meeting.body, person=PersonFactory(user=chair), role="chair",
                      start_date=datetime.date(2031, 1, 1), end_date=None)  # fmt: skip
    not_called = MembershipFactory(body=meeting.body, start_date=datetime.date(2027, 1, 1),
                                   end_date=datetime.date(2030, 12, 31)).person  # fmt: skip
    guest, past_guest = PersonFactory(), PersonFactory()
    Invitation.objects.create(meeting=meeting, person=guest)
    old = MeetingFactory(body=meeting.body, date=timezone.localdate() - datetime.timedelta(days=60))
    old_attachment = attachment_add(item=AgendaItemFactory(meeting=old),
                                    upload=SimpleUploadedFile("g.pdf", blank_pdf()), content_type="application/pdf",
                                    title="Gammalt underlag")  # fmt: skip
    Invitation.objects.create(meeting=old, person=past_guest)
    notice_send(meeting=meeting, by=None)
    notice_send(meeting=old, by=None)
    users = {**cast, "member": member_account(called), "not_called": member_account(not_called),
             "guest": member_account(guest), "past_guest": member_account(past_guest)}  # fmt: skip
    return {"users": users, "meeting": meeting, "old": old, "attachment": attachment, "old_attachment": old_attachment}


def url_for(name, world, role):
    # The past guest is asked for her own (past) meeting: it is closed to her too.
    meeting = world["old"] if role == "past_guest" else world["meeting"]
    if name in ("home", "sign_in"):
        return reverse(f"mymeetings:{name}")
    kwargs = {"pk": meeting.pk}
    if name == "attachment":
        kwargs["attachment_pk"] = world["old_attachment" if role == "past_guest" else "attachment"].pk
    return reverse(f"mymeetings:{name}", kwargs=kwargs)


def test_every_url_of_the_members_area_is_in_the_table():
    assert {p.name for p in urlpatterns} == set(TABLE)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_members_area_url_answers_each_role_as_expected(world, name):
    """Every role in turn, each in a browser of its own, against the same meetings (made once per URL)."""
    for role in ROLES:
        client = Client()
        if world["users"][role]:
            client.force_login(world["users"][role])
        response = client.get(url_for(name, world, role))
        expected = TABLE[name][role]
        if expected == "sign_in":
            assert response.status_code == 302, (name, role)
            assert response["Location"].startswith(reverse("mymeetings:sign_in")), (name, role)
        else:
            assert response.status_code == expected, (name, role)


def test_the_members_area_is_never_kept_in_a_shared_cache(client, world):
    client.force_login(world["users"]["member"])
    response = client.get(reverse("mymeetings:meeting", args=[world["meeting"].pk]))
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_malformed_query_parameters_and_tokens_are_never_a_500(client, world):
    from tests.test_malformed_input import BAD_QUERIES

    client.raise_request_exception = False
    bad_tokens = ["sesame=", "sesame=%00", "sesame=" + "A" * 600, "sesame=%ff%fe", "sesame=abc&next=//evil.example"]
    for role in ("anonymous", "member"):
        if world["users"][role]:
            client.force_login(world["users"][role])
        for name in TABLE:
            url = url_for(name, world, role)
            for query in BAD_QUERIES + bad_tokens:
                for method in (client.get, client.post):
                    assert method(f"{url}?{query}").status_code < 500, (role, name, query)
    client.logout()
    for token in ("", "\x00", "A" * 600, "abc"):
        response = client.post(reverse("mymeetings:sign_in"), {"sesame": token, "next": "//evil.example"})
        assert response.status_code in (400, 429)  # refused; or, after as many as a login may fail, locked out


def test_guessing_links_is_limited_per_address_and_locks_out_no_password(client, world, settings):
    from mymeetings.services import WRONG_LINKS_PER_CLIENT

    for _ in range(WRONG_LINKS_PER_CLIENT):
        assert client.post(reverse("mymeetings:sign_in"), {"sesame": "gissad-länk"}).status_code == 400
    limited = client.post(reverse("mymeetings:sign_in"), {"sesame": "gissad-länk"})
    assert limited.status_code == 429
    assert "För många länkar som inte gick att använda har kommit från din adress." in limited.content.decode()
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.exists()  # no failed login counted: nobody's password sign-in is locked
