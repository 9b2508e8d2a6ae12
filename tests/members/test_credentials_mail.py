"""The mail telling a person's old address that their credentials changed goes out once, even if its task runs again
(a worker stopped after the mail server took it, before it could say so)."""

import pytest
from django.test import TestCase

from members.services import person_save
from members.tasks import send_mail_task
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_old_address_is_told_once_though_the_task_runs_again(superuser, mailoutbox):
    person = PersonFactory(first_name="Marina", last_name="Johansson", email="marina@example.se")
    person.email = "marina.johansson@example.se"
    with TestCase.captureOnCommitCallbacks(execute=True):
        person_save(person=person, by=superuser)
    [told] = mailoutbox
    assert told.to == ["marina@example.se"]
    [entry] = person.log.all()
    assert entry.old_address_told_at is not None

    # The same task again, as a worker restarted would run it: nothing is sent twice.
    assert send_mail_task.call(subject=told.subject, body=told.body, to=told.to, log_ids=[entry.pk]) == 0
    assert len(mailoutbox) == 1
    # A mail without the key (a task queued before it had one) is sent as before.
    assert send_mail_task.call(subject="Hej", body="Hej", to=["a@example.se"]) == 1
    assert len(mailoutbox) == 2
