"""Public alerts by e-mail: double opt-in, exactly one mail per published set of notes (none for drafts, none
before confirming), one-click unsubscribe (RFC 8058) that deletes the address; throttled."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from alerts.models import Subscription
from meetings.models import Matter
from meetings.services import minutes as minutes_services
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    from django.core.cache import cache

    cache.clear()  # the throttle counts in the cache: each test starts from none


def to_subscribers(outbox):
    """The alert mails only: the secretary is also told of the chair's approval."""
    return [m for m in outbox if "sekreterare@example.se" not in m.to]


@pytest.fixture
def notes(chair, secretary):
    """Notes of a meeting with a position on a matter, sent to the chair, not yet approved."""
    meeting = MeetingFactory(date=datetime.date(2026, 4, 24))
    person = PersonFactory(first_name="Helén", last_name="Eliasson", user=chair)
    MembershipFactory(body=meeting.body, person=person, role="chair", start_date=datetime.date(2026, 1, 1),
                      end_date=None)  # fmt: skip
    matter = Matter.objects.create(body=meeting.body, title="Hjälpmedel")
    AgendaItemFactory(meeting=meeting, order=1, title="Hjälpmedel", matter=matter,
                      proposals=["<div>SRO ställer sig bakom förslaget om hjälpmedel.</div>"])  # fmt: skip
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary)
    return minutes


def confirm_link(message) -> str:
    return re.search(r"http\S+/alerts/confirm/\S+/", message.body).group(0)


def test_subscribe_confirm_one_mail_for_published_notes_and_one_click_unsubscribe(
    client, notes, chair, secretary, django_capture_on_commit_callbacks
):
    url = reverse("alerts:subscribe")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "Anna@Example.se", "topic": "notes"})
    assert response.status_code == 200 and "Titta i din e-post" in response.content.decode()
    [confirmation] = mail.outbox
    assert confirmation.to == ["anna@example.se"]
    link = confirm_link(confirmation)

    # Not confirmed yet: the chair's approval (which publishes nothing here) and even a publication send no alert.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        minutes_services.minutes_approve(minutes=notes, by=chair, password="correct-horse-battery")
    assert to_subscribers(mail.outbox) == []  # approved is not published: unpublished notes tell nobody

    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get(f"/{path}")
    assert "Bekräfta bevakningen" in page.content.decode()
    assert Subscription.objects.get().confirmed_at is None  # a GET (a mail scanner's) confirms nothing
    client.post(f"/{path}")
    assert Subscription.objects.get().confirmed_at is not None

    Subscription.objects.create(email="bob@example.se", topic="notes")  # asked, never confirmed: told nothing
    with django_capture_on_commit_callbacks(execute=True):
        minutes_services.minutes_publish(minutes=notes, by=secretary)
    [alert] = to_subscribers(mail.outbox)
    assert alert.to == ["anna@example.se"]
    assert alert.subject == f"Nytt från {notes.meeting.body.short_name}: minnesanteckningarna från 2026-04-24"
    assert "SRO ställer sig bakom förslaget om hjälpmedel." in alert.body
    unsubscribe = alert.extra_headers["List-Unsubscribe"].strip("<>")
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in alert.body

    # One click: the mail program POSTs, without a CSRF token; the address is gone.
    one_click = unsubscribe.split("://", 1)[1].split("/", 1)[1]
    response = client.post(f"/{one_click}", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "Avregistrerad" in response.content.decode()
    assert not Subscription.objects.filter(email="anna@example.se").exists()
    assert client.post(f"/{one_click}").status_code == 200  # again: nothing to do, no error


def test_a_matter_alert_is_told_only_of_notes_on_its_matter(client, notes, chair, secretary,
                                                             django_capture_on_commit_callbacks):  # fmt: skip
    matter = Matter.objects.get(title="Hjälpmedel")
    other = Matter.objects.create(body=matter.body, title="Sjukresor")
    for followed in (matter, other):
        Subscription.objects.create(email=f"{followed.pk}@example.se", topic="matter", matter=followed,
                                    confirmed_at=datetime.datetime(2031, 1, 1, tzinfo=datetime.UTC))  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        minutes_services.minutes_approve(minutes=notes, by=chair, password="correct-horse-battery")
        minutes_services.minutes_publish(minutes=notes, by=secretary)
    assert [m.to for m in to_subscribers(mail.outbox)] == [[f"{matter.pk}@example.se"]]


def test_bad_input_is_refused_in_swedish_and_keeps_what_was_typed(client, notes):
    url = reverse("alerts:subscribe")
    response = client.post(url, {"email": "inte-en-adress", "topic": "matter"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Fyll i en giltig e-postadress." in html and "Välj det ärende du vill bevaka." in html
    assert 'value="inte-en-adress"' in html
    assert client.get(reverse("alerts:confirm", kwargs={"token": "x" * 43})).status_code == 404
    assert client.get(reverse("alerts:subscribe") + "?matter=not-a-number").status_code == 200
    assert not Subscription.objects.exists()


def test_subscribing_is_throttled_per_address(client, notes, settings):
    url = reverse("alerts:subscribe")
    for n in range(5):
        assert client.post(url, {"email": f"a{n}@example.se", "topic": "notes"}).status_code == 200
    response = client.post(url, {"email": "a6@example.se", "topic": "notes"})
    assert response.status_code == 429
    assert "För många förfrågningar" in response.content.decode()
    assert Subscription.objects.count() == 5


def test_confirmations_to_one_address_are_limited_whoever_asks_and_in_whichever_worker(
    client, notes, mailoutbox, django_capture_on_commit_callbacks
):
    """30 confirmations asked for one address from three addresses of the internet: three are sent. The count is
    in the shared store: a worker whose own memory is empty (the cache cleared) counts on."""
    from django.core.cache import cache

    url = reverse("alerts:subscribe")
    statuses, pages = [], []
    for n in range(30):
        cache.clear()  # another worker, another process: nothing counted in memory
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"email": "Offer@Example.se", "topic": "notes"},
                                   REMOTE_ADDR=f"192.0.2.{n % 3}")  # fmt: skip
        statuses.append(response.status_code)
        pages.append(response.content.decode())
    assert statuses[:3] == [200, 200, 200] and set(statuses[3:]) == {429}
    assert len([m for m in mailoutbox if m.to == ["offer@example.se"]]) == 3
    assert "Tillräckligt många bekräftelser har redan skickats till den här adressen." in pages[3]


def test_unconfirmed_subscriptions_are_purged_after_the_set_days(client, settings):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    settings.ALERT_UNCONFIRMED_DAYS = 7
    old = timezone.now() - datetime.timedelta(days=8)
    stale = Subscription.objects.create(email="glomt@example.se", topic="notes")
    kept = Subscription.objects.create(email="bekraftad@example.se", topic="notes", confirmed_at=old)
    fresh = Subscription.objects.create(email="ny@example.se", topic="notes")
    Subscription.objects.filter(pk__in=[stale.pk, kept.pk]).update(created_at=old)

    # Its link is dead at once, before any purge has run.
    assert client.get(reverse("alerts:confirm", kwargs={"token": stale.token})).status_code == 404
    assert client.get(reverse("alerts:confirm", kwargs={"token": fresh.token})).status_code == 200
    call_command("purge_unconfirmed_alerts", verbosity=0)
    assert set(Subscription.objects.values_list("email", flat=True)) == {"bekraftad@example.se", "ny@example.se"}


def test_the_limit_per_client_holds_across_workers(client, notes):
    from django.core.cache import cache

    url = reverse("alerts:subscribe")
    for n in range(5):
        cache.clear()
        assert client.post(url, {"email": f"c{n}@example.se", "topic": "notes"}).status_code == 200
    cache.clear()
    assert client.post(url, {"email": "c9@example.se", "topic": "notes"}).status_code == 429


@pytest.mark.parametrize("role", ["anonymous", "secretary", "chair"])
def test_every_alert_page_answers_every_role_the_same(client, notes, role, secretary, chair):
    if role != "anonymous":
        client.force_login({"secretary": secretary, "chair": chair}[role])
    subscription = Subscription.objects.create(email="b@example.se", topic="positions")
    for name, kwargs in (("subscribe", {}), ("confirm", {"token": subscription.token}),
                         ("unsubscribe", {"token": subscription.token})):  # fmt: skip
        assert client.get(reverse(f"alerts:{name}", kwargs=kwargs)).status_code == 200, name


def test_a_position_taken_outside_a_meeting_is_told_to_those_who_follow_positions_or_its_matter(
    notes, secretary, django_capture_on_commit_callbacks
):
    from meetings.models import Position
    from meetings.services.positions import position_record

    body, matter = notes.meeting.body, Matter.objects.get(title="Hjälpmedel")
    other = Matter.objects.create(body=body, title="Vårdval")
    for email, topic, followed in [
        ("pos@example.se", "positions", None),
        ("notes@example.se", "notes", None),
        ("matter@example.se", "matter", matter),
        ("other@example.se", "matter", other),
    ]:
        Subscription.objects.create(email=email, topic=topic, matter=followed, confirmed_at="2031-01-01T00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        position_record(body=body, how=Position.How.PER_CAPSULAM, taken_on=datetime.date(2031, 5, 2), matter=matter,
                        text="<div>SRO tillstyrker avtalet om hjälpmedel.</div>", by=secretary)  # fmt: skip
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["matter@example.se", "pos@example.se"]
    alert = by_address["pos@example.se"]
    assert alert.subject == f"Nytt från {body.short_name}: ett ställningstagande från 2031-05-02"
    assert "per capsulam" in alert.body and "Hjälpmedel: SRO tillstyrker avtalet om hjälpmedel." in alert.body
    assert f"/matters/{matter.pk}/" in alert.body and "List-Unsubscribe" in alert.extra_headers

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # only notes information: the matter's followers alone
        position_record(body=body, how=Position.How.CHAIR_DECISION, taken_on=datetime.date(2031, 5, 3), matter=matter,
                        text="<div>SRO noterar informationen.</div>", by=secretary)  # fmt: skip
    assert [m.to[0] for m in mail.outbox] == ["matter@example.se"]
