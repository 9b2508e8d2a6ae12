"""The årshjul in SRO's two shapes: the coming meetings crossing the new year, and the quarters, each its own
table; any year can be recorded, past years too."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from meetings.models import AnnualPlanEntry, PlanArea
from meetings.selectors.registers import annual_plan
from meetings.services import ServiceError
from meetings.services.positions import plan_area_add, plan_area_retire, plan_entry_add
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_november_plan_crosses_the_new_year_and_keeps_quarters_in_a_table_of_their_own():
    november = MeetingFactory(date=datetime.date(2030, 11, 13))
    body = november.body
    dates = [datetime.date(2031, 2, 5), datetime.date(2031, 3, 12), datetime.date(2031, 4, 23),
             datetime.date(2031, 6, 11), datetime.date(2031, 9, 3), datetime.date(2031, 10, 15)]  # fmt: skip
    meetings = [MeetingFactory(body=body, date=day) for day in dates]
    plan_entry_add(body=body, topic="Budgetdialog", meeting=meetings[0])
    plan_entry_add(body=body, topic="Årsredovisning", meeting=meetings[5])
    plan_entry_add(body=body, topic="Länsgemensam strategi", year=2031, quarter=2)
    plan = annual_plan(body=body, after=november.date)
    assert plan.heading == "Årshjul 2031"
    assert [t.kind for t in plan.tables] == ["meetings", "meetings", "quarters"]
    # Five meetings to a table, so that each reads at A4 width; then the rest.
    assert plan.tables[0].columns[0].heading == "5 februari 2031"
    assert len(plan.tables[0].columns) == 5 and [c.heading for c in plan.tables[1].columns] == ["15 oktober 2031"]
    # The quarters of 2031 that the twelve months reach, as a grid; what has no area is under "Övrigt".
    grid = plan.tables[2]
    assert [c.heading for c in grid.columns] == ["Q1 2031", "Q2 2031", "Q3 2031", "Q4 2031"]
    assert [(row.heading, [[e.label for e in cell] for cell in row.cells]) for row in grid.grid] == [
        ("Övrigt", [[], ["Länsgemensam strategi"], [], []])
    ]


def test_the_grid_keeps_every_recurring_area_as_a_row_even_when_empty_and_prints_italics(client):
    meeting = MeetingFactory(date=datetime.date(2031, 4, 24))
    body = meeting.body
    vim = plan_area_add(body=body, name="Vårdinformationsmiljö")
    plan_area_add(body=body, name="Uppföljning och analys")
    old = plan_area_add(body=body, name="Färdplan")
    plan_entry_add(body=body, area=vim, topic="Lägesbeskrivning *inför beslut*", year=2031, quarter=3)
    plan_entry_add(body=body, area=old, topic="Fördjupad uppföljning", year=2031, quarter=4)
    plan_entry_add(body=body, area=vim, topic="Dialog", meeting=meeting)
    plan_area_retire(area=old)
    plan_area_retire(area=plan_area_add(body=body, name="Nedlagt"))
    with pytest.raises(ServiceError, match="finns redan som område"):
        plan_area_add(body=body, name="  vårdinformationsmiljö ")

    plan = annual_plan(body=body, after=datetime.date(2031, 1, 1), until=datetime.date(2031, 12, 31))
    meetings, grid = plan.tables
    # A meeting's cell reads "Area: topic"; in the area's own row the area is not repeated.
    assert (
        meetings.rows == [[meetings.columns[0].entries[0]]]
        and meetings.rows[0][0].label == "Vårdinformationsmiljö: Dialog"
    )
    rows = {row.heading: [[str(e.area_cell_html) for e in cell] for cell in row.cells] for row in grid.grid}
    # In order; the empty area kept; the retired one only because a plan names it; "Nedlagt" gone.
    assert list(rows) == ["Vårdinformationsmiljö", "Uppföljning och analys", "Färdplan"]
    assert rows["Vårdinformationsmiljö"] == [[], [], ["Lägesbeskrivning <em>inför beslut</em>"], []]
    assert rows["Uppföljning och analys"] == [[], [], [], []]

    html = render_to_string("includes/_annual_plan.html", {"annual_plan": plan})
    assert '<th scope="col">Ärenden/områden</th>' in html
    assert '<th scope="row">Uppföljning och analys</th><td></td><td></td><td></td><td></td>' in html
    assert "Lägesbeskrivning <em>inför beslut</em>" in html
    # Markup typed into the topic is text, not HTML.
    plan_entry_add(body=body, area=vim, topic="<script>x</script>", year=2031, quarter=1)
    plan = annual_plan(body=body, after=datetime.date(2031, 1, 1), until=datetime.date(2031, 12, 31))
    assert "<script>" not in render_to_string("includes/_annual_plan.html", {"annual_plan": plan})


def test_the_secretary_adds_and_retires_areas_and_plans_in_them(client, secretary):
    meeting = MeetingFactory(date=datetime.date(2031, 4, 24))
    client.force_login(secretary)
    response = client.post(reverse("staff:plan_area_add"), {"name": "Vårdinformationsmiljö"}, follow=True)
    assert "”Vårdinformationsmiljö” är nu ett återkommande område i rutnätet." in response.content.decode()
    response = client.post(reverse("staff:plan_area_add"), {"name": "   "}, follow=True)
    assert "Ange områdets namn." in response.content.decode()
    area = PlanArea.objects.get()
    url = reverse("staff:plan") + "?year=2031"
    response = client.post(url, {"plan-area": area.pk, "plan-year": "2031", "plan-quarter": "2"})
    assert response.status_code == 302
    assert AnnualPlanEntry.objects.get().area == area
    # Neither a matter, an area nor a topic: refused in Swedish, and the choices typed are kept.
    response = client.post(url, {"plan-meeting": meeting.pk, "plan-year": "2031"})
    assert response.status_code == 400
    assert "Ange ett ärende eller ett område, eller skriv vad som planeras." in response.content.decode()
    client.post(reverse("staff:plan_area_retire", kwargs={"pk": area.pk}))
    area.refresh_from_db()
    assert not area.active
    assert "Sluta använda" not in client.get(url).content.decode()
    assert "Vårdinformationsmiljö" in client.get(url).content.decode()  # still in the 2031 plan that names it


def test_last_years_plan_can_be_recorded_as_it_was(client, secretary):
    past = MeetingFactory(date=datetime.date(2023, 4, 19))
    client.force_login(secretary)
    url = reverse("staff:plan") + "?year=2023"
    form = client.get(url).context["form"]
    assert past in form.fields["meeting"].queryset
    response = client.post(url, {"plan-topic": "Uppföljning", "plan-meeting": past.pk, "plan-year": "2023"})
    assert response.status_code == 302 and response.url == url
    page = client.get(url).content.decode()
    assert "19 april 2023" in page and "Uppföljning" in page
    assert client.get(reverse("staff:plan") + "?year=99999").status_code == 200
