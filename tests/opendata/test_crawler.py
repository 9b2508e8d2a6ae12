"""A client that follows every link from the System object finds every object answering and valid against what
the standard's schemas require (tests/opendata/oparl_schemas.py), every reference leading to an object of the type the
schemas name, no dangling reference, and nothing that is not published (the draft meeting, its secret matter, notes
awaiting approval)."""

import json

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator

from tests.opendata.links import PREFIX, api_answers
from tests.opendata.oparl_schemas import LIST, REFERENCES, SCHEMAS
from tests.test_public_pages import hidden  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def _embedded(obj: dict):
    """The object and every object embedded in it (a meeting's items and files, a person's memberships…)."""
    yield obj
    for value in obj.values():
        for inner in value if isinstance(value, list) else [value]:
            if isinstance(inner, dict) and "type" in inner:
                yield from _embedded(inner)


def _kind(obj: dict) -> str:
    return obj["type"].rsplit("/", 1)[-1]


def crawl(client) -> dict:
    """Every answer reachable from System, by URL (without host); each validated."""
    answers = {url: json.loads(text) for url, text in api_answers(client, reverse("api:system")).items()}
    for url, answer in answers.items():
        if "data" in answer:
            assert list(Draft202012Validator(LIST).iter_errors(answer)) == [], url
        for top in answer.get("data", [answer]):
            for obj in _embedded(top):
                kind = _kind(obj)
                errors = [e.message for e in Draft202012Validator(SCHEMAS[kind]).iter_errors(obj)]
                assert errors == [], (url, kind, errors)
    return answers


def test_every_reference_leads_to_an_object_of_the_type_the_schemas_name(client, demo):
    answers = crawl(client)
    checked = 0
    for answer in list(answers.values()):
        for top in answer.get("data", [answer]):
            for obj in _embedded(top):
                if obj.get("deleted"):
                    continue
                for prop, target in REFERENCES.get(_kind(obj), {}).items():
                    values = obj.get(prop, [])
                    for url in values if isinstance(values, list) else [values]:
                        found = answers[url.removeprefix("http://testserver")]
                        if target.startswith("list:"):
                            assert "data" in found and all(_kind(o) == target[5:] for o in found["data"]), (prop, url)
                        else:
                            assert _kind(found) == target, (_kind(obj), prop, url, _kind(found))
                        checked += 1
    assert checked > 1000  # every membership's person and organization, every item's meeting…


def test_crawling_the_whole_api_from_system_finds_no_dangling_link_and_no_draft(client, hidden):  # noqa: F811
    answers, objects = crawl(client), {}
    for answer in answers.values():
        for obj in answer.get("data", [answer]):
            objects[obj["id"]] = obj
    kinds = {obj["type"].rsplit("/", 1)[-1] for obj in objects.values()}
    assert kinds >= {"System", "Body", "Organization", "Person", "Membership", "LegislativeTerm", "Meeting",
                     "AgendaItem", "File", "Paper", "Consultation"}  # fmt: skip
    everything = json.dumps(list(objects.values()), ensure_ascii=False)
    for secret in ("Utkastpunkt", "Hemligt utkastärende", "det hemliga", "Internt underlag", "2031-05-05"):
        assert secret not in everything, secret
    for meeting in (hidden["draft"], hidden["awaiting"]):
        assert f"{PREFIX}meeting/{meeting.pk}/" not in objects
