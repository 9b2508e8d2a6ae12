"""Matters: another spelling is questioned before a new matter is made; a matter can be renamed, and two
that are one question merged, the timeline following and the approved record untouched."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, FrozenItem, Matter, Position
from meetings.selectors.registers import matter_timeline, public_matters
from meetings.services import minutes as minutes_services
from meetings.services.positions import matter_merge, matter_rename, position_record, similar_matter
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory
from tests.meetings.test_several_positions import approve

pytestmark = pytest.mark.django_db


def test_another_spelling_is_found_but_an_exact_title_or_a_new_one_is_not(demo):
    matter = Matter.objects.create(body=demo, title="Vårdval rehab")
    assert similar_matter(body=demo, title="Vårdval  Rehab.") == matter
    assert similar_matter(body=demo, title="Vårdvall rehab") == matter
    assert similar_matter(body=demo, title="vårdval rehab") is None  # the same matter, found as it is
    assert similar_matter(body=demo, title="Sjukresor") is None


def test_the_item_form_asks_did_you_mean_once_and_keeps_what_was_typed(client, secretary):
    meeting = MeetingFactory()
    Matter.objects.create(body=meeting.body, title="Nytt hälso- och sjukvårdsavtal")
    client.force_login(secretary)
    url = reverse("staff:item_create", kwargs={"pk": meeting.pk})
    data = {"kind": "information", "title": "Avtalet", "duration_minutes": "10", "show_time": "on",
            "matter_title": "Nytt hälso och sjukvårdsavtal",
            "proposals": ["<div>SRO noterar informationen.</div>"]}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Menade du ”Nytt hälso- och sjukvårdsavtal”?" in page
    assert 'value="Avtalet"' in page and "SRO noterar informationen." in page
    assert not AgendaItem.objects.filter(title="Avtalet").exists()
    again = {**data, "matter_checked": response.context["form"].data["matter_checked"]}
    assert client.post(url, again).status_code == 302
    assert Matter.objects.filter(body=meeting.body).count() == 2


def test_a_merge_moves_the_work_keeps_the_record_and_the_timeline_follows(client, secretary, chair, demo):
    meeting = MeetingFactory(body=demo, date=datetime.date(2026, 5, 7))  # held: its notes may go to the chair
    right = Matter.objects.create(body=demo, title="Sjukresor")
    wrong = Matter.objects.create(body=demo, title="Sjukresorna")
    item = AgendaItemFactory(meeting=meeting, title="Sjukresor i regionen", matter=wrong,
                             proposals=["<div>SRO ställer sig bakom sjukreseförslaget.</div>"])  # fmt: skip
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    chair_person = PersonFactory(first_name="Helén", last_name="Eliasson", user=chair)
    MembershipFactory(body=demo, person=chair_person, role="chair", start_date=datetime.date(2026, 1, 1), end_date=None)
    approve(minutes, secretary, chair)  # SRO's notes are published when the chair approves them
    minutes.refresh_from_db()
    assert minutes.status == minutes.Status.PUBLISHED
    position_record(body=demo, how="per_capsulam", taken_on=datetime.date(2026, 6, 1), matter=wrong,
                    text="<div>SRO ställer sig bakom yttrandet.</div>", by=secretary)  # fmt: skip

    coming = AgendaItemFactory(meeting=MeetingFactory(body=demo, date=datetime.date(2031, 9, 3)), matter=wrong)

    matter_merge(source=wrong, into=right)
    coming.refresh_from_db()
    item.refresh_from_db()
    assert coming.matter == right  # the work in progress moves
    assert item.matter == wrong  # the agenda of approved notes is the record
    assert Position.objects.get(item=item, minutes_version__isnull=False).matter == wrong  # the approved copy
    assert FrozenItem.objects.filter(item_id=item.pk, matter=wrong).exists()
    texts = [e.text for e in matter_timeline(matter=right, public=True)]
    assert "SRO ställer sig bakom sjukreseförslaget." in texts and "SRO ställer sig bakom yttrandet." in texts
    assert "Sjukresor i regionen" in texts
    assert list(public_matters(body=demo).filter(title__startswith="Sjukres")) == [right]
    response = client.get(reverse("public:matter", kwargs={"pk": wrong.pk}))
    assert response.status_code == 301 and response.url == reverse("public:matter", kwargs={"pk": right.pk})
    # The register names and links the matter as it is known now, for the frozen copy too.
    register = client.get(reverse("public:positions") + "?year=2026").content.decode()
    assert f'<a href="{reverse("public:matter", kwargs={"pk": right.pk})}">Sjukresor</a>' in register
    assert ">Sjukresorna<" not in register

    client.force_login(secretary)
    response = client.post(reverse("staff:matter_rename", kwargs={"pk": right.pk}), {"rename-title": "Sjukresorna"})
    assert response.status_code == 400
    assert "Ett annat ärende har redan den rubriken" in response.content.decode()
    matter_rename(matter=right, title="Sjukresor i Västra Götaland")
    assert client.get(reverse("public:matter", kwargs={"pk": right.pk})).status_code == 200
