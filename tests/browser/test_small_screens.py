"""A phone keeps its screen: at 320 px the header (title and menu) takes a small part of it, on the public site and
on the staff pages; the staff menu fits one row on a laptop, its seldom-used entries under "Mer"."""

from playwright.sync_api import expect

from tests.browser.test_minutes_journey import log_in


def header_height(page) -> float:
    return page.locator("header.site-header").bounding_box()["height"]


def test_the_header_leaves_a_phone_its_screen(browser, live_server, demo, secretary):
    phone = browser.new_context(viewport={"width": 320, "height": 640}, locale="sv-SE").new_page()
    phone.goto(live_server.url + "/")
    assert header_height(phone) <= 100, header_height(phone)  # 252 px before
    # Every menu entry is still there, a sideways scroll away.
    expect(phone.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mina möten")).to_be_attached()
    log_in(phone, live_server.url, "sekreterare")
    assert header_height(phone) <= 100, header_height(phone)


def test_the_staff_menu_fits_one_row(browser, live_server, secretary):
    laptop = browser.new_context(viewport={"width": 1280, "height": 800}, locale="sv-SE").new_page()
    log_in(laptop, live_server.url, "sekreterare")
    items = laptop.get_by_role("navigation", name="Handläggarmeny").locator(":scope > ul > li")
    tops = {round(items.nth(i).bounding_box()["y"]) for i in range(items.count())}
    assert len(tops) == 1, tops
    laptop.get_by_role("button", name="Mer").click()
    expect(laptop.get_by_role("link", name="Bakgrundsarbete")).to_be_visible()
