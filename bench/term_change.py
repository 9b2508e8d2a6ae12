"""How much clicking the term change takes, in Chromium: SRO's seats on 31 December 2026 into the term 2027–2030,
all but five continuing (one with a new title), five replaced by newcomers with their addresses.

Issue #35 asks for at most 12 page loads (today, by hand: three per seat from each person's page). A page load is
a navigation of the page's main frame, the login included; a submit a form sent by a navigation (POST).
Run: ``make bench-term`` (``python -m pytest bench/term_change.py -s``).
"""

import datetime

import pytest
from django.core.management import call_command
from django.utils.text import slugify
from playwright.sync_api import expect

from bench.entry_effort import Counter
from members.models import Membership, Organisation
from tests.browser.conftest import (  # noqa: F401 (fixtures)
    _empty_the_database_with_the_guard_lifted,
    browser_context_args,
    browser_type_launch_args,
)
from tests.browser.test_minutes_journey import log_in
from tests.conftest import committed_db, secretary  # noqa: F401 (fixtures)

REPLACED = ["Miguel Odhner", "Theres Sahlström", "Peter Eriksson", "Dan Nyberg", "Åsa Jackson"]
NEWCOMERS = [("Sara", "Nyström", "GR"), ("Olof", "Berg", "Skaraborg"), ("Nils", "Ek", "Fyrbodal"),
             ("Lina", "Dahl", "BRS"), ("Eva", "Lund", "VGR")]  # fmt: skip


@pytest.fixture
def sro(db, secretary):  # noqa: F811
    call_command("load_demo", verbosity=0, no_seal=True)
    return secretary


def test_the_term_change(browser, live_server, sro):
    count = Counter()
    page = browser.new_context(locale="sv-SE").new_page()
    count.watch(page)
    log_in(page, live_server.url, "sekreterare")
    page.get_by_role("link", name="Personer").first.click()
    page.get_by_role("link", name="Starta nästa mandatperiod").click()
    seats = page.locator("select[name$='-action']").count()
    for name in REPLACED:
        page.get_by_label(f"I den nya mandatperioden, {name}").select_option("ends")
    page.get_by_label("Titel, Lars Holmin").fill("ordförande Regionstyrelsen")
    for number, (first, last, org) in enumerate(NEWCOMERS, start=1):
        row = page.get_by_role("group", name=f"Ny ledamot {number}")
        row.get_by_label("Förnamn").fill(first)
        row.get_by_label("Efternamn").fill(last)
        row.get_by_label("E-post").fill(f"{slugify(f'{first} {last}').replace('-', '.')}@example.se")
        row.get_by_label("Representerar").select_option(str(Organisation.objects.get(short_name=org).pk))
    page.get_by_role("button", name="Starta mandatperioden").click()
    expect(page.get_by_text("Mandatperioden 2027–2030 börjar 2027-01-01")).to_be_visible()

    seated = Membership.objects.on(datetime.date(2027, 1, 1)).count()
    assert seated == seats - len(REPLACED) + len(NEWCOMERS)
    result = f"page loads {count.loads} (at most 12), form submits {count.submits}"
    print(f"\n{datetime.date.today()}: the term change, {seats} seats, {seats - len(REPLACED)} continuing, "
          f"{len(REPLACED)} replaced: {result}")  # fmt: skip
    assert count.loads <= 12
