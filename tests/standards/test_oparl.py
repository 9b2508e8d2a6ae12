"""The OParl 1.1 API read as the standard's own JSON schemas read it (OParl/spec v1.1.1, ``schema/``): every object of
a full crawl from System, embedded ones too, with its dates and times as §2.4 writes them."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.opendata.links import api_answers
from tests.standards.tools import oparl_errors
from tests.test_public_pages import hidden  # noqa: F401  (the fixture: a draft, notes awaiting approval)

pytestmark = pytest.mark.django_db


def _objects(value):
    """Every OParl object in an answer: the answer itself or its list's data, and everything embedded."""
    if isinstance(value, dict):
        if str(value.get("type", "")).startswith("https://schema.oparl.org/"):
            yield value
        for inner in value.values():
            yield from _objects(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _objects(inner)


def test_every_object_of_a_full_crawl_passes_the_official_schemas(client, demo, hidden):  # noqa: F811
    answers = {url: json.loads(text) for url, text in api_answers(client, reverse("api:system")).items()}
    checked, errors = 0, {}
    for url, answer in answers.items():
        for obj in _objects(answer):
            checked += 1
            if found := oparl_errors(obj):
                errors.setdefault(url, []).extend(found)
    assert checked > 500
    assert errors == {}


ERROR = "https://schema.oparl.org/1.1/Error"


def test_errors_are_oparl_error_objects_in_json(client, db):
    for url, status in ((reverse("api:meeting", kwargs={"pk": 999999}), 404), ("/api/oparl/v1/ingenting/", 404),
                        (reverse("api:body_list") + "?page=99", 404), (reverse("api:body_list") + "?page=x", 404),
                        (reverse("api:body_list") + "?modified_since=igår", 400)):  # fmt: skip
        response = client.get(url)
        assert response.status_code == status and response["Content-Type"] == "application/json", url
        answer = response.json()
        assert answer["type"] == ERROR and answer["message"] and "debug" in answer, url


def test_omit_internal_leaves_out_the_internal_lists_and_is_kept_in_the_lists_links(client, demo):
    url = reverse("api:meeting_list", kwargs={"body_pk": demo.pk})
    assert any("agendaItem" in meeting for meeting in client.get(url).json()["data"])
    answer = client.get(url, {"omit_internal": "true"}).json()
    assert answer["data"] and not any("agendaItem" in meeting for meeting in answer["data"])
    assert "omit_internal=true" in answer["links"]["first"]
    one = answer["data"][0]["id"].removeprefix("http://testserver")
    assert "agendaItem" not in client.get(one, {"omit_internal": "true"}).json()


def test_withdrawn_notes_leave_a_deleted_file_the_schema_accepts_and_the_meeting_held(client, demo, secretary):
    from meetings.models import Meeting, Minutes
    from meetings.services import minutes as minutes_services
    from meetings.services.notices import notice_publish, notice_send
    from tests.factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(body=demo, date=datetime.date(2025, 4, 10))
    AgendaItemFactory(meeting=meeting)
    notice_send(meeting=meeting, by=secretary)
    if not Meeting.objects.get(pk=meeting.pk).notice_published_at:  # SRO publishes its notice as it sends it
        notice_publish(meeting=Meeting.objects.get(pk=meeting.pk), by=secretary)
    assert Meeting.objects.get(pk=meeting.pk).notice_published_at
    minutes = minutes_services.minutes_start(meeting=Meeting.objects.get(pk=meeting.pk), by=secretary)
    minutes_services.minutes_send_to_chair(minutes=minutes, by=None, remind=False)
    version = minutes_services.freeze(minutes=Minutes.objects.get(pk=minutes.pk), approved_by=None,
                                      approved_by_name="Ordförande", now=timezone.now())  # fmt: skip
    minutes_services.minutes_publish(minutes=Minutes.objects.get(pk=minutes.pk), by=secretary)
    minutes_services.minutes_withdraw(version=version, by=secretary, reason="Ett namn som måste bort.")

    gone = client.get(reverse("api:notes_file", kwargs={"meeting_pk": meeting.pk})).json()
    assert gone["deleted"] is True and oparl_errors(gone) == []
    held = client.get(reverse("api:meeting", kwargs={"pk": meeting.pk})).json()
    assert held["meetingState"] == "genomfört" and "resultsProtocol" not in held and oparl_errors(held) == []
    listed = client.get(reverse("api:meeting_list", kwargs={"body_pk": demo.pk})).json()["data"]
    assert next(m for m in listed if m["id"] == held["id"])["meetingState"] == "genomfört"
