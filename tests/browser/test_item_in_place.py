"""The item form's presenters, added and removed in place: the page is never loaded again, the secretary stays where
she was on it, and what she typed in the item's other fields is saved with the presenter, not lost."""

import datetime

from playwright.sync_api import expect

from meetings.models import AgendaItem
from tests.browser.conftest import axe_on, describe
from tests.browser.test_minutes_journey import log_in
from tests.factories import MeetingFactory, OrganisationFactory, PersonFactory


def test_a_guest_presenter_is_added_and_removed_without_leaving_the_place(page, live_server, secretary):
    meeting = MeetingFactory(date=datetime.date(2031, 5, 22))
    item = AgendaItem.objects.create(meeting=meeting, order=9, kind="information", title="Sjukresor")
    PersonFactory(first_name="Ulrika", last_name="Söderlund", organisation=OrganisationFactory(name="VGR"))
    log_in(page, live_server.url, "sekreterare")
    page.goto(f"{live_server.url}/staff/items/{item.pk}/")
    page.evaluate("window.stillThisPage = true")  # gone if the page were loaded again

    page.get_by_label("Rubrik").fill("Sjukresor i regionen")
    page.locator("#id_guest-first_name").fill("Sara")
    page.locator("#id_guest-last_name").fill("Nyström")
    page.locator("#id_guest-new_organisation").fill("Resecentrum Väst AB")
    page.get_by_role("button", name="Lägg till gäst som föredragande").click()
    expect(page.locator("#item-form-status")).to_contain_text("Sara Nyström är föredragande för punkten.")
    expect(page.locator("#presenter-list")).to_contain_text("Sara Nyström")
    assert page.evaluate("window.stillThisPage") is True
    assert page.evaluate("window.scrollY") > 0
    expect(page.get_by_label("Rubrik")).to_have_value("Sjukresor i regionen")  # saved with it
    assert (violations := axe_on(page)) == [], describe(violations)

    page.get_by_role("button", name="Ta bort Sara Nyström").click()
    expect(page.locator("#item-form-status")).to_contain_text("Sara Nyström är inte längre föredragande för punkten.")
    expect(page.locator("#presenter-list")).not_to_contain_text("Sara Nyström")
    assert page.evaluate("window.stillThisPage") is True
    item.refresh_from_db()
    assert item.title == "Sjukresor i regionen" and not item.presenters.exists()

    # The item is saved once more as usual: its lock version followed the saves in place, so nothing conflicts.
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Punkten sparades.")).to_be_visible()
