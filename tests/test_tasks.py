"""Background work on the real queue: tasks stored in the database (django-tasks-db) and run by its worker
(`manage.py db_worker --batch`, as `make run` starts it), the way the portal runs them outside the tests."""

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from meetings.services.notices import notice_send
from tests.meetings.test_notice_send import meeting  # noqa: F401 (the fixture: the demo meeting, not yet sent)

# The worker closes its database connection after each task, as a long-running process should: the tests
# commit (on PostgreSQL a closed connection would end a test's enclosing transaction).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("committed_db")]


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def mails(**kwargs):
    """The notice mails among the queued tasks (the demo's uploads queue the reading of their text too)."""
    return DBTaskResult.objects.filter(task_path="meetings.tasks.send_notice_mail", **kwargs)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


class RefusingBackend(EmailBackend):
    """A mail server that refuses one address (as a full mailbox or a typo would), and takes the others."""

    refused = "marina@example.se"

    def send_messages(self, messages):
        if any(self.refused in m.to[0] for m in messages):
            raise ConnectionRefusedError("550 mailbox unavailable")
        return super().send_messages(messages)


def test_sending_a_notice_queues_one_mail_per_recipient_and_the_worker_sends_them(
    meeting,  # noqa: F811
    secretary,
):
    dispatch = notice_send(meeting=meeting, by=secretary)  # the mails are queued when it commits
    assert mail.outbox == []  # nothing sent in the secretary's request
    assert mails(status="READY").count() == 4

    run_worker()

    assert len(mail.outbox) == 4
    assert mails(status="SUCCESSFUL").count() == 4
    (_name, pdf, _type) = mail.outbox[0].attachments[0]
    dispatch.pdf.open("rb")
    assert pdf == dispatch.pdf.read()  # the very PDF that was sent and hashed


def test_a_refused_mail_is_tried_again_later_and_staff_see_it(
    meeting,  # noqa: F811
    secretary,
    settings,
):
    settings.EMAIL_BACKEND = "tests.test_tasks.RefusingBackend"
    notice_send(meeting=meeting, by=secretary)
    run_worker()

    assert sorted(m.to[0].split("<")[1] for m in mail.outbox) == [
        "helen@example.se>", "helén@example.se>", "ulrika@example.se>"
    ]  # fmt: skip
    failed = mails().get(status="FAILED")
    retry = mails().get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2 and "marina@example.se" in retry.args_kwargs["kwargs"]["to"]
    assert retry.run_after > failed.finished_at  # later, not at once

    staff = Client()
    staff.force_login(secretary)
    page = staff.get(reverse("staff:tasks")).content.decode()
    assert "Misslyckades" in page and "550 mailbox unavailable" in page
    assert "Väntar på nytt försök" in page and "Marina Johansson" in page

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the mailbox is fixed
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=retry.enqueued_at)  # its time has come
    run_worker()
    assert [m.to[0] for m in mail.outbox if "marina" in m.to[0]] == ["Marina Johansson <marina@example.se>"]
    assert mails(status="SUCCESSFUL").count() == 4  # everyone got it, nobody twice


def test_each_recipients_delivery_is_recorded_and_those_not_reached_get_it_again_alone(
    meeting,  # noqa: F811
    secretary,
    settings,
):
    from meetings.models import NoticeDelivery
    from meetings.services.notices import notice_resend
    from members.models import Person

    settings.EMAIL_BACKEND = "tests.test_tasks.RefusingBackend"
    notice_send(meeting=meeting, by=secretary)
    run_worker()
    deliveries = {d.name: d for d in NoticeDelivery.objects.filter(dispatch__meeting=meeting)}
    assert deliveries["Ulrika Söderlund"].status == "sent"
    assert deliveries["Marina Johansson"].status == "failed"
    assert deliveries["Marina Johansson"].error == "550 mailbox unavailable"
    assert deliveries["Magnus Haggren"].status == "no_address"

    # The meeting page says who was not reached; a second sending goes to them alone, with the address the
    # register has now, and nobody reached gets it twice.
    staff = Client()
    staff.force_login(secretary)
    page = staff.get(reverse("staff:meeting", kwargs={"pk": meeting.pk})).content.decode()
    assert "Marina Johansson" in page and "Misslyckades: 550 mailbox unavailable" in page
    assert "Magnus Haggren" in page and "Ingen e-postadress" in page
    Person.objects.filter(first_name="Marina", last_name="Johansson").update(email="marina@vgr.se")
    Person.objects.filter(first_name="Magnus", last_name="Haggren").update(email="magnus@example.se")
    mail.outbox.clear()
    DBTaskResult.objects.all().delete()  # the first sending's retries: out of the way
    assert notice_resend(meeting=meeting, by=secretary) == 2
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == ["Magnus Haggren <magnus@example.se>",
                                                    "Marina Johansson <marina@vgr.se>"]  # fmt: skip
    assert not NoticeDelivery.objects.filter(dispatch__meeting=meeting).exclude(status="sent").exclude(
        status="no_address").exists()  # fmt: skip
    assert meeting.log.filter(action="notice_resent").exists()


def test_a_pdf_no_worker_made_within_the_wait_is_made_in_the_request_and_the_queued_task_adds_nothing(
    client, demo, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # no PDF made by another test
    settings.PDF_WAIT_SECONDS = 0.3  # no worker runs: the request waits this long, then makes it itself
    url = reverse("public:compilation_pdf", kwargs={"year": 2022})

    first = client.get(url)

    assert first.status_code == 200 and b"".join(first.streaming_content).startswith(b"%PDF")
    second = client.get(url)  # a second visitor: served what is stored, nothing queued
    assert second.status_code == 200 and second["ETag"] == first["ETag"]
    run_worker()  # the task the first visitor queued finds the PDF made and tidies up
    renders = DBTaskResult.objects.filter(task_path="meetings.tasks.render_stored_pdf")
    assert renders.count() == 1 and renders.get().status == "SUCCESSFUL"
    files = default_storage.listdir("generated/compilations")[1]
    assert len([f for f in files if f.endswith(".pdf")]) == 1 and not any(f.endswith(".html") for f in files)


def test_the_task_page_says_so_when_nothing_has_been_queued(client, secretary):
    client.force_login(secretary)
    assert "Inget har köats än." in client.get(reverse("staff:tasks")).content.decode()
