"""The queue's pending tasks survive a backup and a restore: the chair's reminder planned for next week still goes
out. Finished tasks and the workers' heartbeats belong to the running portal and are not kept."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from meetings import integrity
from meetings.models import WorkerBeat
from meetings.tasks import mail_enqueue, remind_reviewers
from tests.factories import BodyFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _commits(committed_db, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_chairs_planned_reminder_and_a_queued_mail_are_there_after_a_restore(tmp_path):
    body = BodyFactory()
    due = timezone.now() + datetime.timedelta(days=5)
    reminder = remind_reviewers.using(run_after=due).enqueue(minutes_id=7, round=2)
    mail_enqueue(subject="Avlyst: SRO 2026-03-05", body="Mötet är inställt.", to=["a@example.se"], body_id=body.pk)
    mail_enqueue(subject="Redan skickat", body="…", to=["b@example.se"], body_id=body.pk)
    DBTaskResult.objects.filter(args_kwargs__kwargs__subject="Redan skickat").update(status="SUCCESSFUL")
    WorkerBeat.objects.create(worker_id="w", host="h", pid=1, started_at=timezone.now(), seen_at=timezone.now())
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, verbosity=0)

    with integrity.guard_disabled():
        call_command("flush", interactive=False, verbosity=0)
    assert not DBTaskResult.objects.exists()
    call_command("restore", archive, verbosity=0)

    kept = {t.task_path.rsplit(".", 1)[-1]: t for t in DBTaskResult.objects.all()}
    assert set(kept) == {"remind_reviewers", "send_plain_mail"}  # the mail already sent is not sent again
    restored = kept["remind_reviewers"]
    assert str(restored.pk) == reminder.id and restored.status == "READY"
    assert restored.run_after == due and restored.args_kwargs["kwargs"] == {"minutes_id": 7, "round": 2}
    assert kept["send_plain_mail"].args_kwargs["kwargs"]["to"] == ["a@example.se"]
    assert not WorkerBeat.objects.exists()  # the old installation's workers are not this one's
