"""The årshjul of any year: every year's plan on the public page, a plan made in the autumn for the coming year
shown whole with the meetings it reaches in the year after, and SRO's third shape (meetings and quarters side by
side as the columns of one table) on the page and in the notice's PDF."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import AnnualPlanEntry, AnnualPlanShape
from meetings.selectors.plan import annual_plan_of_year
from meetings.services.plan import plan_shape_set
from meetings.services.positions import matter_for_title, plan_area_add, plan_entry_add
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_public_arshjul_shows_this_year_and_reaches_every_year_with_a_plan(demo, client):
    this_year = timezone.localdate().year
    page = client.get(reverse("public:plan")).content.decode()
    assert f"<h1>Årshjul {this_year}</h1>" in page
    assert f"Inget är planerat för {this_year}." in page
    # The demo's plan of 2025 (the notice of 6 March 2025, item 10) is a link away, and whole.
    assert 'href="/annual-plan/2025/"' in page
    page = text_of(client.get("/annual-plan/2025/").content.decode())
    assert "Årshjul 2025" in page
    for text in ("24 april 2025", "21 augusti 2025", "1 september 2025", "16 oktober 2025", "13 november 2025",
                 "Förstudie uppföljning god och nära vård: Delrapport",
                 "Förstudie uppföljning god och nära vård: Slutrapport",
                 "Processen för nytt hälso- och sjukvårdsavtal och lagreglerade överenskommelser: "
                 "Ställningstagande till förslag", "Styrelsen för logistik Hjälpmedelsförsörjning"):  # fmt: skip
        assert text in page, text
    # A year with no plan says so; an address that is no year is not found, never an error.
    assert "Inget är planerat för 2019." in client.get("/annual-plan/2019/").content.decode()
    for bad in ("abcd", "99999", "0999", "2025x", "-2025"):
        assert client.get(f"/annual-plan/{bad}/").status_code == 404, bad


@pytest.fixture
def autumn(secretary):
    """The meetings of 2031 and the first two of 2032, a plan for 2031 made in the autumn before."""
    dates = [datetime.date(2031, m, d) for m, d in ((2, 5), (3, 12), (4, 23), (6, 11), (9, 3), (11, 19))]
    dates += [datetime.date(2032, 1, 28), datetime.date(2032, 3, 10)]
    first = MeetingFactory(date=dates[0])
    return [first] + [MeetingFactory(body=first.body, date=day) for day in dates[1:]]


def test_a_plan_made_in_the_autumn_keeps_the_meetings_it_reaches_in_the_year_after(client, secretary, autumn):
    client.force_login(secretary)
    url = reverse("staff:plan") + "?year=2031"
    # Twelve cells, as the secretary enters them on the year's page: two at each of the first four meetings,
    # one at each of the other four, the last two in January and March 2032.
    cells = [(m, f"Punkt {i}") for i, m in enumerate([autumn[0], autumn[0], autumn[1], autumn[1], autumn[2],
                                                      autumn[2], autumn[3], autumn[3], *autumn[4:]])]  # fmt: skip
    for meeting, topic in cells:
        data = {"plan-matter_title": "", "plan-topic": topic, "plan-meeting": meeting.pk, "plan-year": "2031",
                "plan-quarter": ""}  # fmt: skip
        assert client.post(url, data).status_code == 302
    assert AnnualPlanEntry.objects.count() == 12
    staff_page = text_of(client.get(url).content.decode())
    public_page = text_of(client.get("/annual-plan/2031/").content.decode())
    for _meeting, topic in cells:
        assert topic in staff_page and topic in public_page, topic
    for day in ("28 januari 2032", "10 mars 2032"):
        assert day in staff_page and day in public_page
    plan = annual_plan_of_year(body=autumn[0].body, year=2031, public=True)
    assert sum(len(c.entries) for c in plan.columns) == 12
    assert plan.heading == "Årshjul 2031–2032"
    # The meetings of 2032 still show what is planned for them in 2032's own plan: nothing is hidden.
    later = annual_plan_of_year(body=autumn[0].body, year=2032, public=True)
    assert [e.topic for c in later.columns for e in c.entries] == ["Punkt 10", "Punkt 11"]


def test_the_third_shape_sets_meetings_and_quarters_side_by_side_on_the_page_and_in_the_pdf(client, secretary, autumn):
    body = autumn[0].body
    vim = plan_area_add(body=body, name="Vårdinformationsmiljö")
    plan_area_add(body=body, name="Uppföljning och analys")
    plan_entry_add(body=body, area=vim, topic="Lägesbeskrivning", meeting=autumn[1])
    plan_entry_add(body=body, area=vim, topic="Upphandling *inför beslut*", year=2031, quarter=3)
    plan_entry_add(body=body, matter=None, topic="Budgetdialog", meeting=autumn[4])
    agreement = matter_for_title(body=body, title="Hälso- och sjukvårdsavtal")
    plan_entry_add(body=body, matter=agreement, topic="Ställningstagande", meeting=autumn[2])
    plan_entry_add(body=body, matter=agreement, topic="Uppföljning", year=2031, quarter=4)
    client.force_login(secretary)
    response = client.post(reverse("staff:plan_shape"), {"year": "2031", "shape": "columns"})
    assert response.status_code == 302
    assert AnnualPlanShape.objects.get(body=body, year=2031).shape == "columns"

    plan = annual_plan_of_year(body=body, year=2031)
    assert [t.kind for t in plan.tables] == ["columns", "columns", "columns"]
    # Each quarter's column, then its meetings; whole quarters to a table while five columns fit (A4).
    assert [[c.heading for c in t.columns] for t in plan.tables] == [
        ["Q1 2031", "5 februari 2031", "12 mars 2031"],
        ["Q2 2031", "23 april 2031", "11 juni 2031", "Q3 2031", "3 september 2031"],
        ["Q4 2031", "19 november 2031"],
    ]
    first, middle, last = plan.tables
    rows = lambda table: [(r.heading, [[e.label for e in cell] for cell in r.cells]) for r in table.grid]  # noqa: E731
    assert rows(first) == [
        ("Vårdinformationsmiljö", [[], [], ["Vårdinformationsmiljö: Lägesbeskrivning"]]),
        ("Uppföljning och analys", [[], [], []]),  # an area in use is a row even when empty
    ]
    assert rows(middle) == [
        ("Vårdinformationsmiljö", [[], [], [], ["Vårdinformationsmiljö: Upphandling inför beslut"], []]),
        ("Uppföljning och analys", [[], [], [], [], []]),
        ("Hälso- och sjukvårdsavtal", [[], ["Hälso- och sjukvårdsavtal: Ställningstagande"], [], [], []]),
        ("Övrigt", [[], [], [], [], ["Budgetdialog"]]),  # what names neither area nor matter, last
    ]
    assert rows(last)[2] == ("Hälso- och sjukvårdsavtal", [["Hälso- och sjukvårdsavtal: Uppföljning"], []])

    page = client.get("/annual-plan/2031/").content.decode()
    assert page.count('class="annual-plan-table annual-plan-columns"') == 3
    assert "<caption>Möten och kvartal 2031</caption>" in page
    # In its own row the area or matter is not repeated: the cell says what is planned.
    assert "<td>Upphandling <em>inför beslut</em></td>" in page and "<td>Ställningstagande</td>" in page
    assert "annual-plan-meetings" not in page and "annual-plan-quarters" not in page

    # A notice of the autumn before prints the coming year's plan in the shape chosen for it.
    notice = MeetingFactory(body=body, date=datetime.date(2030, 11, 13))
    text = pdf_text(client.get(reverse("staff:notice_pdf", kwargs={"pk": notice.pk})).content)
    for part in ("Möten och kvartal 2031", "Q1 2031", "12 mars 2031", "Q3 2031", "Upphandling inför beslut",
                 "Vårdinformationsmiljö", "Hälso- och sjukvårdsavtal", "Ställningstagande",
                 "Budgetdialog"):  # fmt: skip
        assert part in text, part
    assert "Närmaste arbetsåret" not in text
    # Back to two tables: the choice is the secretary's, year by year.
    plan_shape_set(body=body, year=2031, shape="tables")
    assert [t.kind for t in annual_plan_of_year(body=body, year=2031).tables] == ["meetings", "meetings", "quarters"]


def test_a_shape_that_is_none_is_refused_in_swedish_and_changes_nothing(client, secretary, autumn):
    client.force_login(secretary)
    response = client.post(reverse("staff:plan_shape"), {"year": "2031", "shape": "cirkel"}, follow=True)
    assert "Välj en av formerna." in response.content.decode()
    assert not AnnualPlanShape.objects.exists()
    assert client.get(reverse("staff:plan_shape")).status_code == 405
