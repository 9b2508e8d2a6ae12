"""The members' area ("Mina möten"): sign in with a one-time link by e-mail, see the meetings one was called or
invited to with every document as sent (public or not), the whole meeting as one PDF with bookmarks, a log of
downloads; nobody else sees anything, a guest only until a date after the meeting."""

import datetime
import io
import re
from email import message_from_string

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import Invitation, Meeting, NoticeDelivery, Substitution
from meetings.services.agenda import attachment_add
from meetings.services.notices import bounces_record, not_reached, notice_publish, notice_send
from mymeetings.models import Download
from mymeetings.services import member_account
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory, UserFactory, blank_pdf

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def fresh_throttle():
    from django.core.cache import cache

    cache.clear()  # the throttle counts in the cache


@pytest.fixture(autouse=True)
def committed(django_capture_on_commit_callbacks, monkeypatch):
    """What the portal does once a transaction commits (queue the mails) is done, as it would be after the
    request; the test's own transaction never commits."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def sent(secretary):
    """A coming meeting whose notice was sent: a called member, a guest, a member of the body not called (her term
    ended before), with a public PDF, a non-public PDF of three pages and a non-public Word file."""
    meeting = MeetingFactory(date=datetime.date(2031, 5, 14))
    body = meeting.body
    member = MembershipFactory(body=body, start_date=datetime.date(2031, 1, 1), end_date=None,
                               person=PersonFactory(first_name="Ann", last_name="Ledamot",
                                                    email="ann@example.se")).person  # fmt: skip
    former = MembershipFactory(body=body, start_date=datetime.date(2027, 1, 1), end_date=datetime.date(2030, 12, 31),
                               person=PersonFactory(first_name="Bo", last_name="Förre",
                                                    email="bo@example.se")).person  # fmt: skip
    guest = PersonFactory(first_name="Gun", last_name="Gäst", email="gun@example.se")
    Invitation.objects.create(meeting=meeting, person=guest)
    item = AgendaItemFactory(meeting=meeting, order=1, title="Hjälpmedel")
    AgendaItemFactory(meeting=meeting, order=2, title="Övrigt")
    public = attachment_add(item=item, upload=SimpleUploadedFile("offentlig.pdf", blank_pdf(1)),
                            content_type="application/pdf", title="Offentligt underlag")  # fmt: skip
    secret = attachment_add(item=item, upload=SimpleUploadedFile("utkast.pdf", blank_pdf(3)),
                            content_type="application/pdf", title="Utkast till avtal", is_public=False)  # fmt: skip
    word = attachment_add(item=item, upload=SimpleUploadedFile("pm.docx", b"PK\x03\x04 word"), content_type=DOCX,
                          title="PM", is_public=False)  # fmt: skip
    notice_send(meeting=meeting, by=secretary)
    return {"meeting": meeting, "member": member, "former": former, "guest": guest, "public": public,
            "secret": secret, "word": word}  # fmt: skip


def link_in(message) -> str:
    return re.search(re.escape(settings.SITE_URL) + r"(/my-meetings/sign-in/\?\S+)", message.body)[1]


def ask_for_link(client, email, next_url=""):
    mail.outbox.clear()
    response = client.post(reverse("mymeetings:sign_in"), {"email": email, "next": next_url})
    assert response.status_code == 200 and "Titta i din e-post" in response.content.decode()
    return response


def sign_in_with(client, link):
    """Follow the link (a page with a button, which a mail scanner's GET does not use up), then press it."""
    page = client.get(link)
    assert page.status_code == 200 and "Logga in" in page.content.decode()
    token = re.search(r'name="sesame" value="([^"]+)"', page.content.decode())[1]
    next_url = re.search(r'name="next" value="([^"]*)"', page.content.decode())[1]
    return client.post(reverse("mymeetings:sign_in"), {"sesame": token, "next": next_url})


def test_a_called_member_follows_the_notice_mail_signs_in_with_the_link_and_gets_every_document(client, sent):
    meeting = sent["meeting"]
    notice_mail = next(m for m in mail.outbox if "ann@example.se" in m.to[0])
    my_page = f"{settings.SITE_URL}/my-meetings/meetings/{meeting.pk}/"
    assert my_page in notice_mail.body and "Utkast till avtal (inte offentlig: i Mina möten)" in notice_mail.body

    # The link in the notice mail: not signed in, so on to signing in, and back to the meeting after.
    response = client.get(my_page)
    assert response.status_code == 302 and response["Location"].startswith("/my-meetings/sign-in/?next=")
    ask_for_link(client, "ANN@example.se", next_url=f"/my-meetings/meetings/{meeting.pk}/")
    (link_mail,) = mail.outbox
    assert link_mail.to == ["ann@example.se"] and "fungerar en gång" in link_mail.body
    signed_in = sign_in_with(client, link_in(link_mail))
    assert signed_in.status_code == 302 and signed_in["Location"] == f"/my-meetings/meetings/{meeting.pk}/"

    page = client.get(signed_in["Location"]).content.decode()
    assert "Utkast till avtal" in page and "Inte offentlig" in page and "Offentligt underlag" in page
    assert "Ingår inte i den samlade PDF:en" in page  # the Word file
    delivery = NoticeDelivery.objects.get(person=sent["member"])
    assert delivery.opened_at is not None

    secret = client.get(reverse("mymeetings:attachment", args=[meeting.pk, sent["secret"].pk]))
    assert secret.status_code == 200 and b"".join(secret.streaming_content) == sent["secret"].file.open("rb").read()
    whole = client.get(reverse("mymeetings:meeting_pdf", args=[meeting.pk]))
    assert whole.status_code == 200 and whole["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(whole.content))
    notice_pages = len(PdfReader(meeting.notice_dispatches.get().pdf.open("rb")).pages)
    assert len(reader.pages) == notice_pages + 1 + 3  # the notice, the public PDF, the three-page draft
    outline = reader.outline  # the notice with its own headings under it, then each item with its attachments
    assert outline[0].title == "Kallelse" and outline[1][0].title.startswith("Kallelse")
    assert outline[2].title == "1. Hjälpmedel"
    unmarked = " (inte tillgänglighetsanpassad: be sekreteraren om en tillgänglig version)"  # blank pages: no tags
    assert [child.title for child in outline[3]] == ["Offentligt underlag" + unmarked, "Utkast till avtal" + unmarked]
    assert reader.get_destination_page_number(outline[3][1]) == notice_pages + 1

    logged = list(Download.objects.order_by("downloaded_at").values_list("name", "document", "title"))
    assert logged == [("Ann Ledamot", "attachment", "Utkast till avtal"),
                      ("Ann Ledamot", "meeting_pdf", f"Möte {meeting.body.short_name} 2031-05-14.pdf")]  # fmt: skip


def test_the_same_link_twice_or_after_it_expired_gets_nothing(client, sent, settings, monkeypatch):
    ask_for_link(client, "ann@example.se")
    link = link_in(mail.outbox[0])
    assert sign_in_with(client, link).status_code == 302
    client.logout()

    again = sign_in_with(client, link)
    assert again.status_code == 400 and "Länken kan inte användas längre" in again.content.decode()
    assert client.get(reverse("mymeetings:home")).status_code == 302  # not signed in

    ask_for_link(client, "ann@example.se")
    later = link_in(mail.outbox[0])
    import sesame.tokens_v2

    real_time = sesame.tokens_v2.time.time
    monkeypatch.setattr(sesame.tokens_v2.time, "time", lambda: real_time() + settings.SESAME_MAX_AGE + 60)
    expired = sign_in_with(client, later)
    assert expired.status_code == 400 and "Länken kan inte användas längre" in expired.content.decode()


def test_a_person_not_called_gets_no_link_and_sees_nothing(client, sent):
    ask_for_link(client, "bo@example.se")  # the same answer as for anyone: nobody learns who is in the register
    assert mail.outbox == []
    ask_for_link(client, "nobody@example.se")
    assert mail.outbox == []

    former = sent["former"]
    former.user = UserFactory(username="bo-account")
    former.save()
    client.force_login(former.user)
    meeting = sent["meeting"]
    home = client.get(reverse("mymeetings:home")).content.decode()
    assert "Hjälpmedel" not in home and f"/my-meetings/meetings/{meeting.pk}/" not in home
    for url in (reverse("mymeetings:meeting", args=[meeting.pk]), reverse("mymeetings:notice_pdf", args=[meeting.pk]),
                reverse("mymeetings:meeting_pdf", args=[meeting.pk]),
                reverse("mymeetings:attachment", args=[meeting.pk, sent["secret"].pk])):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert Download.objects.count() == 0


def test_a_guest_sees_only_their_meeting_and_only_until_a_while_after_it(client, sent, settings):
    guest, meeting = sent["guest"], sent["meeting"]
    other = MeetingFactory(body=meeting.body, date=datetime.date(2031, 6, 11))
    AgendaItemFactory(meeting=other)
    notice_send(meeting=other, by=None)
    guest.user = UserFactory(username="gun")
    guest.save()
    client.force_login(guest.user)
    home = client.get(reverse("mymeetings:home")).content.decode()
    assert f"/my-meetings/meetings/{meeting.pk}/" in home and f"/my-meetings/meetings/{other.pk}/" not in home
    assert "öppet för dig till 13 juni 2031" in home  # 30 days after 14 May
    assert client.get(reverse("mymeetings:meeting", args=[other.pk])).status_code == 404
    assert client.get(reverse("mymeetings:meeting", args=[meeting.pk])).status_code == 200

    # A guest's past meeting stays open GUEST_ACCESS_DAYS after it, then is gone; the called keep theirs.
    today = timezone.localdate()
    recent, old = (MeetingFactory(body=meeting.body, date=today - datetime.timedelta(days=days)) for days in (30, 31))
    MembershipFactory(body=meeting.body, person=sent["member"], start_date=datetime.date(2020, 1, 1),
                      end_date=datetime.date(2030, 12, 31))  # fmt: skip
    for past in (recent, old):
        Invitation.objects.create(meeting=past, person=guest)
        AgendaItemFactory(meeting=past)
        notice_send(meeting=past, by=None)
    assert settings.GUEST_ACCESS_DAYS == 30
    assert client.get(reverse("mymeetings:meeting", args=[recent.pk])).status_code == 200
    assert client.get(reverse("mymeetings:meeting", args=[old.pk])).status_code == 404
    assert f"/my-meetings/meetings/{old.pk}/" not in client.get(reverse("mymeetings:home")).content.decode()
    client.force_login(_account(sent["member"]))
    assert client.get(reverse("mymeetings:meeting", args=[old.pk])).status_code == 200


def _account(person):
    from mymeetings.services import member_account

    return member_account(person)


def test_a_substitute_noted_for_the_meeting_sees_it(client, sent):
    substitute = PersonFactory(email="sub@example.se")
    Substitution.objects.create(meeting=sent["meeting"], substitute=substitute, replaces=sent["member"])
    client.force_login(_account(substitute))
    assert client.get(reverse("mymeetings:meeting", args=[sent["meeting"].pk])).status_code == 200


def test_a_meeting_whose_notice_was_not_sent_is_not_in_the_members_area(client, sent):
    draft = MeetingFactory(body=sent["meeting"].body, date=datetime.date(2031, 9, 10))
    AgendaItemFactory(meeting=draft, title="Hemligt utkast")
    client.force_login(_account(sent["member"]))
    assert "Hemligt utkast" not in client.get(reverse("mymeetings:home")).content.decode()
    assert client.get(reverse("mymeetings:meeting", args=[draft.pk])).status_code == 404


def test_a_staff_account_is_never_opened_by_a_mailed_link(client, sent, chair):
    person = sent["member"]
    person.user = chair
    person.save()
    ask_for_link(client, "ann@example.se")
    (told,) = mail.outbox
    assert "/staff/login/?next=" in told.body and "sesame=" not in told.body

    from sesame.utils import get_query_string

    forged = reverse("mymeetings:sign_in") + get_query_string(chair, scope="mymeetings")
    assert sign_in_with(client, forged).status_code == 400
    assert "_auth_user_id" not in client.session


def test_links_are_throttled_per_address(client, sent):
    for _ in range(3):
        ask_for_link(client, "ann@example.se")
    response = client.post(reverse("mymeetings:sign_in"), {"email": "ann@example.se"})
    assert response.status_code == 429 and "För många länkar" in response.content.decode()


def test_link_limits_hold_across_workers(client, sent):
    """The count is in the shared store: a worker with nothing in its own memory (the cache cleared) still refuses."""
    from django.core.cache import cache

    for n in range(3):
        cache.clear()
        ask_for_link(client, "ann@example.se") if n % 2 else client.post(
            reverse("mymeetings:sign_in"), {"email": "ann@example.se"}, REMOTE_ADDR=f"198.51.100.{n}"
        )
    cache.clear()
    response = client.post(reverse("mymeetings:sign_in"), {"email": "ANN@example.se"}, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 429 and "För många länkar" in response.content.decode()


def test_an_address_in_the_register_and_one_not_cost_the_request_the_same_work(client, sent, settings):
    """Sign-in answered in 26 ms for a known address and 10 ms for an unknown one: now the request only queues the
    look-up (the worker does it), the same queries for both, and no mail is made in it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    counts = {}
    for email in ("ann@example.se", "ingen@example.se"):
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse("mymeetings:sign_in"), {"email": email}, REMOTE_ADDR="192.0.2.7")
        assert response.status_code == 200 and "Titta i din e-post" in response.content.decode()
        assert not mail.outbox
        counts[email] = [
            re.sub(r"'[^']*'|\b\d+\b", "?", q["sql"])
            for q in queries.captured_queries
            if "ratelimits_counter" not in q["sql"] and "SAVEPOINT" not in q["sql"]
        ]  # the throttle's
    assert counts["ann@example.se"] == counts["ingen@example.se"]
    assert not any("members_person" in sql for sql in counts["ann@example.se"])  # the register is not read


def test_two_first_requests_at_once_make_one_account(sent):
    """The second request read the person before the first made her account: it finds that account, no second."""
    from django.contrib.auth import get_user_model

    from members.models import Person

    stale = Person.objects.get(email="ann@example.se")
    first = member_account(Person.objects.get(pk=stale.pk))
    assert stale.user_id is None  # what the second request still holds
    assert member_account(stale) == first
    assert get_user_model().objects.filter(username__startswith=f"person-{stale.pk}").count() == 1


def test_wrong_links_lock_out_nobody(client, sent, secretary):
    """Wrong sign-in links from one address (an office behind one address) are no failed logins: the staff there
    still sign in with their password, and the chair is not locked out; after many, only links are refused."""
    from tests.conftest import PASSWORD

    wrong = reverse("mymeetings:sign_in")
    for _ in range(8):
        response = client.post(wrong, {"sesame": "fel-länk"}, REMOTE_ADDR="203.0.113.5")
        assert response.status_code == 400
    staff = client.post(reverse("staff:login"), {"username": secretary.username, "password": PASSWORD},
                        REMOTE_ADDR="203.0.113.5")  # fmt: skip
    assert staff.status_code == 302 and "_auth_user_id" in client.session


def test_a_wrong_address_is_refused_in_swedish_and_kept(client, sent):
    response = client.post(reverse("mymeetings:sign_in"), {"email": "ann@"})
    page = response.content.decode()
    assert response.status_code == 400 and "Fyll i en giltig e-postadress." in page and 'value="ann@"' in page


def test_signed_in_without_a_person_in_the_register_is_told_so(client, member_user):
    client.force_login(member_user)
    response = client.get(reverse("mymeetings:home"))
    assert response.status_code == 403 and "inte kopplat till någon" in response.content.decode()


def test_a_next_address_outside_the_members_area_is_not_followed(client, sent):
    ask_for_link(client, "ann@example.se", next_url="https://evil.example/")
    assert "evil" not in mail.outbox[0].body
    assert sign_in_with(client, link_in(mail.outbox[0]))["Location"] == "/my-meetings/"


def test_the_invitation_links_the_members_page_until_the_notice_is_published(sent, secretary):
    from icalendar import Calendar

    meeting = sent["meeting"]

    def description(message):
        ics = next(content for name, content, _type in message.attachments if name == "kallelse.ics")
        return str(Calendar.from_ical(ics).walk("VEVENT")[0]["description"])

    first = next(m for m in mail.outbox if "ann@example.se" in m.to[0])
    assert description(first) == f"{settings.SITE_URL}/my-meetings/meetings/{meeting.pk}/"
    notice_publish(meeting=meeting, by=secretary)
    mail.outbox.clear()
    AgendaItemFactory(meeting=meeting, order=3, title="Ny punkt")
    notice_send(meeting=meeting, by=secretary)
    revised = next(m for m in mail.outbox if "ann@example.se" in m.to[0])
    assert description(revised) == f"{settings.SITE_URL}/meetings/{meeting.pk}/"


DSN = """From: MAILER-DAEMON@example.se
To: sro-bounces@example.se
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

Your message could not be delivered.
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.se

Final-Recipient: rfc822; {to}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--b
Content-Type: text/rfc822-headers

Message-ID: {message_id}
Subject: Kallelse

--b--
"""


def test_a_bounce_after_the_server_accepted_marks_the_recipient_not_reached(sent, capsys):
    delivery = NoticeDelivery.objects.get(person=sent["member"])
    assert delivery.status == NoticeDelivery.Status.SENT and delivery.message_id.startswith("<")
    notice_mail = next(m for m in mail.outbox if "ann@example.se" in m.to[0])
    assert notice_mail.extra_headers["Message-ID"] == delivery.message_id

    report = message_from_string(DSN.format(to="ann@example.se", message_id=delivery.message_id))
    assert bounces_record(report) == [delivery]
    delivery.refresh_from_db()
    assert delivery.status == NoticeDelivery.Status.BOUNCED and "550 5.1.1 User unknown" in delivery.error
    assert delivery in not_reached(sent["meeting"])


def test_the_bounce_command_reads_the_report_from_standard_input(sent, monkeypatch, capsys):
    import sys

    from django.core.management import call_command

    delivery = NoticeDelivery.objects.get(person=sent["guest"])
    report = DSN.format(to="gun@example.se", message_id="<unknown@elsewhere>").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(report)))
    call_command("record_bounce")
    assert "gun@example.se: 5.1.1 550 5.1.1 User unknown" in capsys.readouterr().out
    delivery.refresh_from_db()
    assert delivery.status == NoticeDelivery.Status.BOUNCED


def test_the_secretary_sees_who_opened_and_what_was_downloaded(client, sent, secretary):
    meeting = sent["meeting"]
    client.force_login(_account(sent["member"]))
    client.get(reverse("mymeetings:meeting", args=[meeting.pk]))
    client.get(reverse("mymeetings:notice_pdf", args=[meeting.pk]))
    client.force_login(secretary)
    page = client.get(reverse("staff:meeting", args=[meeting.pk])).content.decode()
    assert "1 av 2 mottagare har öppnat mötet i Mina möten." in page
    assert "Ann Ledamot" in page and f"Kallelse {meeting.body.short_name} 2031-05-14.pdf" in page


def test_a_notice_recorded_as_sent_without_mail_is_not_said_to_have_reached_everyone(client, demo, secretary):
    """The demo's notice (like one entered after the fact) was frozen as sent without e-mailing anyone: the
    secretary is told so, not that every mail was accepted nor that 0 of 0 recipients opened it."""
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    assert meeting.notice_dispatches.exists() and not NoticeDelivery.objects.filter(dispatch__meeting=meeting)
    client.force_login(secretary)
    page = client.get(reverse("staff:meeting", args=[meeting.pk])).content.decode()
    assert "registrerades som skickad utan e-post från portalen" in page
    assert "togs emot av e-postservern" not in page and "0 av 0" not in page


def test_the_demo_member_signs_in_and_finds_the_demo_notice(client, demo):
    from meetings.demo.loader import DEMO_MEMBER_EMAIL, demo_member

    member = demo_member()
    ask_for_link(client, DEMO_MEMBER_EMAIL)
    assert sign_in_with(client, link_in(mail.outbox[0])).status_code == 302
    home = client.get(reverse("mymeetings:home")).content.decode()
    assert f"{demo.short_name}, 6 mars 2025" in home and member.name in home
