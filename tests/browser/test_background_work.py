"""The secretary sees the background work (e-mails, PDFs) in Swedish, and the page passes axe-core."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from meetings.tasks import send_plain_mail
from tests.browser.conftest import axe_on, describe
from tests.browser.test_positions_journey import secretary_page  # noqa: F401 (the fixture)


@pytest.fixture
def queued(settings, demo):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # Mails about SRO's notes: hers to see (a mail to the public would be for administrators only).
    send_plain_mail.enqueue(subject="Minnesanteckningar att godkänna", body="Se portalen.", to=["ordf@example.se"],
                            body_id=demo.pk)  # fmt: skip
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    send_plain_mail.enqueue(subject="Väntande utskick", body="Se portalen.", to=["ledamot@example.se"], body_id=demo.pk)


def test_the_secretary_follows_the_background_work_from_the_menu(queued, secretary_page):  # noqa: F811
    page = secretary_page
    page.get_by_role("button", name="Mer").click()  # the staff menu's seldom-used entries
    page.get_by_role("link", name="Bakgrundsarbete").click()
    expect(page.get_by_role("heading", name="Bakgrundsarbete")).to_be_visible()
    done = page.get_by_role("row").filter(has_text="Minnesanteckningar att godkänna")
    expect(done).to_contain_text("E-post")
    expect(done).to_contain_text("Klart")
    expect(page.get_by_role("row").filter(has_text="Väntande utskick")).to_contain_text("I kö")
    assert (violations := axe_on(page)) == [], describe(violations)
