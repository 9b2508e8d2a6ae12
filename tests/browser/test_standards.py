"""What axe-core found once and the Nu Html Checker cannot see: contrast on the agenda's break card, the level-one
heading of a generated meeting's notes, and the rich-text editor named by its label once Trix has taken it over."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meetings.demo.bulk import generate
from meetings.models import AgendaItem, Minutes
from tests.browser.conftest import describe
from tests.conftest import PASSWORD
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory


@pytest.fixture
def meeting_with_a_break(db):
    meeting = MeetingFactory(body=BodyFactory(), date=datetime.date(2030, 4, 24))
    AgendaItemFactory(meeting=meeting, title="Punkt A")
    AgendaItemFactory(meeting=meeting, title="Paus", kind=AgendaItem.Kind.BREAK, duration_minutes=15)
    AgendaItemFactory(meeting=meeting, title="Punkt B")
    return meeting


def test_the_agenda_with_a_break_and_the_item_editor_pass_axe(page, live_server, login, secretary, meeting_with_a_break,
                                                               axe):  # fmt: skip
    login(secretary.username, PASSWORD)
    page.goto(live_server.url + reverse("staff:meeting", kwargs={"pk": meeting_with_a_break.pk}))
    expect(page.locator(".agenda-break").get_by_role("link", name="Ta bort")).to_be_visible()
    assert (violations := axe()) == [], describe(violations)

    page.get_by_role("link", name="Punkt A", exact=True).click()
    editor = page.get_by_role("textbox", name="Text")
    expect(editor).to_be_visible()
    assert editor.evaluate("e => e.tagName") == "TRIX-EDITOR"
    assert (violations := axe()) == [], describe(violations)


def test_a_generated_meetings_notes_page_has_its_level_one_heading(page, live_server, axe, db):
    generate(body=BodyFactory(), years=1, first_year=2015)
    meeting = Minutes.objects.filter(meeting__date__year=2015).first().meeting
    page.goto(live_server.url + reverse("public:minutes", kwargs={"pk": meeting.pk}))
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert (violations := axe()) == [], describe(violations)
