"""Steps of tests/test_worker_recovery.py, each run in a process of its own on one SQLite file, as `make run` runs
the portal: ``python -m tests.worker_steps prepare|public_pdf|state``. The environment names the database, the
media and the outbox (the test sets it)."""

import datetime
import json
import os
import sys
import time
import uuid
from pathlib import Path

from sro_portal.outbox import OutboxBackend


class SlowOutbox(OutboxBackend):
    """The outbox, as slow as a distant mail server: a marker says a message is being sent, and only after
    ``SLOW_MAIL_SECONDS`` is it written. A worker killed in between has sent nothing."""

    def send_messages(self, email_messages):
        self.folder.mkdir(parents=True, exist_ok=True)
        for _message in email_messages:
            (self.folder / f"sending-{uuid.uuid4().hex}").touch()
            time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "1.5")))
        return super().send_messages(email_messages)


def prepare():
    """A migrated database with the demo, four of the called given an address, and the notice of 6 March 2025
    sent (as if for the first time) and published: its mails and its public PDF queued for the worker."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from meetings.integrity import guard_disabled
    from meetings.models import FrozenItem, Meeting, NoticeDispatch
    from meetings.services.notices import notice_publish, notice_send
    from members.models import Person

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, no_seal=True)
    DBTaskResult.objects.all().delete()  # the demo's own reading of its attachments: not this test's
    for first, last in [("Helén", "Eliasson"), ("Marina", "Johansson"), ("Ulrika", "Söderlund"), ("Helen", "Nordling")]:
        Person.objects.filter(first_name=first, last_name=last).update(email=f"{first.lower()}@example.se")
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    with guard_disabled():
        FrozenItem.objects.filter(dispatch__meeting=meeting).delete()
        NoticeDispatch.objects.filter(meeting=meeting).delete()
        Meeting.objects.filter(pk=meeting.pk).update(notice_version=0, notice_published_at=None,
                                                     status=Meeting.Status.PLANNED)  # fmt: skip
    meeting.refresh_from_db()
    by = get_user_model().objects.create_superuser("worker-test", "worker-test@example.se", "x")
    notice_send(meeting=meeting, by=by)
    meeting.refresh_from_db()
    if not meeting.notice_published_at:  # SRO publishes its notice on sending; a body that does not, here
        notice_publish(meeting=meeting, by=by)
    print(json.dumps({"meeting": meeting.pk}))


def public_pdf(pk: str):
    """What a reader of the public site gets for the notice's PDF: status, type and the first bytes."""
    from django.test import Client
    from django.urls import reverse

    started = time.monotonic()
    response = Client(HTTP_HOST="127.0.0.1").get(reverse("public:notice_pdf", kwargs={"pk": int(pk)}))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    print(json.dumps({"status": response.status_code, "type": response.get("Content-Type"),
                      "pdf": content.startswith(b"%PDF"), "seconds": time.monotonic() - started}))  # fmt: skip


def state():
    """The recipients' deliveries, the tasks and the public PDF's record, as the database has them."""
    from django_tasks_db.models import DBTaskResult

    from meetings.models import NoticeDelivery, PublicNoticePdf

    print(json.dumps({
        "deliveries": {d.email: d.status for d in NoticeDelivery.objects.exclude(email="")},
        "tasks": [{"task": t.task_path.rsplit(".", 1)[-1], "status": t.status, "workers": len(t.worker_ids)}
                  for t in DBTaskResult.objects.order_by("enqueued_at")],
        "public_pdf": PublicNoticePdf.objects.exists(),
    }))  # fmt: skip


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    {"prepare": prepare, "public_pdf": public_pdf, "state": state}[sys.argv[1]](*sys.argv[2:])
