"""Chromium through Playwright for Python, against Django's live server.

Debian's Chromium is used as it is (``playwright install`` cannot download here); axe-core comes
from the npm registry into ``node_modules`` (``make test`` installs both).
"""

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.embedded import EMBEDDED, SharedOutbox, Worker, assert_embedded, queue_drained

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# The standards Swedish law asks for (WCAG 2.1 AA), plus axe's best practices for landmarks and headings.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _empty_the_database_with_the_guard_lifted(request):
    """Live-server tests empty the database after themselves (a flush), which on SQLite deletes row by
    row: approved notes would refuse it. Empty it first, with the guard lifted, then put the guard back."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("committed_db")
    _ship_the_parties()
    yield


def _ship_the_parties():
    """The parties of the recommendations are facts the portal ships; this suite's own emptying of the database
    (which emits no post_migrate) took them: put back as the migration writes them."""
    from django.apps import apps

    from recommendations.parties import ship

    ship(apps)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE", "timezone_id": "Europe/Stockholm"}


def axe_on(page) -> list[dict]:
    """Run axe-core on what ``page`` shows now; return its violations as a readable list."""
    # Evaluated rather than added as a script tag, so a strict CSP cannot block it.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


@pytest.fixture
def axe(page):
    """axe-core on the test's page, as it shows now."""
    return lambda: axe_on(page)


def describe(violations) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=2)


@pytest.fixture
def login(page, live_server):
    """Log in through the real login form."""

    def _login(username, password):
        page.goto(f"{live_server.url}/admin/login/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()

    return _login


def type_into_editor(page, selector, text):
    """Type into a Trix editor once its script has taken it over (it loads deferred)."""
    page.wait_for_function("(s) => document.querySelector(s).editor !== undefined", arg=selector)
    page.locator(selector).click()
    page.keyboard.type(text)
    # Trix handles keys asynchronously: wait until it has written them to its input before leaving it.
    input_id = page.locator(selector).get_attribute("input")
    expect(page.locator(f"#{input_id}")).to_have_value(re.compile(re.escape(text)))


if EMBEDDED:
    # The embedded leg (tests/embedded.py): every live-server test has the real worker beside it, and reads the
    # mails it sent.

    @pytest.fixture(scope="session")
    def embedded_worker(django_db_setup):
        worker = Worker()
        yield worker
        worker.stop()

    @pytest.fixture(autouse=True)
    def _the_worker_beside_the_live_server(request, settings):
        if "live_server" not in request.fixturenames:
            yield
            return
        request.getfixturevalue("committed_db")  # set up first, so its flush comes after the queue is drained
        assert_embedded()
        worker = request.getfixturevalue("embedded_worker")
        worker.ensure_running()
        settings.EMAIL_BACKEND = "tests.embedded.SharedOutboxBackend"
        SharedOutbox().clear()
        yield
        queue_drained()
        assert worker.process.poll() is None, f"The worker stopped:\n{worker.log.read_text()[-3000:]}"
        assert worker.starts == 1, "The worker was started again"

    @pytest.fixture
    def mailoutbox():
        return SharedOutbox()
