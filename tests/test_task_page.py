"""The staff task page in Swedish: tasks as words, dates as the portal writes them, a planned reminder as planned,
the worker's last beat (and a warning when none runs), and each secretary's own bodies' work only."""

import datetime
import zoneinfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from meetings.models import WorkerBeat
from meetings.roles import grant
from meetings.tasks import mail_enqueue, remind_reviewers
from tests.factories import BodyFactory, UserFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WORKER_LOST_AFTER_SECONDS = 60


def page_for(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("staff:tasks"))
    assert response.status_code == 200
    return response.content.decode()


MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]  # fmt: skip


def swedish(moment: datetime.datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} kl. {moment:%H.%M}"


def test_a_mail_planned_in_five_days_is_planned_and_dated_in_swedish(secretary, settings):
    settings.TIME_ZONE = "Europe/Stockholm"
    due = (timezone.now() + datetime.timedelta(days=5)).astimezone(STOCKHOLM).replace(hour=15, minute=14)
    queued = datetime.datetime(2026, 12, 2, 9, 5, tzinfo=STOCKHOLM)
    remind_reviewers.using(run_after=due).enqueue(minutes_id=999_999, round=1)  # notes she cannot see: not hers
    mail_enqueue(subject="Minnesanteckningar att godkänna", body="Se portalen.", to=["ordf@example.se"],
                 body_id=BodyFactory().pk)  # fmt: skip
    DBTaskResult.objects.filter(task_path="meetings.tasks.send_plain_mail").update(run_after=due, enqueued_at=queued)

    page = page_for(secretary)

    assert "E-post" in page and "Minnesanteckningar att godkänna → ordf@example.se" in page
    assert "planerad" in page and swedish(due) in page and "2 december 2026 kl. 09.05" in page
    assert "Väntar på nytt försök" not in page and "send_plain_mail" not in page
    assert "Påminnelse till ordföranden" not in page


def test_the_chairs_reminder_reads_as_words(secretary, settings):
    from meetings.selectors.tasks import recent_tasks

    remind_reviewers.using(run_after=timezone.now() + datetime.timedelta(days=5)).enqueue(minutes_id=1, round=1)
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    [row] = [r for r in recent_tasks(user=admin) if r.what == "Påminnelse till ordföranden"]
    assert row.state == "planerad"


def test_the_page_says_when_the_worker_was_last_seen_and_warns_when_none_runs(secretary):
    page = page_for(secretary)
    assert "Ingen bakgrundsarbetare är igång" in page and "Ingen har setts till." in page

    seen = timezone.now() - datetime.timedelta(minutes=10)
    WorkerBeat.objects.create(worker_id="w", host="h", pid=1, started_at=seen, seen_at=seen)
    page = page_for(secretary)
    assert "Ingen bakgrundsarbetare är igång" in page and "Den sågs senast" in page

    WorkerBeat.objects.filter(worker_id="w").update(seen_at=timezone.now())
    page = page_for(secretary)
    assert "Ingen bakgrundsarbetare är igång" not in page and "Bakgrundsarbetaren är igång (senast sedd" in page


def test_a_secretary_sees_her_own_bodies_work_only_and_mails_to_the_public_are_for_administrators():
    sro, other = BodyFactory(), BodyFactory(short_name="HJÄLP", name="Beredningsgrupp för hjälpmedel")
    sro_secretary, other_secretary = UserFactory(username="s1", is_staff=True), UserFactory(username="s2",
                                                                                             is_staff=True)  # fmt: skip
    grant(sro_secretary, sro, "secretary")
    grant(other_secretary, other, "secretary")
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    mail_enqueue(subject="Avlyst: SRO 2026-03-05", body="…", to=["ledamot.sro@example.se"], body_id=sro.pk)
    mail_enqueue(subject="Avlyst: HJÄLP 2026-03-05", body="…", to=["ledamot.hjalp@example.se"], body_id=other.pk)
    mail_enqueue(subject="Logga in på Mina möten", body="…", to=["medborgare@example.se"])

    mine = page_for(sro_secretary)
    assert "ledamot.sro@example.se" in mine
    assert "ledamot.hjalp@example.se" not in mine and "medborgare@example.se" not in mine
    assert "e-post till allmänheten (inloggningslänkar till Mina möten, bevakningar) ser bara administratörer" in mine
    theirs = page_for(other_secretary)
    assert "ledamot.hjalp@example.se" in theirs and "ledamot.sro@example.se" not in theirs
    everything = page_for(admin)
    assert all(a in everything for a in ("ledamot.sro@", "ledamot.hjalp@", "medborgare@example.se"))


def test_the_newer_tasks_read_as_words_and_a_sign_in_request_is_for_administrators(secretary):
    from mymeetings.tasks import send_sign_in_link

    send_sign_in_link.enqueue(email="medborgare@example.se")
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    everything = page_for(admin)
    assert "Inloggningslänk till Mina möten" in everything and "medborgare@example.se" in everything
    assert "send_sign_in_link" not in everything
    assert "medborgare@example.se" not in page_for(secretary)
