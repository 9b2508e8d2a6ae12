"""The suite the way `make run` runs the portal: SQLite in a file (WAL, the real settings' OPTIONS) and a real
`manage.py worker` process beside the live server, on the database queue (``SRO_TEST_EMBEDDED=1``; `make test`
runs the browser journeys and tests/test_embedded_concurrency.py so, after the PostgreSQL run).

Both processes share one folder (``SRO_TEST_SHARED_DIR``): the database, the media, and an outbox where every
mail either process sends is kept, so a journey reads the mails the worker sent as it reads Django's outbox.
"""

import os
import pickle
import subprocess
import sys
import time
import uuid
from collections.abc import Sequence
from copy import copy
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

EMBEDDED = os.environ.get("SRO_TEST_EMBEDDED") == "1"
ROOT = Path(__file__).resolve().parents[1]
# How long a test waits for the worker to finish what is queued before it reads the outbox.
DRAIN_SECONDS = 60


class SharedOutboxBackend(BaseEmailBackend):
    """Keeps each sent message as a file in ``SHARED_OUTBOX_DIR``, whichever process sends it."""

    def send_messages(self, messages):
        folder = Path(settings.SHARED_OUTBOX_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for message in messages:
            message.message()  # as the real backends do: a message that cannot be built fails here
            kept = copy(message)
            kept.connection = None
            name = f"{time.time_ns():020d}-{uuid.uuid4().hex}"
            (folder / f"{name}.tmp").write_bytes(pickle.dumps(kept))
            (folder / f"{name}.tmp").rename(folder / f"{name}.pickle")  # never read half written
        return len(messages)


def queue_drained(timeout: float = DRAIN_SECONDS) -> None:
    """Wait until the worker has run every task that is due (a retry or reminder for later does not count)."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while DBTaskResult.objects.ready().exists() or DBTaskResult.objects.running().exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"The worker left tasks undone for {timeout} s")
        time.sleep(0.1)


def assert_embedded() -> None:
    """The leg runs as `make run` does, or fails: SQLite in a file with the real OPTIONS, the database queue."""
    from django.db import connection
    from django_tasks import task_backends

    assert connection.vendor == "sqlite" and not connection.is_in_memory_db()
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert connection.cursor().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"


class SharedOutbox(Sequence):
    """The mails sent so far, in order, once the worker has done what is queued (Django's ``mail.outbox``
    for a test whose mails are sent by another process)."""

    def _messages(self):
        queue_drained()
        folder = Path(settings.SHARED_OUTBOX_DIR)
        return [pickle.loads(path.read_bytes()) for path in sorted(folder.glob("*.pickle"))]

    def __getitem__(self, index):
        return self._messages()[index]

    def __len__(self):
        return len(self._messages())

    def clear(self):
        for path in Path(settings.SHARED_OUTBOX_DIR).glob("*.pickle"):
            path.unlink()


class Worker:
    """``manage.py worker`` as `make run` starts it, against the test database."""

    def __init__(self):
        self.process = None
        self.log = Path(os.environ["SRO_TEST_SHARED_DIR"]) / "worker.log"
        self.starts = 0

    def ensure_running(self):
        if self.process is not None and self.process.poll() is None:
            return
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
        env.pop("DATABASE_URL", None)
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        self.starts += 1

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
