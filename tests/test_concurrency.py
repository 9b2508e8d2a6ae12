"""Two people saving at once, for real: threads with their own database connections, committing.

On PostgreSQL (CI): of two simultaneous saves of the same item exactly one is acknowledged and the other is
told so; a notice sent while items are saved neither deadlocks nor loses a save. SQLite serialises every
write by itself, so these run on PostgreSQL only.
"""

import datetime
import threading

import pytest
from django.db import connection

from meetings.models import AgendaItem, Meeting, NoticeDispatch
from meetings.services import ConflictError
from meetings.services.agenda import agenda_item_save
from meetings.services.notices import notice_send
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("committed_db"),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite serialises all writes"),
]
ROUNDS = 20


def _in_threads(*jobs):
    """Run the jobs at the same moment, each in its own thread and connection; return what each gave back."""
    start = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            start.wait()
            results[index] = job()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a save hung (deadlock?)"
    return results


def _save_as(item_pk: int, loaded_version: int, title: str):
    def job():
        item = AgendaItem.objects.select_related("meeting").get(pk=item_pk)
        item.title = title
        return agenda_item_save(item=item, loaded_version=loaded_version)

    return job


def test_of_two_simultaneous_saves_exactly_one_is_acknowledged_in_every_round(db):
    item = AgendaItemFactory(meeting=MeetingFactory(date=datetime.date(2031, 3, 6)), order=4, title="Start")
    for round_ in range(ROUNDS):
        loaded = AgendaItem.objects.values_list("lock_version", flat=True).get(pk=item.pk)
        results = _in_threads(_save_as(item.pk, loaded, f"A{round_}"), _save_as(item.pk, loaded, f"B{round_}"))
        won = [r for r in results if isinstance(r, AgendaItem)]
        told = [r for r in results if isinstance(r, ConflictError)]
        assert len(won) == 1 and len(told) == 1, (round_, results)
        assert "Någon annan sparade detta" in str(told[0])
        assert AgendaItem.objects.get(pk=item.pk).title == won[0].title  # the row is the winner's, not a mix


def test_a_notice_sent_while_items_are_saved_neither_deadlocks_nor_loses_a_save(db):
    for round_ in range(6):
        meeting = MeetingFactory(date=datetime.date(2031, 4, 1 + round_))
        items = [AgendaItemFactory(meeting=meeting, order=n, title=f"Punkt {n}") for n in range(1, 4)]

        def saves(items=items, round_=round_):
            saved = []
            for item in items:
                loaded = AgendaItem.objects.values_list("lock_version", flat=True).get(pk=item.pk)
                saved.append(_save_as(item.pk, loaded, f"Sparad {round_} {item.order}")())
            return saved

        sending, saving = _in_threads(lambda meeting=meeting: notice_send(meeting=meeting, by=None), saves)
        assert isinstance(sending, NoticeDispatch), sending
        assert isinstance(saving, list), str(saving)  # every save acknowledged, none lost behind an error
        titles = set(AgendaItem.objects.filter(meeting=meeting).values_list("title", flat=True))
        assert titles == {f"Sparad {round_} {n}" for n in range(1, 4)}
        assert Meeting.objects.get(pk=meeting.pk).notice_version == 1


def test_a_form_sent_twice_at_the_same_moment_creates_one_item(db):
    import uuid

    from meetings.services import create_once

    meeting = MeetingFactory(date=datetime.date(2031, 5, 5))
    token = uuid.uuid4()

    def send():
        item = AgendaItem(meeting=Meeting.objects.get(pk=meeting.pk), title="Dubbelklick", kind="information")
        return create_once(token=token, create=lambda: agenda_item_save(item=item))

    first, second = _in_threads(send, send)
    assert {first[1], second[1]} == {True, False}, (first, second)  # one created, one found it
    assert first[0].pk == second[0].pk and meeting.agenda_items.filter(title="Dubbelklick").count() == 1


def test_writers_to_different_meetings_do_not_queue_behind_one_another(db):
    """The first writer has raised the site's revision and holds its transaction open; the second, on another
    meeting, commits at once (before: one row every writer locked, so the second waited for the first)."""
    import time

    from django.db import transaction

    from meetings import revision

    first_meeting, second_meeting = (
        MeetingFactory(date=datetime.date(2031, 7, 1)),
        MeetingFactory(date=datetime.date(2031, 7, 2)),
    )
    holding, release, seen = threading.Event(), threading.Event(), {}

    def backend() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]

    def first():
        with transaction.atomic():
            Meeting.objects.filter(pk=first_meeting.pk).update(location="Först")
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # its commit-time work, the revision, done now
            seen["first"] = backend()
            holding.set()
            release.wait(15)

    def second():
        holding.wait(15)
        seen["second"] = backend()
        started = time.monotonic()
        with transaction.atomic():
            Meeting.objects.filter(pk=second_meeting.pk).update(location="Sedan")
        seen["seconds"] = time.monotonic() - started
        release.set()

    _in_threads(first, second)
    if seen["first"] % revision.SLOTS == seen["second"] % revision.SLOTS:
        pytest.skip("the two connections share a slot of the revision this time")
    assert seen["seconds"] < 5, seen


def test_four_first_requests_for_a_pdf_render_it_once_and_store_one_file(db, settings, tmp_path, monkeypatch):
    from django.core.files.storage import default_storage

    from meetings import pdf

    settings.MEDIA_ROOT = tmp_path
    rendered, real = [], pdf.html_to_pdf
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: rendered.append(1) or real(html))
    html = "<html lang='sv'><title>Sammanställning</title><p>Samtliga ställningstaganden.</p></html>"
    results = _in_threads(*[lambda: pdf.stored_pdf_from_html(html, folder="compilations")] * 4)
    assert len({name for name, _digest in results}) == 1, results  # one name for all four
    assert len(rendered) == 1
    assert len(default_storage.listdir("generated/compilations")[1]) == 1  # no orphan copy
