"""Drafting the agenda from the previous meeting's recurring items and from the annual plan's entries."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, AnnualPlanEntry, Matter, Meeting
from meetings.services import ServiceError
from meetings.services.agenda import agenda_items_copy, meeting_create, presenter_add, previous_meeting
from meetings.services.minutes import minutes_start
from tests.factories import AgendaItemFactory, BodyFactory, PersonFactory

pytestmark = pytest.mark.django_db

NOTED = "<div>Det politiska samrådsorganet SRO noterar informationen.</div>"
DECIDED = "<div>Det politiska samrådsorganet SRO ställer sig bakom förslaget.</div>"


@pytest.fixture
def meetings(db):
    body = BodyFactory()
    times = {"start_time": datetime.time(13), "end_time": datetime.time(15)}
    earlier = meeting_create(body=body, date=datetime.date(2031, 2, 6), **times)
    cancelled = meeting_create(body=body, date=datetime.date(2031, 3, 6), **times)
    Meeting.objects.filter(pk=cancelled.pk).update(status=Meeting.Status.CANCELLED)
    meeting = meeting_create(body=body, date=datetime.date(2031, 4, 24), **times)
    current = Matter.objects.create(body=body, title="Aktuellt")
    info = AgendaItemFactory(meeting=earlier, order=4, title="Information från VGR och Västkom", duration_minutes=15,
                             proposals=[NOTED, DECIDED], matter=current)  # fmt: skip
    presenter_add(item=info, person=PersonFactory(first_name="Karin", last_name="Looström Muth"), description="VGR")
    AgendaItemFactory(meeting=earlier, parent=info, order=1, title="Från Västkom", proposals=[])
    AgendaItemFactory(meeting=earlier, order=5, title="Läkemedel", proposals=[DECIDED])
    vard = Matter.objects.create(body=body, title="Vårdinformationsmiljö")
    AnnualPlanEntry.objects.create(body=body, meeting=meeting, matter=vard, topic="Lägesbeskrivning", order=1)
    AnnualPlanEntry.objects.create(body=body, meeting=meeting, topic="Heldag", order=2)
    return earlier, meeting


def test_the_previous_meeting_skips_a_cancelled_one(meetings):
    earlier, meeting = meetings
    assert previous_meeting(meeting) == earlier


def test_a_recurring_item_is_copied_with_its_presenters_and_sub_items_but_not_its_decisions(meetings):
    earlier, meeting = meetings
    info = earlier.agenda_items.get(title="Information från VGR och Västkom")
    entries = list(meeting.annual_plan_entries.order_by("order"))
    created = agenda_items_copy(meeting=meeting, items=[info], plan_entries=entries)
    assert [i.title for i in created] == ["Information från VGR och Västkom", "Vårdinformationsmiljö: Lägesbeskrivning",
                                          "Heldag"]  # fmt: skip
    copy = created[0]
    assert copy.proposals == [NOTED] and copy.duration_minutes == 15 and copy.matter == info.matter
    assert [p.person.last_name for p in copy.presenters.all()] == ["Looström Muth"]
    assert [c.title for c in copy.children.all()] == ["Från Västkom"]
    assert created[1].matter.title == "Vårdinformationsmiljö" and created[2].matter is None
    # At the end of the agenda, after the standing items; the original is untouched.
    assert [i.order for i in created] == [4, 5, 6]
    assert earlier.agenda_items.filter(parent=None).count() == 5


def test_items_of_this_meeting_or_of_another_body_are_refused(meetings):
    earlier, meeting = meetings
    with pytest.raises(ServiceError):
        agenda_items_copy(meeting=meeting, items=[meeting.agenda_items.first()])
    other = AgendaItemFactory(title="Annat organ", meeting__body=BodyFactory(short_name="BHU"))
    with pytest.raises(ServiceError):
        agenda_items_copy(meeting=meeting, items=[other])
    with pytest.raises(ServiceError):
        agenda_items_copy(meeting=earlier, plan_entries=list(meeting.annual_plan_entries.all()))


def test_items_taken_after_the_notes_started_get_their_notes(meetings, secretary):
    earlier, meeting = meetings
    minutes = minutes_start(meeting=meeting, by=secretary)
    created = agenda_items_copy(meeting=meeting, items=[earlier.agenda_items.get(title="Läkemedel")])
    assert minutes.item_notes.filter(item=created[0]).exists()


def test_the_page_offers_both_sources_and_adds_what_is_ticked_once(client, meetings, secretary):
    earlier, meeting = meetings
    client.force_login(secretary)
    url = reverse("staff:items_copy", kwargs={"pk": meeting.pk})
    page = client.get(url)
    html = page.content.decode()
    assert "Det föregående mötet var den 6 februari 2031." in html
    assert "Vårdinformationsmiljö: Lägesbeskrivning" in html and "Information från VGR och Västkom" in html
    # The plan's entries are ticked; a past meeting's items are not.
    assert page.context["form"]["plan_entries"].initial == list(
        meeting.annual_plan_entries.order_by("order").values_list("pk", flat=True))  # fmt: skip

    response = client.post(url, {"submission": "", "items": []})
    assert response.status_code == 400 and "Välj minst en punkt att hämta." in response.content.decode()

    info = earlier.agenda_items.get(title="Information från VGR och Västkom")
    token = page.context["form"]["submission"].initial
    data = {"submission": token, "items": [info.pk], "plan_entries": [e.pk for e in meeting.annual_plan_entries.all()]}
    response = client.post(url, data, follow=True)
    assert "3 punkter lades till på dagordningen." in response.content.decode()
    client.post(url, data)  # sent again (a double click): nothing more
    assert AgendaItem.objects.filter(meeting=meeting, parent=None).count() == 6
    # A matter now on the agenda is no longer ticked.
    assert client.get(url).context["form"]["plan_entries"].initial == [
        meeting.annual_plan_entries.get(topic="Heldag").pk]  # fmt: skip


def test_a_malformed_choice_is_a_swedish_error_not_a_500(client, meetings, secretary):
    _earlier, meeting = meetings
    client.force_login(secretary)
    response = client.post(reverse("staff:items_copy", kwargs={"pk": meeting.pk}), {"items": ["x"]})
    assert response.status_code == 400
    assert "giltigt värde" in response.content.decode()
