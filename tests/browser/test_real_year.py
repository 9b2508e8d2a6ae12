"""SRO's real year in Chromium: several positions on one matter, a cancelled month handled per capsulam and a
chair's decision at a check-in meeting, read back word for word from the yearly compilation, page and PDF."""

import datetime
import io
import re

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings.models import Meeting, Minutes
from meetings.selectors import meeting_start
from meetings.services import minutes as minutes_services
from meetings.services.agenda import meeting_create
from members.models import Membership
from tests.browser.conftest import axe_on, describe, type_into_editor
from tests.browser.test_minutes_journey import log_in, save
from tests.conftest import PASSWORD
from tests.factories import BodyFactory, MembershipFactory, PersonFactory

BACK = "Det politiska samrådsorganet SRO ställer sig bakom att skicka förslaget på remiss."
AGREEMENTS_LEAD = "Det politiska samrådsorganet SRO rekommenderar huvudmännen att anta:"
AGREEMENTS = ["överenskommelsen om hjälpmedel", "överenskommelsen om läkemedel"]
TASK = "Det politiska samrådsorganet SRO ger VGR och Västkom i uppdrag att återrapportera i oktober."
CAPSULAM = "Det politiska samrådsorganet SRO ställer sig bakom remissvaret om vårdval rehab."
DECISION = "Genom ordförandebeslut ställer sig SRO bakom yttrandet om sjukresor."


@pytest.fixture
def year(db, secretary, chair):
    body = BodyFactory()
    helen = PersonFactory(first_name="Helén", last_name="Eliasson", user=chair, email="helen@example.se")
    MembershipFactory(body=body, person=helen, role=Membership.Role.CHAIR, start_date=datetime.date(2031, 1, 1),
                      end_date=None)  # fmt: skip
    at = {"start_time": datetime.time(13), "end_time": datetime.time(15), "by": secretary}
    return {
        "held": meeting_create(body=body, date=datetime.date(2031, 3, 12), **at),
        "cancelled": meeting_create(body=body, date=datetime.date(2031, 4, 23), **at),
        "check_in": meeting_create(body=body, date=datetime.date(2031, 6, 11), kind=Meeting.Kind.CHECK_IN, **at),
    }


def test_a_year_with_several_positions_a_cancelled_month_and_a_chairs_decision(browser, live_server, year, chair):
    page = browser.new_context(locale="sv-SE").new_page()
    log_in(page, live_server.url, "sekreterare")

    # An item with two proposed positions, the second a bulleted list.
    page.goto(f"{live_server.url}{year['held'].get_absolute_url()}")
    page.get_by_role("link", name="Lägg till punkt").click()
    page.get_by_label(re.compile(r"^\s*Rubrik")).fill("Hjälpmedel i samverkan")
    page.get_by_label(re.compile(r"^\s*Ärende")).fill("Hjälpmedel")
    type_into_editor(page, "#proposals-editor-1", BACK)
    page.locator("#proposals-editor-2").click()
    page.keyboard.type(AGREEMENTS_LEAD)
    page.keyboard.press("Enter")
    page.locator("#proposals-toolbar-2 [data-trix-attribute=bullet]").click()
    page.keyboard.type(AGREEMENTS[0])
    page.keyboard.press("Enter")
    type_into_editor(page, "#proposals-editor-2", AGREEMENTS[1])
    save(page)
    expect(page.get_by_text("Punkten lades till.", exact=False)).to_be_visible()
    assert (violations := axe_on(page)) == [], describe(violations)

    # The notes start with the proposals as the positions taken; a third is added with an assignment.
    page.goto(f"{live_server.url}{year['held'].get_absolute_url()}")
    page.get_by_role("button", name="Skriv minnesanteckningar").click()
    page.get_by_role("link", name=re.compile(r"\d\. Hjälpmedel i samverkan")).click()
    expect(page.locator("#positions-editor-1")).to_have_text(BACK)
    expect(page.locator("#positions-editor-2 li")).to_have_text(AGREEMENTS)
    type_into_editor(page, "#text-editor", "Beredningen presenterade läget.")
    type_into_editor(page, "#positions-editor-3", TASK)
    page.get_by_label(re.compile(r"^\s*Givet till")).fill("VGR och Västkom")
    page.locator("#id_assign-description").fill("Återrapportera i oktober.")
    page.get_by_role("button", name="Lägg till uppdrag").click()
    expect(page.get_by_text("Anteckningarna sparades och uppdraget lades till.")).to_be_visible()
    expect(page.locator("#text-editor")).to_have_text("Beredningen presenterade läget.")  # not lost
    expect(page.get_by_text("VGR och Västkom: Återrapportera i oktober.")).to_be_visible()
    assert (violations := axe_on(page)) == [], describe(violations)
    minutes = Minutes.objects.get(meeting=year["held"])
    with time_machine.travel(meeting_start(year["held"]) + datetime.timedelta(hours=3)):  # once it is held
        minutes_services.minutes_send_to_chair(minutes=minutes, by=None)
        minutes_services.minutes_approve(minutes=minutes, by=chair, password=PASSWORD)
        minutes_services.minutes_publish(minutes=minutes, by=None)

    # April is cancelled, and its matter handled per capsulam with the meeting.
    page.goto(f"{live_server.url}{year['cancelled'].get_absolute_url()}")
    page.get_by_role("link", name="Ställ in mötet").click()
    page.get_by_role("button", name="Ställ in mötet").click()
    expect(page.get_by_text("Mötet är inställt.", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Skicka kallelse")).to_have_count(0)
    page.get_by_role("link", name="Registrera ställningstagande per capsulam").click()
    page.get_by_label("Datum").fill("2031-04-28")
    page.get_by_label(re.compile(r"^\s*Ärende")).fill("Vårdval rehab")
    type_into_editor(page, "#text-editor", CAPSULAM)
    save(page)

    # The chair decides at the check-in meeting.
    page.goto(f"{live_server.url}{year['check_in'].get_absolute_url()}")
    page.get_by_role("link", name="Registrera ordförandebeslut").click()
    expect(page.get_by_label("Datum")).to_have_value("2031-06-11")
    page.get_by_label(re.compile(r"^\s*Ärende")).fill("Sjukresor")
    type_into_editor(page, "#text-editor", DECISION)
    save(page)

    # The public compilation lists every position word for word, in order, under SRO's headings.
    visitor = browser.new_context(locale="sv-SE").new_page()
    visitor.goto(f"{live_server.url}/positions/2031/")
    article = visitor.locator("article")
    text = " ".join(article.inner_text().split())
    expected = [
        "Ställningstaganden av SRO Mars 2031", "Hjälpmedel", BACK, AGREEMENTS_LEAD, *AGREEMENTS, TASK,
        "Ställningstaganden av SRO April 2031", "Mötet ställs in och dessa ärenden tas per capsulam.",
        "Vårdval rehab", "Per capsulam 28 april 2031", CAPSULAM,
        "Ställningstaganden av SRO Juni 2031", "Avstämningsmöte 11 juni 2031: ordförandebeslut", "Sjukresor", DECISION,
    ]  # fmt: skip
    positions = [text.index(part) for part in expected]
    assert positions == sorted(positions), text
    expect(article.locator("li")).to_have_text(AGREEMENTS)  # the list survives as a list
    assert (violations := axe_on(visitor)) == [], describe(violations)
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="Ladda ner PDF").click()
    reader = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    pdf = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    places = [pdf.index(part) for part in expected]
    assert places == sorted(places), pdf


@pytest.fixture
def plan_year(db, secretary):
    """A notice a week from now, and the meetings of next spring: the årshjul crosses the new year."""
    body = BodyFactory()
    today = timezone.localdate()
    at = {"start_time": datetime.time(13), "end_time": datetime.time(15), "by": secretary}
    return {
        "notice": meeting_create(body=body, date=today + datetime.timedelta(days=7), **at),
        "spring": [
            meeting_create(body=body, date=datetime.date(today.year + 1, 2, 4), **at),
            meeting_create(body=body, date=datetime.date(today.year + 1, 4, 22), **at),
        ],
        "next": today.year + 1,
    }


def test_both_shapes_of_the_arshjul_across_the_new_year(browser, live_server, plan_year):
    page = browser.new_context(locale="sv-SE").new_page()
    log_in(page, live_server.url, "sekreterare")
    page.goto(f"{live_server.url}/staff/plan/")
    for area in ("Vårdinformationsmiljö", "Uppföljning och analys"):
        page.get_by_label(re.compile(r"^\s*Nytt återkommande område")).fill(area)
        page.get_by_role("button", name="Lägg till området").click()
        expect(page.get_by_text(f"”{area}” är nu ett återkommande område i rutnätet.")).to_be_visible()
    year = plan_year["next"]
    entries = [
        {"area": "Vårdinformationsmiljö", "what": "Lägesbeskrivning", "meeting": plan_year["spring"][0]},
        {"matter": "Hälso- och sjukvårdsavtal", "what": "*Ställningstagande* till förslag",
         "meeting": plan_year["spring"][1]},
        {"area": "Vårdinformationsmiljö", "what": "Upphandling", "quarter": "3"},
    ]  # fmt: skip
    for entry in entries:
        if "area" in entry:
            page.locator("#id_plan-area").select_option(label=entry["area"])
        if "matter" in entry:
            page.get_by_label(re.compile(r"^\s*Ärende")).fill(entry["matter"])
        page.get_by_label(re.compile(r"^\s*Vad")).fill(entry["what"])
        if "meeting" in entry:
            page.get_by_label(re.compile(r"^\s*Möte")).select_option(value=str(entry["meeting"].pk))
        else:
            page.get_by_role("spinbutton", name="År").fill(str(year))
            page.get_by_label(re.compile(r"^\s*Kvartal")).select_option(entry["quarter"])
        page.get_by_role("button", name="Lägg till i årshjulet").click()
        expect(page.get_by_text("Ärendet planerades in.")).to_be_visible()

    # The notice of the meeting a week from now prints next year's plan in both shapes, each its own table.
    page.goto(f"{live_server.url}/staff/meetings/{plan_year['notice'].pk}/notice/")
    meetings_table = page.locator("table.annual-plan-meetings")
    expect(meetings_table.locator("th")).to_have_text([f"4 februari {year}", f"22 april {year}"])
    expect(meetings_table.locator("td")).to_have_text(
        ["Vårdinformationsmiljö: Lägesbeskrivning", "Hälso- och sjukvårdsavtal: Ställningstagande till förslag"]
    )
    expect(meetings_table.locator("em")).to_have_text("Ställningstagande")
    grid = page.locator("table.annual-plan-quarters")
    expect(grid.locator("caption")).to_have_text(f"Ärenden/områden per kvartal {year}")
    expect(grid.locator("th[scope=row]")).to_have_text(["Vårdinformationsmiljö", "Uppföljning och analys"])
    expect(grid.locator("tbody tr").first.locator("td")).to_have_text(["", "", "Upphandling", ""])
    expect(grid.locator("tbody tr").nth(1).locator("td")).to_have_text(["", "", "", ""])  # kept, though empty
    assert (violations := axe_on(page)) == [], describe(violations)

    # The notice's PDF, read back, holds both tables.
    response = page.request.get(f"{live_server.url}/staff/meetings/{plan_year['notice'].pk}/notice.pdf")
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages).split())
    for text in ("Vårdinformationsmiljö: Lägesbeskrivning", "Ställningstagande till förslag",
                 f"Ärenden/områden per kvartal {year}", "Uppföljning och analys", "Upphandling"):  # fmt: skip
        assert text in pdf, pdf
