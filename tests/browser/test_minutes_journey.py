"""Secretary → chair → public: the notes of a held meeting, in Chromium, each person in a browser of their own."""

import datetime
import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings.models import Minutes
from meetings.services.agenda import meeting_create
from members.models import Membership
from tests.browser.conftest import axe_on, describe, type_into_editor
from tests.conftest import PASSWORD
from tests.factories import AgendaItemFactory, BodyFactory, MembershipFactory, PersonFactory

DAY = datetime.date(2026, 4, 24)


@pytest.fixture
def held_meeting(db, secretary, chair):
    body = BodyFactory()
    start = datetime.date(2026, 1, 1)
    helen = PersonFactory(first_name="Helén", last_name="Eliasson", user=chair, email="helen@example.se")
    MembershipFactory(body=body, person=helen, role=Membership.Role.CHAIR, start_date=start, end_date=None)
    magnus = PersonFactory(first_name="Magnus", last_name="Haggren")
    MembershipFactory(body=body, person=magnus, category=Membership.Category.OFFICIAL, start_date=start, end_date=None)
    PersonFactory(first_name="Helene", last_name="Nordling")
    meeting = meeting_create(
        body=body, date=DAY, start_time=datetime.time(13), end_time=datetime.time(15), by=secretary
    )
    AgendaItemFactory(meeting=meeting, order=10, title="Vårdval rehab", duration_minutes=20,
                      proposals=["<div>Det politiska samrådsorganet SRO noterar informationen.</div>"])  # fmt: skip
    return meeting


def log_in(page, url, username):
    page.goto(f"{url}/staff/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def save(page):
    """Press Spara; a refused save fails the test with what the page said, not with a timeout later."""
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Spara", exact=True).click()
    if answer.value.status != 302:
        page.wait_for_load_state()
        raise AssertionError(f"Save refused ({answer.value.status}): {page.locator('main').inner_text()[:600]}")


def test_secretary_writes_chair_returns_then_approves_secretary_publishes_public_reads(
    browser, live_server, held_meeting, mailoutbox
):
    secretary = browser.new_context(locale="sv-SE").new_page()
    log_in(secretary, live_server.url, "sekreterare")
    secretary.goto(f"{live_server.url}{held_meeting.get_absolute_url()}")
    secretary.get_by_role("button", name="Skriv minnesanteckningar").click()
    expect(secretary.get_by_text("Alla kallade är markerade som närvarande.")).to_be_visible()

    # Attendance: everyone present by default; mark the exception.
    secretary.get_by_role("link", name="Närvaro", exact=True).click()
    secretary.get_by_label("Närvaro för Magnus Haggren").select_option(label="Delvis närvarande")
    secretary.get_by_label("Anteckning om Magnus Haggren").fill("efter 13.30")
    secretary.get_by_label("Ersättare för Magnus Haggren").fill("Helene Nordling")
    secretary.get_by_role("button", name="Spara").click()
    expect(secretary.get_by_text("Närvaron sparades.")).to_be_visible()
    expect(secretary.get_by_text("Frånvarande: Magnus Haggren efter 13.30 (Helene Nordling ersätter).")).to_be_visible()

    # What was said on the item, a question and its answer; the proposal stands as the position.
    secretary.get_by_role("link", name=re.compile(r"\d\. Vårdval rehab")).click()
    expect(secretary.locator("#positions-editor-1")).to_have_text(
        "Det politiska samrådsorganet SRO noterar informationen."
    )
    type_into_editor(secretary, "#text-editor", "Ulrika Söderlund informerade om läget.")
    secretary.get_by_label("Fråga eller inspel").first.fill("När kommer remissen?")
    secretary.get_by_label("Svar").first.fill("I maj.")
    save(secretary)
    expect(secretary.get_by_text("Anteckningarna om ”Vårdval rehab” sparades.")).to_be_visible()
    assert (violations := axe_on(secretary)) == [], describe(violations)

    secretary.get_by_role("link", name="Skicka till ordföranden").click()
    secretary.get_by_role("button", name="Skicka till ordföranden").click()
    expect(secretary.get_by_text("Minnesanteckningarna skickades till ordföranden")).to_be_visible()
    assert mailoutbox[-1].to == ["helen@example.se"]
    review_link = re.search(r"http\S+/review/", mailoutbox[-1].body).group(0)

    # The chair follows the link in the mail, and sends the notes back with a comment.
    chair = browser.new_context(locale="sv-SE").new_page()
    log_in(chair, live_server.url, "ordforande")
    chair.goto(review_link.replace("http://127.0.0.1:8000", live_server.url))
    expect(chair.get_by_text("När kommer remissen?")).to_be_visible()
    assert (violations := axe_on(chair)) == [], describe(violations)
    chair.get_by_label("Vad ska ändras?").fill("Skriv ut vem som svarade.")
    chair.get_by_role("button", name="Skicka tillbaka till sekreteraren").click()
    expect(chair.get_by_text("Minnesanteckningarna skickades tillbaka till sekreteraren")).to_be_visible()

    # The secretary is told by e-mail, with the comment, and her start page says the notes wait for her.
    minutes_page = secretary.url
    returned = mailoutbox[-1]
    assert returned.to == ["sekreterare@example.se"] and "Skriv ut vem som svarade." in returned.body
    assert returned.subject == f"Minnesanteckningar tillbakaskickade: {held_meeting.body.short_name} 2026-04-24"
    secretary.goto(f"{live_server.url}/staff/")
    row = secretary.get_by_role("row").filter(has_text="24 april 2026")
    expect(row).to_contain_text("Återsänd av ordföranden")
    expect(row).to_contain_text(
        "Sekreteraren: ändra det ordföranden bad om och skicka igen (”Skriv ut vem som svarade.”)"
    )

    # The secretary sees the comment and fixes the answer.
    secretary.goto(minutes_page)
    expect(secretary.get_by_role("status").filter(has_text="Helén Eliasson skickade tillbaka")).to_contain_text(
        "Skriv ut vem som svarade."
    )
    secretary.get_by_role("link", name=re.compile(r"\d\. Vårdval rehab")).click()
    secretary.get_by_label("Svar").first.fill("Ulrika Söderlund: i maj.")
    save(secretary)
    secretary.get_by_role("link", name="Skicka till ordföranden").click()
    secretary.get_by_role("button", name="Skicka till ordföranden").click()

    # The chair approves, confirming with the password; a wrong one is refused and approves nothing.
    chair.get_by_role("link", name="Att godkänna").click()
    chair.get_by_role("link", name="Minnesanteckningar 24 april 2026").click()
    chair.get_by_label("Ditt lösenord, för att bekräfta").fill("fel lösenord")
    chair.get_by_role("button", name="Godkänn minnesanteckningarna").click()
    expect(chair.get_by_text("Lösenordet var fel. Minnesanteckningarna är inte godkända.")).to_be_visible()
    chair.get_by_label("Ditt lösenord, för att bekräfta").fill(PASSWORD)
    chair.get_by_role("button", name="Godkänn minnesanteckningarna").click()
    expect(chair.get_by_text("Du har godkänt minnesanteckningarna.")).to_be_visible()
    approved = mailoutbox[-1]
    assert (
        approved.to == ["sekreterare@example.se"] and "Helén Eliasson har godkänt minnesanteckningarna" in approved.body
    )
    secretary.goto(f"{live_server.url}/staff/")
    expect(secretary.get_by_role("row").filter(has_text="24 april 2026")).to_contain_text("Sekreteraren: publicera")

    # Not public before the secretary publishes.
    visitor = browser.new_context(locale="sv-SE").new_page()
    response = visitor.goto(f"{live_server.url}/meetings/{held_meeting.pk}/notes/")
    assert response.status == 404

    secretary.goto(minutes_page)
    secretary.get_by_role("link", name="Publicera").click()
    secretary.get_by_role("button", name="Publicera").click()
    expect(secretary.get_by_text("Minnesanteckningarna är publicerade på den publika webbplatsen.")).to_be_visible()

    # An anonymous visitor finds them from the home page, reads them, and downloads the stored PDF.
    visitor.goto(live_server.url)
    visitor.get_by_role("link", name="Minnesanteckningar 24 april 2026").click()
    expect(visitor.get_by_text("Ulrika Söderlund: i maj.")).to_be_visible()
    expect(visitor.get_by_text("Ställningstagande:")).to_be_visible()
    assert (violations := axe_on(visitor)) == [], describe(violations)
    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name="Ladda ner minnesanteckningarna som PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"Minnesanteckningar {held_meeting.body.short_name} 2026-04-24.pdf"
    pdf = Path(download.path()).read_bytes()
    version = Minutes.objects.get(meeting=held_meeting).versions.get()
    assert hashlib.sha256(pdf).hexdigest() == version.pdf_sha256
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(download.path()).pages).split())
    assert "Magnus Haggren efter 13.30 (Helene Nordling ersätter)" in text
    assert "Ulrika Söderlund informerade om läget." in text
    assert "Godkänd av Helén Eliasson den" in text
