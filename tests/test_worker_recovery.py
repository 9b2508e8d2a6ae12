"""A worker killed in the middle of its work (SIGKILL: no chance to tidy up), the way `make run` runs the portal:
SQLite in one file, `manage.py worker` in a process of its own. Once a worker runs again every recipient has the
notice exactly once and the public PDF is served; while none runs, a reader still gets the PDF."""

import datetime
import email
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from email import policy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def portal(tmp_path):
    """The environment of a portal of its own: database, media and outbox in ``tmp_path``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_URL", "DJANGO_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "sro_portal.settings", "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "MEDIA_ROOT": str(tmp_path / "media"),
        "EMAIL_BACKEND": "tests.worker_steps.SlowOutbox", "EMAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SLOW_MAIL_SECONDS": "1.5", "PDF_WAIT_SECONDS": "1", "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    })  # fmt: skip
    for seal in ("SEAL_PKCS12_PATH", "SEAL_PKCS12_PASSWORD", "SEAL_LOCAL_TSA_PKCS12_PATH", "SEAL_TRUST_ROOTS"):
        env.pop(seal, None)
    return env


def step(env, *args) -> dict:
    done = subprocess.run([sys.executable, "-m", "tests.worker_steps", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def start_worker(env, *options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "manage.py", "worker", "--no-reload", "--no-startup-delay",
                             "--interval", "0.2", *options], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def task_status(database: Path, name: str) -> list[str]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10) as db:
        rows = db.execute("SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = ?",
                          [f"meetings.tasks.{name}"]).fetchall()  # fmt: skip
    return [row[0] for row in rows]


def wait_for(condition, *, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    pytest.fail(f"Not within {seconds} s: {what}")


def kill(worker: subprocess.Popen) -> None:
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)


def recipients(outbox: Path) -> list[str]:
    return sorted(str(email.message_from_bytes(path.read_bytes(), policy=policy.default)["To"])
                  for path in outbox.glob("*.eml"))  # fmt: skip


def test_a_worker_killed_during_the_pdf_and_during_the_mails_leaves_nothing_undone_and_nothing_done_twice(
    portal, tmp_path
):
    database, outbox = tmp_path / "db.sqlite3", tmp_path / "outbox"
    meeting = step(portal, "prepare")["meeting"]

    # Killed while it makes the notice's public PDF (the task is left "running", as the worker claimed it).
    first = start_worker(portal)
    wait_for(lambda: task_status(database, "make_public_notice_pdf") == ["RUNNING"], seconds=120,
             what="the worker starts on the public PDF")  # fmt: skip
    kill(first)
    assert task_status(database, "make_public_notice_pdf") == ["RUNNING"]

    # No worker runs: a reader asking for the PDF waits PDF_WAIT_SECONDS, then gets it made in the request.
    served = step(portal, "public_pdf", str(meeting))
    assert served["status"] == 200 and served["pdf"] and served["type"] == "application/pdf"

    # Killed while a mail is with the (slow) mail server, after at least one went out.
    second = start_worker(portal)
    markers = lambda: len(list(outbox.glob("sending-*")))  # noqa: E731
    sent = lambda: len(list(outbox.glob("*.eml")))  # noqa: E731
    wait_for(lambda: sent() >= 1 and markers() > sent(), seconds=120, what="a second mail is being sent")
    kill(second)
    assert 1 <= sent() < 4

    # A worker runs again: it takes up what the dead ones left, and sends nobody anything twice.
    done = subprocess.run([sys.executable, "manage.py", "worker", "--batch", "--no-reload", "--no-startup-delay"],
                          cwd=ROOT, env=portal, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]

    assert recipients(outbox) == [
        "Helen Nordling <helen@example.se>", "Helén Eliasson <helén@example.se>",
        "Marina Johansson <marina@example.se>", "Ulrika Söderlund <ulrika@example.se>",
    ]  # fmt: skip
    state = step(portal, "state")
    assert set(state["deliveries"].values()) == {"sent"}
    assert {t["status"] for t in state["tasks"]} == {"SUCCESSFUL"}
    assert [t["workers"] for t in state["tasks"] if t["task"] == "make_public_notice_pdf"] == [2]  # claimed twice
    assert state["public_pdf"]
    served = step(portal, "public_pdf", str(meeting))
    assert served["status"] == 200 and served["pdf"]
    made = sorted(path.suffix for path in (tmp_path / "media" / "generated" / "notices").iterdir())
    assert made == [".pdf"]  # made once, by the reader's request; the worker's task found it made


def _running(worker_ids, *, started_seconds_ago=0, body_id=None):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from meetings.tasks import send_plain_mail

    result = send_plain_mail.enqueue(subject="Påminnelse", body="Se portalen.", to=["ordf@example.se"],
                                     body_id=body_id)  # fmt: skip
    started = timezone.now() - datetime.timedelta(seconds=started_seconds_ago)
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", worker_ids=worker_ids, started_at=started)
    return DBTaskResult.objects.get(pk=result.id)


@pytest.fixture
def database_queue(settings, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WORKER_LOST_AFTER_SECONDS = 60


def test_a_task_of_a_worker_not_seen_for_the_timeout_is_queued_again_and_a_live_workers_is_left_alone(database_queue):
    from django.utils import timezone

    from meetings.models import WorkerBeat
    from meetings.worker import tasks_recover

    now = timezone.now()
    WorkerBeat.objects.create(worker_id="gone", host="another-machine", pid=1, started_at=now, seen_at=now
                              - datetime.timedelta(seconds=61))  # fmt: skip
    WorkerBeat.objects.create(worker_id="alive", host="another-machine", pid=1, started_at=now, seen_at=now)
    orphan, busy = _running(["gone"]), _running(["alive"], started_seconds_ago=600)
    just_claimed = _running(["never-beat"], started_seconds_ago=5)  # an older worker without a heartbeat

    assert tasks_recover() == 1

    orphan.refresh_from_db(), busy.refresh_from_db(), just_claimed.refresh_from_db()
    assert (orphan.status, orphan.started_at) == ("READY", None)
    assert busy.status == "RUNNING" and just_claimed.status == "RUNNING"


def test_a_task_its_worker_died_under_three_times_is_left_failed_and_the_task_page_says_why(
    database_queue, client, secretary
):
    from django.urls import reverse

    from meetings.worker import tasks_recover
    from members.models import Body

    deadly = _running(["w1", "w2", "w3"], body_id=Body.objects.get().pk)  # none of them ever seen: gone

    tasks_recover()  # started just now, but by workers the database has never seen beat: not yet
    deadly.refresh_from_db()
    assert deadly.status == "RUNNING"
    type(deadly).objects.filter(pk=deadly.pk).update(started_at=deadly.started_at - datetime.timedelta(minutes=5))
    assert tasks_recover() == 1
    deadly.refresh_from_db()
    assert deadly.status == "FAILED" and deadly.finished_at is not None

    client.force_login(secretary)
    page = client.get(reverse("staff:tasks")).content.decode()
    assert "Misslyckades" in page and "Arbetaren stannade under uppgiften 3 gånger" in page


def test_a_plain_mail_taken_by_the_server_is_not_sent_again_when_its_task_runs_again(database_queue, mailoutbox):
    from meetings.tasks import mail_enqueue, send_plain_mail

    mail_enqueue(subject="Avlyst: SRO 2026-03-05", body="Mötet är inställt.", to=["a@example.se", "b@example.se"])
    from django_tasks_db.models import DBTaskResult

    tasks = list(DBTaskResult.objects.filter(task_path="meetings.tasks.send_plain_mail"))
    assert len(tasks) == 2  # one message, one task, per recipient
    for task in tasks:
        send_plain_mail.call(**task.args_kwargs["kwargs"])
    send_plain_mail.call(**tasks[0].args_kwargs["kwargs"])  # run again, as after its worker died

    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.se", "b@example.se"]
