import re

from playwright.sync_api import expect

from tests.browser.conftest import describe
from tests.conftest import PASSWORD


def test_home_page_in_chromium_is_swedish_and_accessible(page, live_server, demo, axe):
    page.goto(live_server.url + "/")

    expect(page).to_have_title(re.compile("SRO"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Det politiska samrådsorganet SRO")
    expect(page.get_by_role("heading", name="Kommande möten")).to_be_visible()
    for landmark in ("banner", "main", "contentinfo", "navigation"):
        expect(page.get_by_role(landmark).first).to_be_visible()

    violations = axe()
    assert violations == [], describe(violations)


def test_skip_link_is_first_on_tab_and_moves_focus_to_main(page, live_server, demo):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_admin_login_works_in_chromium(page, live_server, secretary, login):
    login("sekreterare", PASSWORD)

    expect(page.get_by_role("heading", name="Administration")).to_be_visible()
    expect(page.get_by_role("link", name="Möten").first).to_be_visible()


def test_admin_login_refuses_a_wrong_password_in_swedish(page, live_server, secretary, login):
    login("sekreterare", "fel-lösenord")

    expect(page.locator(".errornote")).to_contain_text("Ange användarnamn och lösenord")
    expect(page.get_by_label("Användarnamn")).to_have_value("sekreterare")


def test_the_new_staff_pages_pass_axe(page, live_server, demo, secretary, axe):
    """The people register, a person's page, the send page's checklist and the agenda's "Hämta punkter"."""
    import datetime

    from meetings.models import Meeting
    from members.models import Person
    from tests.browser.test_minutes_journey import log_in

    log_in(page, live_server.url, "sekreterare")
    meeting = Meeting.objects.get(date=datetime.date(2025, 4, 24))
    person = Person.objects.get(first_name="Marina", last_name="Johansson")
    for path in ("/staff/people/", "/staff/people/?on=2025-03-06", f"/staff/people/{person.pk}/",
                 f"/staff/meetings/{meeting.pk}/notice/send/", f"/staff/meetings/{meeting.pk}/items/copy/",
                 "/staff/plan/?year=2025", "/staff/archive/"):  # fmt: skip
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert axe() == [], path
