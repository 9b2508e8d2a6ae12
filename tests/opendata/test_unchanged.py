"""Open data answers byte for byte as it did before it moved out of ``meetings/`` into ``opendata/``.

``recorded/`` holds what the portal answered, before the move, to every OParl URL reachable from the System
object, every feed, calendar, sitemap and register export, and the public pages that link to them, over the demo
with a second body beside it, on a fresh database (ids from 1), on a fixed day (1 March 2025: the coming meeting of
6 March and the year before it are in the calendar and on the start page). Only the moments the database stamps as it
loads (today's date and time, which no test can fix: SQLite and PostgreSQL stamp them with their own clock) are
replaced by ``<NOW>``; everything else must be identical, on SQLite and on PostgreSQL alike (recorded on both: the
same bytes).

To record again, deliberately, after a change that is meant to alter the output:
``RECORD_OPENDATA=1 .venv/bin/python -m pytest tests/opendata/test_unchanged.py``.
"""

import datetime
import json
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.opendata.links import api_answers

RECORDED = Path(__file__).parent / "recorded"

# Public pages and answers outside the API, at / (the first body) and in the second body's section.
SECTION_PATHS = ["", "feeds/notes.atom", "feeds/positions.atom", "calendar.ics"]
SITE_PATHS = [
    "/bodies/",
    "/bodies/feeds/notes.atom",
    "/bodies/feeds/positions.atom",
    "/bodies/calendar.ics",
    "/open-data/",
    "/sitemap.xml",
    "/positions/?year=2022",
    "/meetings/?year=2025",
]
YEARS = [2022, 2023, 2024, 2025]
TODAY = datetime.date(2025, 3, 1)


def _now_patterns() -> list[re.Pattern]:
    """Today's moments as the answers write them: ISO 8601 (JSON), RFC 3339 (Atom), iCalendar's basic form, and the
    Swedish date a page prints; yesterday too, for a run that crosses midnight UTC."""
    days = [datetime.date.today(), datetime.date.today() - datetime.timedelta(days=1),
            datetime.datetime.now(datetime.UTC).date()]  # fmt: skip
    patterns = []
    for day in set(days):
        patterns.append(re.compile(rf"{day:%Y-%m-%d}T[0-9:.]+(?:Z|[+-]\d\d:\d\d)?"))
        patterns.append(re.compile(rf"{day:%Y%m%d}T\d{{6}}Z?"))
    return patterns


def _normalised(text: str) -> str:
    for pattern in _now_patterns():
        text = pattern.sub("<NOW>", text)
    return text


def _answers(client) -> dict[str, str]:
    from members.models import Body

    Body.objects.create(name="Politisk beredningsgrupp för hjälpmedel", short_name="BGH", slug="bgh")
    urls = [f"/{path}" for path in SECTION_PATHS] + [f"/bgh/{path}" for path in SECTION_PATHS] + SITE_PATHS
    for year in YEARS:
        urls += [f"/positions/{year}.csv", f"/positions/{year}.json", f"/positions/{year}/"]
    answers = {}
    for url in urls:
        response = client.get(url)
        answers[url] = f"{response.status_code} {response.get('Content-Type')} " \
            f"{response.get('Content-Disposition', '')}\n{response.content.decode()}"  # fmt: skip
    answers.update(api_answers(client, reverse("api:system")))
    return {url: _normalised(text) for url, text in sorted(answers.items())}


@pytest.fixture
def fixed_day(monkeypatch):
    """Today is ``TODAY`` for what the pages compute from the date; a moment's own date is converted as before."""
    from django.utils import timezone

    real = timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: real(value, timezone) if value
                        else TODAY)  # fmt: skip


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_open_data_answers_as_it_did_before_it_moved(client, committed_db, fixed_day):
    call_command("load_demo", verbosity=0, no_seal=True)
    answers = _answers(client)
    recording = RECORDED / "answers.json"
    if os.environ.get("RECORD_OPENDATA"):
        RECORDED.mkdir(exist_ok=True)
        recording.write_text(json.dumps(answers, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    recorded = json.loads(recording.read_text())
    assert sorted(answers) == sorted(recorded)
    for url, text in recorded.items():
        assert answers[url] == text, url
