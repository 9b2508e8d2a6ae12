"""The secretary's whole journey with the notice, in Chromium."""

import datetime
import io
import re
import time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import expect
from pypdf import PdfReader
from weasyprint import HTML

from tests.browser.conftest import describe
from tests.conftest import PASSWORD
from tests.factories import BodyFactory, MembershipFactory, PersonFactory


@pytest.fixture
def body_with_members(db):
    body = BodyFactory()
    for first, last, email in [("Helén", "Eliasson", "helen@example.se"), ("Marina", "Johansson", "marina@example.se")]:
        person = PersonFactory(first_name=first, last_name=last, email=email)
        MembershipFactory(body=body, person=person, start_date=datetime.date(2025, 1, 1), end_date=None)
    return body


def add_item(page, title, minutes):
    page.get_by_role("link", name="Lägg till punkt").click()
    page.get_by_label("Rubrik").fill(title)
    page.get_by_label("Längd (minuter)").fill(str(minutes))
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Punkten lades till.")).to_be_visible()  # back on the agenda: presenters and files
    expect(page.get_by_role("link", name="Lägg till punkt")).to_be_visible()  # go in with the item's own form


def times_of(page, title):
    row = page.locator(".agenda-row", has=page.get_by_role("link", name=title, exact=True))
    return row.locator(".agenda-time").inner_text()


def assert_times_follow_the_order(page, order, minutes=None):
    """The items run back to back from 13.05, in the order shown."""
    minutes = minutes or {"Punkt A": 20, "Punkt B": 10, "Punkt C": 15}
    clock = datetime.datetime(2030, 4, 24, 13, 5)
    for title in order:
        end = clock + datetime.timedelta(minutes=minutes[title])
        assert times_of(page, title) == f"kl. {clock:%H.%M} – {end:%H.%M}", (title, order)
        clock = end


def settled_order(page, timeout=5.0):
    """The items' order once their times follow it (a drag can send more than one save, answered in turn)."""
    deadline = time.monotonic() + timeout
    while True:
        order = [t for t in page.locator(".agenda-row a.fw-semibold").all_inner_texts() if t.startswith("Punkt")]
        try:
            assert_times_follow_the_order(page, order)
            return order
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            page.wait_for_timeout(100)


def test_secretary_drafts_previews_downloads_and_sends_a_notice(
    page, live_server, secretary, body_with_members, mailoutbox, tmp_path, axe
):
    # axe reads the colours at rest: a button swapped in under the pointer is otherwise caught halfway through
    # Bootstrap's hover transition (0.15 s), whose in-between colours no reader ever stops at.
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("Användarnamn").fill("sekreterare")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Möten", level=1)).to_be_visible()

    # A new meeting, with the standing items.
    page.get_by_role("link", name="Nytt möte").first.click()
    page.get_by_label("Datum").fill("2030-04-24")
    page.get_by_label("Starttid").fill("13:00")
    page.get_by_label("Sluttid").fill("15:00")
    page.get_by_label("Plats").fill("Regionens hus, Vänersborg")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name="Möte 24 april 2030")).to_be_visible()
    expect(page.get_by_role("link", name="Föregående mötesanteckning", exact=True)).to_be_visible()
    assert axe() == [], describe(axe())

    # Three items; opening takes 13.00–13.05.
    add_item(page, "Punkt A", 20)
    add_item(page, "Punkt B", 10)
    add_item(page, "Punkt C", 15)
    assert times_of(page, "Punkt A") == "kl. 13.05 – 13.25"
    assert times_of(page, "Punkt C") == "kl. 13.35 – 13.50"

    # Reorder by keyboard: C moves up above B and the times follow, without reloading the page.
    page.get_by_role("button", name="Flytta upp Punkt C").focus()
    page.keyboard.press("Enter")
    expect(
        page.locator(".agenda-row", has=page.get_by_role("link", name="Punkt C", exact=True)).locator(".agenda-time")
    ).to_have_text("kl. 13.25 – 13.40")
    assert times_of(page, "Punkt B") == "kl. 13.40 – 13.50"
    expect(page.get_by_role("button", name="Flytta upp Punkt C")).to_be_focused()

    # Reorder by drag and drop: A is dragged down below the others; the times follow the new order.
    handle_a = page.locator(".agenda-row", has=page.get_by_role("link", name="Punkt A", exact=True)).locator(
        ".drag-handle"
    )
    target = page.locator(".agenda-row").last.bounding_box()
    handle_a.hover()
    page.mouse.down()
    page.mouse.move(target["x"] + 20, target["y"] + target["height"] * 0.5, steps=10)
    page.mouse.move(target["x"] + 20, target["y"] + target["height"] + 10, steps=10)
    with page.expect_response(lambda response: "/agenda/reorder/" in response.url):
        page.mouse.up()
    # The agenda is swapped in from the server once the new order is saved; wait until the page is settled.
    order = settled_order(page)
    assert order.index("Punkt A") > 0
    assert_times_follow_the_order(page, order)

    # The duration edited inline moves the times of what follows.
    page.get_by_label("Minuter – Punkt C").fill("25")
    with page.expect_response(lambda response: "/duration/" in response.url):
        page.get_by_label("Minuter – Punkt C").press("Tab")
    start = datetime.datetime(2030, 4, 24, 13, 5) + datetime.timedelta(
        minutes=sum({"Punkt A": 20, "Punkt B": 10}.get(t, 0) for t in order[: order.index("Punkt C")])
    )
    end = start + datetime.timedelta(minutes=25)
    expect(
        page.locator(".agenda-row", has=page.get_by_role("link", name="Punkt C", exact=True)).locator(".agenda-time")
    ).to_have_text(f"kl. {start:%H.%M} – {end:%H.%M}")
    assert_times_follow_the_order(page, order, minutes={"Punkt A": 20, "Punkt B": 10, "Punkt C": 25})

    # An attachment: a fake PDF is refused with a reason, a real one is kept.
    page.get_by_role("link", name="Punkt C", exact=True).click()
    fake = tmp_path / "beslutsunderlag.pdf"
    fake.write_bytes(b"GIF89a not a pdf at all")
    page.get_by_label("Fil").set_input_files(str(fake))
    page.evaluate("window.stillThisPage = true")  # gone if the page were loaded again
    page.get_by_role("button", name="Ladda upp").click()
    expect(page.get_by_text("”beslutsunderlag.pdf” är inte en PDF- eller Office-fil")).to_be_visible()
    real = tmp_path / "Beslutsunderlag Punkt C.pdf"
    real.write_bytes(HTML(string="<p>Underlag</p>").write_pdf())
    page.get_by_label("Fil").set_input_files(str(real))
    page.get_by_role("button", name="Ladda upp").click()
    expect(page.get_by_text("Bilagan lades till.")).to_be_visible()
    expect(page.get_by_role("link", name="Beslutsunderlag Punkt C.pdf")).to_be_visible()
    # Saved in place (htmx): the same page, still scrolled down to the attachments, not reloaded at its top.
    assert page.evaluate("window.stillThisPage") is True
    assert page.evaluate("window.scrollY") > 0
    assert axe() == [], describe(axe())
    page.get_by_role("link", name="Tillbaka till dagordningen").click()

    # Preview.
    page.get_by_role("link", name="Förhandsgranska kallelse").click()
    expect(page.get_by_role("heading", name="Kallelse SRO")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\(25 minuter, kl\. 13\.\d\d – 1\d\.\d\d\)"))).to_be_visible()
    expect(page.get_by_text("Beslutsunderlag Punkt C.pdf")).to_be_visible()
    assert axe() == [], describe(axe())

    # Download the PDF.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner PDF").click()
    download = download_info.value
    assert download.suggested_filename == "Kallelse SRO 2030-04-24.pdf"
    text = " ".join(PdfReader(download.path()).pages[0].extract_text().split())
    assert "Kallelse SRO" in text and "Regionens hus, Vänersborg" in text

    # Send it.
    page.get_by_role("link", name="Skicka kallelse").click()
    expect(page.get_by_text("Helén Eliasson <helen@example.se>")).to_be_visible()
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_text("Kallelsen (version 1) skickades till 2 mottagare.")).to_be_visible()
    expect(page.get_by_text(re.compile("Kallelse: Skickad"))).to_be_visible()

    assert sorted(m.to[0] for m in mailoutbox) == [
        "Helén Eliasson <helen@example.se>",
        "Marina Johansson <marina@example.se>",
    ]
    names = [a[0] for a in mailoutbox[0].attachments]
    assert names == ["Kallelse SRO 2030-04-24.pdf", "kallelse.ics"]
    event = Calendar.from_ical(mailoutbox[0].attachments[1][1]).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime.datetime(2030, 4, 24, 13, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    mailed = PdfReader(io.BytesIO(mailoutbox[0].attachments[0][1]))
    mailed_text = " ".join(" ".join(page.extract_text() for page in mailed.pages).split())
    assert re.search(r"\d\. Punkt C Information \(25 minuter, kl\. 13\.\d\d – 1\d\.\d\d\)", mailed_text), mailed_text
    assert "Beslutsunderlag Punkt C.pdf" in mailed_text
