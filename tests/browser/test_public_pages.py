"""Every public page type, as an anonymous visitor in Chromium: axe-core finds no violation."""

import hashlib
import re
from pathlib import Path

from playwright.sync_api import expect

from meetings.models import MinutesVersion
from tests.browser.conftest import describe
from tests.test_public_pages import published_urls

PAGES = ["home", "meetings", "meeting", "minutes", "positions", "compilation", "matters", "matter", "plan", "plan_year",
         "members", "search", "api_docs", "accessibility"]  # fmt: skip


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
    # The focused menu link carries the site's ring (WCAG 2.4.7), not Bootstrap's faint box on the teal bar.
    ring = page.evaluate("(({outlineStyle, outlineWidth, outlineColor}) => [outlineStyle, outlineWidth, outlineColor])"
                         "(getComputedStyle(document.activeElement))")  # fmt: skip
    assert ring == ["solid", "3px", "rgb(255, 191, 71)"]
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/positions/")
    assert page.locator("h1").inner_text() == "Ställningstaganden"


def test_a_visitor_searches_from_the_home_page_reads_the_notes_and_downloads_the_pdf(page, live_server, demo, axe):
    page.goto(live_server.url)
    page.get_by_label("Sök efter").fill("Göteborgsregionen")
    page.get_by_role("button", name="Sök").click()
    page.wait_for_url(re.compile(r"/search/\?q=G"))
    hit = page.get_by_role("link", name="Minnesanteckningar 19 oktober 2022")
    assert page.locator("mark", has_text="Göteborgsregionen").count() >= 1
    assert axe() == []
    hit.click()
    page.wait_for_url(re.compile(r"/meetings/\d+/notes/$"))
    assert page.locator("h1").inner_text() == "Mötesanteckning SRO"  # as the real notes are headed
    assert "samtal med kommunerna i Göteborgsregionen" in page.locator("main").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("PDF")).first.click()
    download = download_info.value
    pdf = Path(download.path()).read_bytes()
    version = MinutesVersion.objects.get(minutes__meeting__date="2022-10-19")
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == version.pdf_sha256


def test_the_alert_pages_pass_axe_and_say_what_happens(page, live_server, demo, axe):
    from alerts.models import Subscription

    page.goto(f"{live_server.url}/alerts/")
    assert axe() == []
    page.get_by_label("Din e-postadress").fill("anna@example.se")
    page.get_by_label("Ett ärende").check()
    page.get_by_role("button", name="Bevaka").click()
    assert "Välj det ärende du vill bevaka." in page.locator("main").inner_text()  # kept: the address typed
    assert page.get_by_label("Din e-postadress").input_value() == "anna@example.se"
    assert axe() == []
    page.get_by_label("Nya publicerade minnesanteckningar").check()
    page.get_by_role("button", name="Bevaka").click()
    assert page.locator("h1").inner_text() == "Titta i din e-post"
    token = Subscription.objects.get(email="anna@example.se").token
    for path in (f"/alerts/confirm/{token}/", f"/alerts/unsubscribe/{token}/"):
        page.goto(f"{live_server.url}{path}")
        assert axe() == [], path


def test_checking_a_document_in_the_browser_passes_axe_and_answers_in_swedish(page, live_server, demo, axe, tmp_path):
    """The notes page links "Kontrollera"; a copy of the PDF is checked; a changed copy is not the record."""
    version = MinutesVersion.objects.get(minutes__meeting__date="2022-10-19")
    page.goto(f"{live_server.url}/meetings/{version.minutes.meeting_id}/notes/")
    page.get_by_role("link", name="Kontrollera ett dokument du har").click()
    expect(page.get_by_role("heading", name="Kontrollera ett dokument", level=1)).to_be_visible()
    assert axe() == []
    copy = tmp_path / "kopia.pdf"
    with version.pdf.open("rb") as stored:
        copy.write_bytes(stored.read())
    page.get_by_label("PDF-filen").set_input_files(str(copy))
    page.get_by_role("button", name="Kontrollera", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Det här är en godkänd och publicerad version")
    expect(page.get_by_role("status")).to_contain_text("Filen har inget elektroniskt sigill.")  # the suite's demo
    assert axe() == []
    changed = tmp_path / "ändrad.pdf"
    changed.write_bytes(copy.read_bytes() + b"\n% added later\n")
    page.get_by_label("PDF-filen").set_input_files(str(changed))
    page.get_by_role("button", name="Kontrollera", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Det här är inte ett av portalens dokument")
    page.get_by_label("eller dess SHA-256").fill("inte en hash")
    page.get_by_role("button", name="Kontrollera", exact=True).click()
    expect(page.get_by_text("En SHA-256 är 64 tecken, 0–9 och a–f.")).to_be_visible()
    assert page.get_by_label("eller dess SHA-256").input_value() == "inte en hash"
    assert axe() == []


def test_a_notice_reads_on_a_phone_its_annual_plan_scrolling_sideways_and_nothing_wider_than_the_screen(
    page, live_server, demo, axe
):
    """At a phone's width the annual plan's columns keep a readable width (the table scrolls within the document,
    a browser lets the keyboard scroll it), the page itself never scrolls sideways, and axe finds nothing; at
    320 px no public page scrolls sideways (WCAG 1.4.10)."""
    urls = published_urls()
    page.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    for name in PAGES:
        page.goto(f"{live_server.url}{urls[name]}")
        if (widths := page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))[0] > widths[1]:
            wide[name] = widths
    assert wide == {}
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{urls['meeting']}")
    plan = page.locator(".annual-plan-table").first
    expect(plan).to_be_visible()
    widths = page.evaluate("""() => ({page: document.documentElement.scrollWidth, screen: window.innerWidth,
        plan: document.querySelector('.annual-plan-table').getBoundingClientRect().width,
        cell: document.querySelector('.annual-plan-table td').getBoundingClientRect().width})""")
    assert widths["page"] <= widths["screen"], widths
    assert widths["plan"] > widths["screen"] and widths["cell"] >= 100, widths  # not a word broken letter by letter
    assert axe() == []
    region = page.get_by_role("region", name="Årshjul 2025")
    region.focus()
    for _ in range(20):  # the browser scrolls smoothly: a moment for it (no eval under the CSP)
        page.keyboard.press("ArrowRight")
        if page.evaluate("document.querySelector('.annual-plan').scrollLeft") > 0:
            break
        page.wait_for_timeout(50)
    assert page.evaluate("document.querySelector('.annual-plan').scrollLeft") > 0
