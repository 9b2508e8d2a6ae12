"""A client that follows every link from the System object finds every object answering and valid, no dangling
reference, and nothing that is not published (the draft meeting, its secret matter, notes awaiting approval)."""

import json

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator

from tests.api.oparl_schemas import SCHEMAS
from tests.test_public_pages import hidden  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
PREFIX = "http://testserver/api/oparl/"


def _urls(value):
    if isinstance(value, dict):
        for inner in value.values():
            yield from _urls(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _urls(inner)
    elif isinstance(value, str) and value.startswith(PREFIX):
        yield value


def test_crawling_the_whole_api_from_system_finds_no_dangling_link_and_no_draft(client, hidden):  # noqa: F811
    seen, queue, objects = set(), [reverse("api:system")], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, f"dangling: {url}"
        answer = response.json()
        for obj in answer.get("data", [answer]):
            kind = obj["type"].rsplit("/", 1)[-1]
            errors = [e.message for e in Draft202012Validator(SCHEMAS[kind]).iter_errors(obj)]
            assert errors == [], (url, kind, errors)
            objects[obj["id"]] = obj
        queue += [u.removeprefix("http://testserver") for u in _urls(answer) if u.removeprefix("http://testserver")
                  not in seen]  # fmt: skip
    kinds = {obj["type"].rsplit("/", 1)[-1] for obj in objects.values()}
    assert kinds >= {"System", "Body", "Organization", "Person", "Membership", "LegislativeTerm", "Meeting",
                     "AgendaItem", "File", "Paper", "Consultation"}  # fmt: skip
    everything = json.dumps(list(objects.values()), ensure_ascii=False)
    for secret in ("Utkastpunkt", "Hemligt utkastärende", "det hemliga", "Internt underlag", "2031-05-05"):
        assert secret not in everything, secret
    for meeting in (hidden["draft"], hidden["awaiting"]):
        assert f"{PREFIX}meeting/{meeting.pk}/" not in objects
