"""Every public page type, as an anonymous visitor in Chromium: axe-core finds no violation."""

from tests.browser.conftest import describe
from tests.test_public_pages import published_urls

PAGES = ["home", "meetings", "meeting", "minutes", "positions", "compilation", "matters", "matter", "plan", "members",
         "accessibility"]  # fmt: skip


def test_every_public_page_type_passes_axe(page, live_server, demo, axe):
    urls = published_urls()
    failures = {}
    for name in PAGES:
        response = page.goto(f"{live_server.url}{urls[name]}")
        assert response.status == 200, name
        assert page.locator("main h1").count() == 1, name
        if violations := axe():
            failures[name] = violations
    assert failures == {}, describe(failures)


def test_the_public_menu_works_by_keyboard(page, live_server, demo):
    page.goto(live_server.url)
    page.keyboard.press("Tab")  # the skip link
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Ställningstaganden":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/positions/")
    assert page.locator("h1").inner_text() == "Ställningstaganden"
