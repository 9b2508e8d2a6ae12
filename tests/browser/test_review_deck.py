"""The secretary writes the year's review, sees the deck before publishing it, publishes it, and is asked before a
second version; axe-core finds nothing on the way, and the slides read at 320 px."""

import pytest
from playwright.sync_api import expect

from meetings.models import YearlyReview
from tests.browser.conftest import axe_on, describe
from tests.conftest import PASSWORD


@pytest.fixture
def secretary_page(page, live_server, demo, secretary):
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("Användarnamn").fill("sekreterare")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    return page


def test_the_secretary_previews_publishes_and_is_asked_before_a_second_version(secretary_page, live_server):
    page = secretary_page
    page.goto(f"{live_server.url}/staff/yearly-review/2025/")
    expect(page.get_by_text("Ett förslag att utgå från")).to_be_visible()
    line = page.locator("#id_highlights-0-text")  # the first line of the suggestion
    line.fill("Ett nytt hälso- och sjukvårdsavtal under ett avtalsår")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Återblicken sparades", exact=False)).to_be_visible()
    preview = page.locator(".deck-screen")
    expect(preview.get_by_role("heading", name="Det viktigaste under 2025")).to_be_visible()
    expect(preview.get_by_text("Ett nytt hälso- och sjukvårdsavtal under ett avtalsår")).to_be_visible()
    assert (violations := axe_on(page)) == [], describe(violations)

    page.get_by_role("button", name="Publicera", exact=True).click()
    expect(page.get_by_text("Återblicken är publicerad (version 1).")).to_be_visible()
    page.get_by_role("link", name="Publicera igen").click()
    expect(page.get_by_role("heading", name="Publicera version 2?", exact=False)).to_contain_text(
        "Det finns redan en publicerad version (version 1, "
    )
    assert (violations := axe_on(page)) == [], describe(violations)
    page.get_by_role("button", name="Publicera version 2").click()
    expect(page.get_by_text("Återblicken är publicerad (version 2).")).to_be_visible()
    assert YearlyReview.objects.get(year=2025).published_version == 2

    page.goto(f"{live_server.url}/review/2025/")
    expect(page.get_by_role("link", name="Ladda ner som PowerPoint")).to_be_visible()
    assert page.locator("main h1").count() == 1
    assert (violations := axe_on(page)) == [], describe(violations)
    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, width  # the slides reflow: nothing to scroll sideways
