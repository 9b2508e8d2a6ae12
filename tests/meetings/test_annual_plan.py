"""The årshjul in SRO's two shapes: the coming meetings crossing the new year, and the quarters, each its own
table; any year can be recorded, past years too."""

import datetime

import pytest
from django.urls import reverse

from meetings.selectors.registers import annual_plan
from meetings.services.positions import plan_entry_add
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
    assert [c.heading for c in plan.tables[2].columns] == ["Kvartal 2 2031"]
    assert [e.label for c in plan.tables[2].columns for e in c.entries] == ["Länsgemensam strategi"]


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
