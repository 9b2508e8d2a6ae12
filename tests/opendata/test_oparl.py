"""The open-data API: the demo data's meetings, agenda items, people and memberships, in valid OParl shapes."""

import json

import jsonschema
import pytest
from django.urls import reverse

from members.models import Person
from opendata.views.oparl import paging as oparl_views
from tests.opendata.oparl_schemas import LIST, SCHEMAS
from tests.test_public_pages import hidden  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

TYPE_PREFIX = "https://schema.oparl.org/1.1/"


def get(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def validate(obj: dict) -> None:
    jsonschema.validate(obj, SCHEMAS[obj["type"].removeprefix(TYPE_PREFIX)])


def walk_list(client, url: str) -> list[dict]:
    """Every object of a list, following links.next page by page."""
    objects, page_count = [], 0
    while url:
        page = get(client, url)
        jsonschema.validate(page, LIST)
        objects += page["data"]
        page_count += 1
        url = page["links"].get("next")
    assert page_count == page["pagination"]["totalPages"]
    return objects


@pytest.fixture
def api(client, demo):
    system = get(client, reverse("api:system"))
    validate(system)
    bodies = walk_list(client, system["body"])
    assert [b["shortName"] for b in bodies] == ["SRO"]
    return bodies[0]


LISTS = [
    "organization",
    "person",
    "membership",
    "meeting",
    "agendaItem",
    "file",
    "legislativeTermList",
    "paper",
    "consultation",
]


@pytest.mark.parametrize("name", LISTS)
def test_every_object_of_every_list_validates_and_is_the_same_at_its_own_address(client, api, name):
    validate(api)
    objects = walk_list(client, api[name])
    assert objects, name
    for obj in objects:
        validate(obj)
        alone = get(client, obj["id"])
        if name == "person":
            assert alone == obj
        else:
            assert alone["id"] == obj["id"] and alone["type"] == obj["type"]
            validate(alone)


def test_the_meetings_carry_the_real_agenda_with_numbers_and_times(client, api):
    meetings = {m["start"][:10]: m for m in walk_list(client, api["meeting"])}
    assert {"2025-03-06", "2022-10-19", "2025-01-30"} <= set(meetings)
    spring = meetings["2025-03-06"]
    assert spring["start"] == "2025-03-06T13:30:00+01:00" and spring["invitation"]["mimeType"] == "application/pdf"
    items = {i["name"][:30]: i for i in spring["agendaItem"]}
    # shared/seeds/003_572aeda89bf1bf84.txt: "4. Nytt Hälso- och sjukvårdsavtal … (20 minuter, kl. 13.35 – 13.55)"
    agreement = items["Nytt Hälso- och sjukvårdsavtal"]
    assert agreement["number"] == "4"
    assert agreement["start"] == "2025-03-06T13:35:00+01:00" and agreement["end"] == "2025-03-06T13:55:00+01:00"
    files = items["Ny berednings- och beslutsordn"]["auxiliaryFile"]
    assert [f["name"] for f in files] == ["Beslutsunderlag - Statsbidrag psykisk hälsa 2025, SRO.pdf"]
    autumn = meetings["2022-10-19"]
    assert get(client, autumn["resultsProtocol"]["id"]) == autumn["resultsProtocol"]  # the file at its own address
    assert get(client, spring["invitation"]["id"]) == spring["invitation"]
    assert autumn["resultsProtocol"]["fileName"] == "Minnesanteckningar SRO 2022-10-19.pdf"
    assert autumn["resultsProtocol"]["accessUrl"].endswith(f"/meetings/{autumn['id'].split('/')[-2]}/notes.pdf")
    resolutions = [i.get("resolutionText", "") for i in autumn["agendaItem"]]
    assert any(
        text.startswith("SRO ställer sig bakom justerade uppdrag")
        and "\n– Det politiska samrådsorganet beslutar att byta namn på Ledningsråd Medicintekniska" in text
        for text in resolutions
    )


def test_the_people_and_their_memberships_without_contact_details(client, api):
    Person.objects.filter(last_name="Eliasson").update(email="helen.eliasson@vgregion.se", phone="010-441 00 00")
    people = {p["name"]: p for p in walk_list(client, api["person"])}
    helen = people["Helén Eliasson (S)"]
    assert helen["familyName"] == "Eliasson"
    assert any(m["role"] == "ordförande" for m in helen["membership"])
    memberships = walk_list(client, api["membership"])
    assert any(m["person"] == helen["id"] for m in memberships)
    everything = json.dumps([people, memberships], ensure_ascii=False)
    assert "vgregion.se" not in everything and "010-441" not in everything


def test_drafts_and_unpublished_things_are_not_in_the_api(client, api, hidden):  # noqa: F811
    starts = [m["start"][:10] for m in walk_list(client, api["meeting"])]
    assert "2031-05-05" not in starts and "2031-02-02" not in starts
    for meeting in (hidden["draft"], hidden["awaiting"]):
        assert client.get(reverse("api:meeting", kwargs={"pk": meeting.pk})).status_code == 404
        assert client.get(reverse("api:notice_file", kwargs={"meeting_pk": meeting.pk})).status_code == 404
        assert client.get(reverse("api:notes_file", kwargs={"meeting_pk": meeting.pk})).status_code == 404
    draft_item = hidden["draft"].agenda_items.get()
    assert client.get(reverse("api:agenda_item", kwargs={"pk": draft_item.pk})).status_code == 404
    private = hidden["attachment"].pk
    assert client.get(reverse("api:attachment_file", kwargs={"pk": private})).status_code == 404
    files = json.dumps(walk_list(client, api["file"]), ensure_ascii=False)
    assert "Internt underlag" not in files
    items = json.dumps(walk_list(client, api["agendaItem"]), ensure_ascii=False)
    assert "Utkastpunkt" not in items and "det hemliga" not in items


def test_pages_link_to_each_other_and_count_right(client, api, monkeypatch):
    monkeypatch.setattr(oparl_views, "PAGE_SIZE", 7)
    first = get(client, api["person"])
    total = first["pagination"]["totalElements"]
    assert first["pagination"]["elementsPerPage"] == 7 and first["pagination"]["totalPages"] == -(-total // 7)
    assert "prev" not in first["links"] and first["links"]["next"].endswith("?page=2")
    people = walk_list(client, api["person"])
    assert len(people) == total == len({p["id"] for p in people})
    assert client.get(api["person"] + "?page=999").status_code == 404


def test_meetings_come_twenty_a_page_with_their_items_and_every_page_links_the_next(client, api, demo):
    from meetings.demo.bulk import generate

    generate(body=demo, years=3, first_year=2015)  # 30 more meetings
    first = get(client, api["meeting"])
    total = first["pagination"]["totalElements"]
    assert total > oparl_views.MEETINGS_PAGE_SIZE == len(first["data"]) == first["pagination"]["elementsPerPage"]
    assert first["links"]["next"].endswith("?page=2") and first["data"][0]["agendaItem"]
    meetings = walk_list(client, api["meeting"])
    assert len(meetings) == total == len({m["id"] for m in meetings})


def test_a_repeat_request_with_the_etag_is_a_304(client, api):
    first = client.get(api["meeting"])
    assert client.get(api["meeting"], headers={"if-none-match": first["ETag"]}).status_code == 304


def test_the_open_data_page_documents_the_api(client, demo):
    page = client.get(reverse("public:api_docs")).content.decode()
    assert "OParl 1.1" in page and reverse("api:system") in page and "links.next" in page
