"""Issue #38's "Done when", in Chromium: the secretary marks a position of approved notes as a recommendation and
sends it; two municipalities answer through their links (one adopts, one with changes), a kommunalförbund answers
for a third, the secretary records a fourth from a protocol; the public page, the overview, the CSV and a
subscriber's alert all say so. A link answers for no other party and no other recommendation, and not after it
expires. The public pages pass axe, and the overview is used by keyboard."""

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from recommendations.models import Delivery, Principal, Recommendation
from tests.browser.conftest import axe_on, describe
from tests.conftest import PASSWORD
from tests.recommendations.conftest import approved_notes

TODAY = timezone.localdate()
ANSWER_BY = TODAY + datetime.timedelta(days=60)


@pytest.fixture
def setting(chair, secretary):
    notes = approved_notes(chair, secretary)
    for principal in Principal.objects.all():
        principal.registrar_email = f"diarium.{principal.pk}@example.se"
        principal.save()
    fyrbodal = Principal.objects.get(common_name="Uddevalla").group
    fyrbodal.registrar_email = "diarium@fyrbodal.example.se"
    fyrbodal.save()
    return notes


def link_to(mailoutbox, address, url) -> str:
    [message] = [m for m in mailoutbox if address in m.to]
    found = re.search(r"https?://\S+/answer/\S+/", message.body).group(0)
    return found.replace(settings.SITE_URL, url)


def party(name) -> Principal:
    return Principal.objects.get(common_name=name)


def report(page, *, outcome, decided_on, decided_by, url="", principal=None):
    if principal:
        page.locator("select[name=principal]").select_option(label=principal)
    page.locator("select[name=outcome]").select_option(label=outcome)
    page.locator("input[name=decided_on]").fill(decided_on)
    page.locator("select[name=decided_by]").select_option(label=decided_by)
    if url:
        page.locator("input[name=decision_url]").fill(url)


def test_a_recommendation_from_marking_to_what_everyone_sees(page, browser, live_server, setting, mailoutbox):
    url = live_server.url
    # A resident of Mölndal asks to be told when her municipality decides (double opt-in).
    visitor = browser.new_context(locale="sv-SE").new_page()
    visitor.goto(f"{url}/alerts/?party={party('Mölndal').pk}")
    visitor.locator("input[name=email]").fill("invanare@example.se")
    visitor.get_by_role("button", name="Bevaka").click()
    confirmation = next(m for m in mailoutbox if "invanare@example.se" in m.to)
    visitor.goto(re.search(r"https?://\S+/alerts/confirm/\S+/", confirmation.body).group(0).replace(
        settings.SITE_URL, url))  # fmt: skip
    visitor.get_by_role("button").first.click()

    # The secretary marks the position of the approved notes and sends it.
    page.goto(f"{url}/staff/login/")
    page.get_by_label("Användarnamn").fill("sekreterare")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{url}/staff/recommendations/mark/{setting['frozen'].pk}/")
    page.locator("input[name=title]").fill("Digitala hjälpmedel")
    page.locator("textarea[name=decision_asked]").fill("att anta överenskommelsen")
    page.locator("input[name=answer_by]").fill(ANSWER_BY.isoformat())
    page.get_by_role("button", name="Markera som rekommendation").click()
    recommendation = Recommendation.objects.get()
    page.goto(f"{url}/staff/recommendations/{recommendation.pk}/send/")
    page.get_by_role("button", name="Skicka till huvudmännen").click()
    expect(page.get_by_role("heading", name="Digitala hjälpmedel")).to_be_visible()

    # Ale adopts through its link; Borås adopts with changes through its own.
    ale = link_to(mailoutbox, f"diarium.{party('Ale').pk}@example.se", url)
    answering = browser.new_context(locale="sv-SE").new_page()
    answering.goto(ale)
    report(answering, outcome="Antagit", decided_on="2025-09-01", decided_by="Kommunfullmäktige",
           url="https://ale.example.se/protokoll/kf-2025-09-01")  # fmt: skip
    answering.get_by_role("button", name="Skicka rapporten").click()
    expect(answering.get_by_text("Tack: rapporten för").first).to_be_visible()
    answering.goto(link_to(mailoutbox, f"diarium.{party('Borås').pk}@example.se", url))
    report(answering, outcome="Antagit med ändringar", decided_on="2025-09-10", decided_by="Kommunstyrelsen")
    answering.get_by_role("button", name="Skicka rapporten").click()
    expect(answering.get_by_text("Tack: rapporten för").first).to_be_visible()

    # Fyrbodal answers for Uddevalla; its link offers its own members only.
    fyrbodal = link_to(mailoutbox, "diarium@fyrbodal.example.se", url)
    answering.goto(fyrbodal)
    offered = answering.locator("select[name=principal] option").all_inner_texts()
    assert "Uddevalla" in offered and "Ale" not in offered and "Mölndal" not in offered
    report(answering, outcome="Antagit", decided_on="2025-09-15", decided_by="Kommunfullmäktige",
           principal="Uddevalla")  # fmt: skip
    answering.get_by_role("button", name="Skicka rapporten").click()
    expect(answering.get_by_text("Tack: rapporten för").first).to_be_visible()

    # The secretary records Mölndal's decision from its protocol.
    page.goto(f"{url}/staff/recommendations/{recommendation.pk}/parties/{party('Mölndal').pk}/answer/")
    report(page, outcome="Antagit", decided_on="2025-09-20", decided_by="Kommunfullmäktige")
    page.get_by_role("button", name="Registrera").click()

    # The public page says it: the sentence, the table, the overview.
    visitor.goto(f"{url}/recommendations/")
    assert (violations := axe_on(visitor)) == [], describe(violations)
    visitor.get_by_role("link", name="Digitala hjälpmedel").click()
    expect(visitor.locator("#summary")).to_contain_text("4 av 49 kommuner har antagit, varav 1 med ändringar")
    assert (violations := axe_on(visitor)) == [], describe(violations)
    rows = {name: visitor.locator(f"#party-{party(name).pk}").locator("xpath=..") for name in
            ("Ale", "Borås", "Uddevalla", "Mölndal", "Hjo")}  # fmt: skip
    expect(rows["Ale"]).to_contain_text("Antagit")
    expect(rows["Ale"].get_by_role("link", name="Ale beslut")).to_have_attribute(
        "href", "https://ale.example.se/protokoll/kf-2025-09-01")  # fmt: skip
    expect(rows["Borås"]).to_contain_text("Antagit med ändringar")
    expect(rows["Uddevalla"]).to_contain_text("Rapporterat av Fyrbodalsregionen")
    expect(rows["Mölndal"]).to_contain_text("20 september 2025")
    expect(rows["Hjo"]).to_contain_text("Inte rapporterat")
    overview = visitor.locator("figure.rec-overview")
    expect(overview.get_by_role("link", name="Borås Antagit med ändringar")).to_be_visible()
    expect(overview.get_by_role("link", name="Hjo Inte rapporterat")).to_be_visible()

    # By keyboard: from the tile to its row in the table.
    tile = overview.get_by_role("link", name="Uddevalla Antagit")
    visitor.locator("#overview-caption").click()
    for _ in range(60):
        visitor.keyboard.press("Tab")
        if tile.evaluate("element => element === document.activeElement"):
            break
    expect(tile).to_be_focused()
    visitor.keyboard.press("Enter")
    expect(visitor).to_have_url(re.compile(rf"#party-{party('Uddevalla').pk}$"))
    expect(visitor.locator(f"#party-{party('Uddevalla').pk}")).to_be_in_viewport()

    # The CSV says the same.
    data = visitor.request.get(f"{url}/recommendations/{recommendation.pk}.csv").text()
    rows = {row["part"]: row for row in csv.DictReader(io.StringIO(data.lstrip("\ufeff")))}
    assert rows["Ale kommun"]["ställning"] == "Antagit"
    assert rows["Borås kommun"]["ställning"] == "Antagit med ändringar"
    assert rows["Uddevalla kommun"]["rapporterat_av"] == "Fyrbodalsregionen"
    assert rows["Mölndals kommun"]["beslutsdatum"] == "2025-09-20"

    # The subscriber was told of Mölndal's decision, and of nothing else.
    [alert] = [m for m in mailoutbox if "invanare@example.se" in m.to and m is not confirmation]
    assert "Mölndals kommun beslutade den 20 september 2025: antagit." in alert.body

    # Ale's link reports for Ale alone; Fyrbodal's cannot reach Ale, nor any other recommendation.
    answering.goto(f"{fyrbodal}?party={party('Ale').pk}")
    expect(answering.locator("select[name=principal]")).not_to_have_value(str(party("Ale").pk))
    response = answering.request.post(
        fyrbodal,
        form={
            "principal": str(party("Ale").pk),
            "outcome": "rejected",
            "decided_on": "2025-10-01",
            "decided_by": "kommunfullmaktige",
        },
    )
    assert response.status == 400 or response.status == 403  # refused: Ale is not Fyrbodal's member
    assert not recommendation.answers.filter(principal__common_name="Ale", outcome="rejected").exists()
    assert all(d.dispatch.recommendation_id == recommendation.pk for d in Delivery.objects.all())

    # After it expires, the link answers nothing.
    expires = Delivery.objects.get(principal__common_name="Ale").expires_at
    with time_machine.travel(expires + datetime.timedelta(minutes=1)):
        response = answering.request.get(ale)
        assert response.status == 404
        response = answering.request.post(ale, form={"outcome": "rejected", "decided_on": "2025-10-01"})
        assert response.status in (403, 404)
    assert recommendation.answers.filter(principal__common_name="Ale").count() == 1

    # The party's page, by "min kommun".
    visitor.goto(f"{url}/recommendations/")
    visitor.get_by_label("Min kommun").select_option(label="Mölndal")
    visitor.get_by_role("button", name="Visa").click()
    expect(visitor.get_by_role("heading", name="Vad Mölndals kommun beslutade")).to_be_visible()
    expect(visitor.locator("table")).to_contain_text("Antagit")
    assert (violations := axe_on(visitor)) == [], describe(violations)
