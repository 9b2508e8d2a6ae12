"""`make run`'s configuration under concurrent work: SQLite in a file (WAL, immediate transactions) with a real
`manage.py db_worker` process beside it, and people at work at the same moment, each in a thread with its own
connection: secretaries saving items, the notice sent (and double-clicked), the chair approving notes and a
correction of them, readers of the public site. Nobody may ever see "database is locked": every answer is a page
or a redirect, and every approval and sending is done on its first try.

Runs in the embedded leg of `make test` (``SRO_TEST_EMBEDDED=1``, tests/embedded.py); skipped otherwise.
"""

import datetime
import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from meetings.models import AgendaItem, Minutes, MinutesVersion, NoticeDispatch
from meetings.services import minutes as minutes_services
from tests.conftest import PASSWORD
from tests.embedded import EMBEDDED, SharedOutbox, Worker, assert_embedded, queue_drained
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("committed_db"),
    pytest.mark.skipif(not EMBEDDED, reason="the embedded leg of make test (SRO_TEST_EMBEDDED=1)"),
]
SAVES = 6  # per secretary


@pytest.fixture
def worker(django_db_setup, settings):
    settings.EMAIL_BACKEND = "tests.embedded.SharedOutboxBackend"
    SharedOutbox().clear()
    worker = Worker()
    worker.ensure_running()
    yield worker
    queue_drained()
    alive = worker.process.poll() is None
    worker.stop()
    assert alive, f"The worker stopped:\n{worker.log.read_text()[-3000:]}"


def hidden(page, name: str) -> str:
    """A hidden field's value as the page shows it (from the HTML: in threads, the test client's captured
    context may be another thread's page)."""
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', page.content.decode()).group(0)
    return re.search(r'\bvalue="([^"]*)"', tag).group(1)


@pytest.fixture
def work(secretary, chair):
    chair_person = PersonFactory(first_name="Helén", last_name="Eliasson", user=chair, email="helen@example.se")
    coming = MeetingFactory(date=datetime.date(2031, 3, 6))
    held = MeetingFactory(date=datetime.date(2025, 3, 6), body=coming.body)
    for person, role in [
        (chair_person, "chair"),
        (PersonFactory(first_name="Ann", last_name="Berg", email="ann@example.se"), "member"),
    ]:
        MembershipFactory(body=coming.body, person=person, role=role, start_date=datetime.date(2024, 1, 1),
                          end_date=None)  # fmt: skip
    items = [AgendaItemFactory(meeting=coming, order=n, title=f"Punkt {n}") for n in range(1, 4)]
    AgendaItemFactory(meeting=held, order=1, title="Information", proposals=["SRO noterar informationen."])
    minutes = minutes_services.minutes_start(meeting=held, by=secretary)
    minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary, remind=False)
    return {"coming": coming, "items": items, "minutes": minutes}


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_people_at_work_at_once_never_see_database_is_locked(worker, work, secretary, chair):
    assert_embedded()
    coming, minutes = work["coming"], work["minutes"]
    answers, failures = [], []
    start = threading.Barrier(7)

    def answered(response, expected=(200, 302)):
        answers.append(response.status_code)
        body = response.content.decode(errors="replace")
        if response.status_code not in expected or "locked" in body:
            said = (
                " ".join(re.findall(r"(?:alert|invalid-feedback)[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)", body)) or body[:300]
            )
            failures.append(f"{response.request['PATH_INFO']}: {response.status_code} {said}")
        return response

    def secretary_saves(item):
        client = _as(secretary)
        url = reverse("staff:item_edit", kwargs={"pk": item.pk})
        start.wait()
        for n in range(SAVES):
            page = client.get(url)
            data = {"kind": item.kind, "title": f"{item.title} ({n + 1})", "duration_minutes": "20", "show_time": "on",
                    "lock_version": hidden(page, "lock_version")}  # fmt: skip
            answered(client.post(url, data))

    def sender(double_click=False):
        client = _as(secretary)
        url = reverse("staff:notice_send", kwargs={"pk": coming.pk})
        start.wait()
        answered(client.post(url, {"seen_version": "0"}))  # the two threads: one click and its double
        if not double_click:
            answered(client.post(url, {"seen_version": "1"}))  # a revised notice, after the saves of the items

    def chair_approves():
        chair_client, secretary_client = _as(chair), _as(secretary)
        review = reverse("staff:minutes_review", kwargs={"pk": minutes.pk})
        approve = reverse("staff:minutes_approve", kwargs={"pk": minutes.pk})
        start.wait()
        for round_ in (1, 2):
            read = hidden(chair_client.get(review), "approve-read")
            answered(chair_client.post(approve, {"approve-read": read, "approve-password": PASSWORD}), expected=(302,))
            if round_ == 1:  # the secretary corrects the approved notes and sends them again
                correct = reverse("staff:minutes_correct", kwargs={"pk": minutes.pk})
                answered(secretary_client.post(correct, {"reason": "Stavning"}), expected=(302,))
                send = reverse("staff:minutes_send", kwargs={"pk": minutes.pk})
                answered(secretary_client.post(send), expected=(302,))

    def reader(stop):
        client = Client()
        start.wait()
        while not stop.is_set():
            answered(client.get("/"))
            answered(client.get(reverse("public:meeting", kwargs={"pk": coming.pk})), expected=(200, 404))

    def run(job, *args):
        try:
            job(*args)
        except Exception as error:  # a 500 raised in the view: exactly what nobody may meet
            failures.append(f"{job.__name__}: {type(error).__name__}: {error}")
        finally:
            connection.close()

    stop = threading.Event()
    staff = [threading.Thread(target=run, args=(secretary_saves, item)) for item in work["items"]]
    staff += [threading.Thread(target=run, args=(sender,)), threading.Thread(target=run, args=(sender, True)),
              threading.Thread(target=run, args=(chair_approves,))]  # fmt: skip
    readers = [threading.Thread(target=run, args=(reader, stop))]
    for thread in staff + readers:
        thread.start()
    for thread in staff:
        thread.join(timeout=300)
    stop.set()
    for thread in readers:
        thread.join(timeout=60)

    assert failures == [], "\n".join(failures)
    assert len(answers) >= 3 * 2 * SAVES + 3 + 5
    # Every approval and sending done on its first try; the double click sent nothing.
    assert MinutesVersion.objects.filter(minutes=minutes).count() == 2
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.APPROVED
    assert list(
        NoticeDispatch.objects.filter(meeting=coming).values_list("version", flat=True).order_by("version")
    ) == [
        1,
        2,
    ]
    assert sorted(AgendaItem.objects.filter(meeting=coming).values_list("title", flat=True)) == [
        f"Punkt {n} ({SAVES})" for n in range(1, 4)
    ]
    # And the worker, locked out of nothing, mailed both versions to both called.
    notices = [m for m in SharedOutbox() if "kallelse" in m.subject.lower()]
    assert sorted(m.to[0] for m in notices) == sorted(["Helén Eliasson <helen@example.se>",
                                                       "Ann Berg <ann@example.se>"] * 2)  # fmt: skip
