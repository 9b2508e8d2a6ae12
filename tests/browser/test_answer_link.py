"""A party's answer link in Chromium: the registrar reports receipt and decision by keyboard, a kommunalförbund
reports for one of its members; each page passes axe, and a wrong link says so in Swedish."""

import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from recommendations.models import Answer, Channel, Dispatch, Principal
from recommendations.services import answer_token, recommendation_dispatch, recommendation_mark
from tests.browser.conftest import describe
from tests.recommendations.conftest import approved_notes


@pytest.fixture
def links(db, chair, secretary):
    """A sent recommendation, and the answer links of Borås and of Fyrbodal."""
    notes = approved_notes(chair, secretary)
    Principal.objects.filter(common_name="Borås").update(registrar_email="diarium@boras.se")
    Channel.objects.filter(short_name="Fyrbodal").update(registrar_email="diarie@fyrbodal.se")
    recommendation = recommendation_mark(position=notes["frozen"], by=secretary, title="Digitala hjälpmedel",
                                         decision_asked="att anta överenskommelsen",
                                         answer_by=datetime.date(2031, 12, 31))  # fmt: skip
    recommendation_dispatch(recommendation=recommendation, by=secretary, key="browser")
    key = Dispatch.objects.get().key
    boras = Principal.objects.get(common_name="Borås")
    fyrbodal = Channel.objects.get(short_name="Fyrbodal")
    return {"Borås": f"/answer/{answer_token(key=key, principal_id=boras.pk)}/",
            "Fyrbodal": f"/answer/{answer_token(key=key, channel_id=fyrbodal.pk)}/"}  # fmt: skip


@time_machine.travel(datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC), tick=True)
def test_a_registrar_reports_by_keyboard_and_a_kommunalforbund_for_a_member(page, live_server, links, axe):
    page.goto(live_server.url + links["Borås"])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Digitala hjälpmedel")
    violations = axe()
    assert violations == [], describe(violations)
    page.get_by_label("Diarienummer").fill("KS 2025/123")
    page.get_by_label("Mottaget den").fill("2025-05-02")
    page.get_by_label("Beslut", exact=True).select_option(label="Antagit")
    page.get_by_label("Beslutsdatum").fill("2025-09-01")
    page.get_by_label("Beslutat av").select_option(label="Kommunfullmäktige")
    page.get_by_role("button", name="Skicka rapporten").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Tack: rapporten för Borås är registrerad.")
    expect(page.locator("main")).to_contain_text("Antagit, 1 september 2025 (kommunfullmäktige)")

    page.goto(live_server.url + links["Fyrbodal"])
    expect(page.get_by_role("table")).to_contain_text("Uddevalla")
    violations = axe()
    assert violations == [], describe(violations)
    page.get_by_role("combobox", name="Kommun").select_option(label="Uddevalla")
    page.get_by_label("Mottaget den").fill("2025-05-05")
    page.get_by_label("Diarienummer").fill("KS 2025/77")
    page.get_by_role("button", name="Skicka rapporten").click()
    expect(page.get_by_role("status")).to_contain_text("Uddevalla")
    assert list(Answer.objects.order_by("pk").values_list("principal__common_name", "via")) == [
        ("Borås", "party_link"), ("Uddevalla", "channel_link")]  # fmt: skip

    response = page.goto(live_server.url + "/answer/inte-en-riktig-lank/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Svarslänken fungerar inte")
    violations = axe()
    assert violations == [], describe(violations)
