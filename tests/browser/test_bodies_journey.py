"""A second body beside SRO, in Chromium: its own secretary drafts, sends and publishes a notice; its public
section shows it; SRO's secretary cannot open it, and its secretary cannot open SRO's."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting
from meetings.roles import grant
from tests.browser.conftest import axe_on, describe
from tests.browser.test_minutes_journey import log_in
from tests.factories import BodyFactory, MeetingFactory, MembershipFactory, PersonFactory, UserFactory


@pytest.fixture
def group(db, secretary):
    """SRO with a meeting of its own, and "Gemensam beredning" with a member and a secretary of its own."""
    sro_meeting = MeetingFactory(body=BodyFactory(), date=datetime.date(2030, 5, 20))
    body = BodyFactory(short_name="GB", name="Gemensam beredning", subtitle="Bereder ärenden inför SRO")
    member = PersonFactory(first_name="Ann-Sofie", last_name="Rundberg", email="ann-sofie@example.se")
    MembershipFactory(body=body, person=member, start_date=datetime.date(2030, 1, 1), end_date=None)
    grant(UserFactory(username="sekreterare-gb", is_staff=True), body, "secretary")
    return {"body": body, "sro_meeting": sro_meeting}


def test_a_second_bodys_secretary_runs_her_meeting_beside_sro(browser, live_server, group, mailoutbox):
    page = browser.new_context(locale="sv-SE").new_page()
    log_in(page, live_server.url, "sekreterare-gb")
    expect(page.get_by_text("Gemensam beredning", exact=True)).to_be_visible()

    page.get_by_role("link", name="Nytt möte").first.click()
    page.get_by_label("Datum").fill("2030-06-12")
    page.get_by_label("Starttid").fill("09:00")
    page.get_by_label("Sluttid").fill("11:00")
    page.get_by_label("Plats").fill("Regionens hus, Göteborg")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name="Möte 12 juni 2030")).to_be_visible()
    meeting = Meeting.objects.get(date=datetime.date(2030, 6, 12))
    assert meeting.body == group["body"]

    page.get_by_role("link", name="Skicka kallelse").click()
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_text("Kallelsen (version 1) skickades till 1 mottagare.")).to_be_visible()
    assert [m.to[0] for m in mailoutbox] == ["Ann-Sofie Rundberg <ann-sofie@example.se>"]
    assert "GB" in mailoutbox[0].subject
    page.get_by_role("link", name="Publicera kallelse").click()
    page.get_by_role("button", name="Publicera").click()
    expect(page.get_by_text("Kallelsen är publicerad på den publika webbplatsen.")).to_be_visible()

    # SRO's meeting does not exist for her.
    answer = page.goto(f"{live_server.url}/staff/meetings/{group['sro_meeting'].pk}/")
    assert answer.status == 404

    # The public reads it in the group's own section, not in SRO's.
    reader = browser.new_context(locale="sv-SE").new_page()
    reader.goto(f"{live_server.url}/bodies/")
    assert axe_on(reader) == [], describe(axe_on(reader))
    reader.get_by_role("link", name="Gemensam beredning").click()
    expect(reader).to_have_url(f"{live_server.url}/gb/")
    expect(reader.get_by_text("12 juni 2030")).to_be_visible()
    assert axe_on(reader) == [], describe(axe_on(reader))
    reader.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Möten", exact=True).click()
    expect(reader).to_have_url(re.compile(r"/gb/meetings/$"))
    reader.get_by_role("link", name=re.compile("12 juni 2030")).click()
    expect(reader.get_by_role("heading", level=1)).to_contain_text("12 juni 2030")
    reader.goto(f"{live_server.url}/meetings/?year=2030")
    expect(reader.get_by_role("link", name=re.compile("12 juni 2030"))).to_have_count(0)

    # And SRO's secretary cannot open the group's meeting.
    sro = browser.new_context(locale="sv-SE").new_page()
    log_in(sro, live_server.url, "sekreterare")
    assert sro.goto(f"{live_server.url}/staff/meetings/{meeting.pk}/").status == 404
