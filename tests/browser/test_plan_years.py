"""The årshjul of any year in Chromium: a visitor reaches the demo's plan of 2025 from the public årshjul; a plan
the secretary makes for 2031 that reaches into 2032 shows all its meetings, in the third shape too (meetings and
quarters as columns), and at 320 px its table scrolls in a region of its own, by keyboard."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from meetings.services.positions import plan_area_add, plan_entry_add
from tests.browser.conftest import axe_on, describe
from tests.browser.test_minutes_journey import log_in
from tests.factories import MeetingFactory

# Every meeting of the year, those held before the plan was printed too (nothing planned for them: empty columns).
DATES_2025 = ["30 januari 2025", "6 mars 2025", "24 april 2025", "21 augusti 2025", "1 september 2025",
              "16 oktober 2025", "13 november 2025"]  # fmt: skip


def test_a_visitor_reaches_the_plan_of_2025_from_the_public_arshjul(page, live_server, demo):
    page.goto(f"{live_server.url}/annual-plan/")
    page.get_by_role("navigation", name="Årshjul för ett annat år").get_by_role("link", name="Årshjul 2025").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Årshjul 2025")
    expect(page.locator("table.annual-plan-meetings th")).to_have_text(DATES_2025)
    expect(page.locator("table.annual-plan-meetings").first).to_contain_text(
        "Förstudie uppföljning god och nära vård: Delrapport"
    )
    assert (violations := axe_on(page)) == [], describe(violations)


@pytest.fixture
def reaching(db, secretary):
    dates = [datetime.date(2031, 2, 5), datetime.date(2031, 4, 23), datetime.date(2031, 9, 3),
             datetime.date(2031, 11, 19), datetime.date(2032, 1, 28)]  # fmt: skip
    first = MeetingFactory(date=dates[0])
    meetings = [first] + [MeetingFactory(body=first.body, date=day) for day in dates[1:]]
    area = plan_area_add(body=first.body, name="Vårdinformationsmiljö")
    topics = ["Budgetdialog", "Delrapport", "Slutrapport", "Årsredovisning"]
    for meeting, topic in zip(meetings[:4], topics, strict=True):
        plan_entry_add(body=first.body, area=area, topic=topic, meeting=meeting, plan_year=2031)
    return meetings


def test_a_plan_reaching_into_the_next_year_shows_all_its_meetings_in_each_shape(browser, live_server, reaching):
    staff = browser.new_context(locale="sv-SE").new_page()
    log_in(staff, live_server.url, "sekreterare")
    staff.goto(f"{live_server.url}/staff/plan/?year=2031")
    # The meeting of January 2032 planned on 2031's page: it stays in 2031's plan.
    staff.get_by_label(re.compile(r"^\s*Vad")).fill("Ny strategi")
    staff.get_by_label("Möte", exact=True).select_option(value=str(reaching[4].pk))
    staff.get_by_role("button", name="Lägg till i årshjulet").click()
    expect(staff.get_by_text("Ärendet planerades in.")).to_be_visible()
    expect(staff.locator("table.annual-plan-meetings th")).to_have_text(
        ["5 februari 2031", "23 april 2031", "3 september 2031", "19 november 2031", "28 januari 2032"]
    )

    visitor = browser.new_context(locale="sv-SE").new_page()
    visitor.goto(f"{live_server.url}/annual-plan/2031/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Årshjul 2031")
    expect(visitor.locator("table.annual-plan-meetings th")).to_have_text(
        ["5 februari 2031", "23 april 2031", "3 september 2031", "19 november 2031", "28 januari 2032"]
    )
    for topic in ("Budgetdialog", "Delrapport", "Slutrapport", "Årsredovisning", "Ny strategi"):
        expect(visitor.locator("table.annual-plan-meetings")).to_contain_text(topic)

    # The secretary prints the year in the third shape: meetings (and quarters) as columns, the areas as rows.
    staff.get_by_label("Möten och kvartal sida vid sida som kolumner i en tabell").check()
    staff.get_by_role("button", name="Använd denna form").click()
    expect(staff.get_by_text("Årshjulet 2031 visas nu i den valda formen.")).to_be_visible()
    assert (violations := axe_on(staff)) == [], describe(violations)
    visitor.set_viewport_size({"width": 320, "height": 640})
    visitor.reload()
    tables = visitor.locator("table.annual-plan-columns")
    headings = [" ".join(t.split()) for t in tables.locator("thead th").all_inner_texts()]
    assert [h for h in headings if h != "Ärenden/områden"] == [
        "5 februari 2031", "23 april 2031", "3 september 2031", "19 november 2031", "28 januari 2032"
    ]  # fmt: skip
    expect(tables.first.locator("th[scope=row]").first).to_have_text("Vårdinformationsmiljö")
    # The page does not scroll sideways at 320 px; the plan scrolls in its own region, by keyboard.
    assert visitor.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    region = visitor.get_by_role("region", name="Årshjul 2031–2032")
    region.focus()
    for _ in range(20):  # the browser scrolls smoothly: a moment for it
        visitor.keyboard.press("ArrowRight")
        if visitor.evaluate("document.querySelector('.annual-plan').scrollLeft") > 0:
            break
        visitor.wait_for_timeout(50)
    assert visitor.evaluate("document.querySelector('.annual-plan').scrollLeft") > 0
    assert (violations := axe_on(visitor)) == [], describe(violations)
