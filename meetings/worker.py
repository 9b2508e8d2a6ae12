"""The background worker that recovers: ``manage.py worker`` is django-tasks-db's ``db_worker`` with a heartbeat.

django-tasks-db claims a task by marking it RUNNING with the worker's id and has no way back: a worker killed
during a task (the machine restarted, the process ran out of memory, Ctrl+C twice) leaves it "Pågår" for ever.
Here each worker records that it is alive (``WorkerBeat``) every ``BEAT_SECONDS`` from a thread of its own, so a
long PDF does not silence it, and looks for tasks claimed by a worker that is gone: not seen for
``WORKER_LOST_AFTER_SECONDS``, or (on the same machine) a process that no longer exists. Such a task is queued
again, as it was; the tasks themselves make a second run harmless (a mail already taken by the server is not
sent again: ``meetings.tasks``). A task whose worker died under it ``MAX_CLAIMS`` times is left failed, for staff
to see, rather than taking down every worker that tries it.
"""

import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import OperationalError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

logger = logging.getLogger(__name__)

BEAT_SECONDS = 5
MAX_CLAIMS = 3
HOST = socket.gethostname()[:200]


class WorkerLost(Exception):
    """The worker running the task stopped without finishing it (recorded on the task, not raised)."""


def worker_beat(*, worker_id: str, started_at: datetime.datetime) -> None:
    """Record that this worker is alive now."""
    from meetings.models import WorkerBeat

    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": HOST, "pid": os.getpid(), "started_at": started_at, "seen_at": timezone.now()},
    )


def _process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's process: alive
        return False
    return False


def lost_workers(*, now=None) -> set[str]:
    """The ids of workers that are gone: not seen for ``WORKER_LOST_AFTER_SECONDS``, or on this machine with their
    process gone."""
    from meetings.models import WorkerBeat

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.WORKER_LOST_AFTER_SECONDS)
    lost = set()
    for beat in WorkerBeat.objects.all():
        if beat.seen_at < cutoff or (beat.host == HOST and beat.pid and _process_gone(beat.pid)):
            lost.add(beat.worker_id)
    return lost


def tasks_recover() -> int:
    """Queue again every task whose worker is gone (``MAX_CLAIMS`` times over: leave it failed). A task claimed by a
    worker that never beat (an older ``db_worker``) counts as lost once it has run ``WORKER_LOST_AFTER_SECONDS``.
    Returns how many were queued again or failed."""
    from meetings.models import WorkerBeat

    now = timezone.now()
    lost = lost_workers(now=now)
    known = set(WorkerBeat.objects.values_list("worker_id", flat=True))
    cutoff = now - datetime.timedelta(seconds=settings.WORKER_LOST_AFTER_SECONDS)
    recovered = 0
    for task in DBTaskResult.objects.running().only("pk", "worker_ids", "started_at", "task_path"):
        worker = task.worker_ids[-1] if task.worker_ids else None
        if worker in known and worker not in lost:
            continue
        if worker not in known and task.started_at and task.started_at > cutoff:
            continue
        # Only the claim this run saw: a task finished or claimed again meanwhile is left alone.
        claimed = DBTaskResult.objects.filter(pk=task.pk, status="RUNNING", started_at=task.started_at)
        if len(task.worker_ids) >= MAX_CLAIMS:
            error = WorkerLost(f"The worker stopped during the task {len(task.worker_ids)} times: not tried again")
            recovered += claimed.update(
                status="FAILED", finished_at=now, exception_class_path=f"{__name__}.WorkerLost",
                traceback=f"{__name__}.WorkerLost: {error}",
            )  # fmt: skip
            logger.error("Task %s (%s): %s", task.pk, task.task_path, error)
        else:
            recovered += claimed.update(status="READY", started_at=None)
            logger.warning("Task %s (%s) queued again: its worker %s is gone", task.pk, task.task_path, worker)
    # Beats of workers long gone say nothing any more.
    WorkerBeat.objects.filter(seen_at__lt=now - datetime.timedelta(days=1)).delete()
    return recovered


class Heartbeat(threading.Thread):
    """Beats and recovers every ``BEAT_SECONDS`` beside the worker's loop, on a database connection of its own."""

    def __init__(self, worker_id: str):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            try:
                self.once()
            finally:
                connection.close()  # this thread's own; a beat every few seconds needs no connection kept open
            self.stopped.wait(BEAT_SECONDS)

    def stop(self):
        self.stopped.set()
        if self.is_alive():
            self.join(timeout=BEAT_SECONDS * 2)

    def once(self):
        try:
            worker_beat(worker_id=self.worker_id, started_at=self.started_at)
            tasks_recover()
        except OperationalError as error:  # a busy or unreachable database: the next beat tries again
            if not is_locked_database_exception(error):
                logger.warning("The worker's heartbeat could not be recorded: %s", error)
        except Exception:
            logger.exception("The worker's heartbeat could not be recorded")
