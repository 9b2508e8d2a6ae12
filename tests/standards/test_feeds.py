"""The six Atom feeds as RFC 4287 writes a feed, and the calendars as RFC 5545 writes one, checked element by
element (no validator of either can be installed here); and each fault they had, put back, is found."""

import datetime

import pytest
from django.test import Client
from django.utils.feedgenerator import Atom1Feed
from icalendar import Calendar
from lxml import etree

from members.models import Body

pytestmark = pytest.mark.django_db
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
FEEDS = ["/feeds/notes.atom", "/feeds/positions.atom", "/bodies/feeds/notes.atom", "/bodies/feeds/positions.atom",
         "/bgh/feeds/notes.atom", "/bgh/feeds/positions.atom"]  # fmt: skip
CALENDARS = ["/calendar.ics", "/bodies/calendar.ics", "/bgh/calendar.ics"]


def atom_problems(xml: bytes) -> list[str]:
    """What RFC 4287 requires of a feed and its entries (§4.1.1, §4.1.2) that this one lacks."""
    feed = etree.fromstring(xml)
    found = [f"feed: no {name}" for name in ("id", "title", "updated") if feed.find(f"atom:{name}", ATOM) is None]
    feed_author = feed.find("atom:author/atom:name", ATOM) is not None
    for number, entry in enumerate(feed.iterfind("atom:entry", ATOM), start=1):
        found += [f"entry {number}: no {name}" for name in ("id", "title", "updated")
                  if entry.find(f"atom:{name}", ATOM) is None]  # fmt: skip
        if not feed_author and entry.find("atom:author/atom:name", ATOM) is None:
            found.append(f"entry {number}: no author, and none of the feed")
        if entry.find("atom:content", ATOM) is None and entry.find("atom:link[@rel='alternate']", ATOM) is None:
            found.append(f"entry {number}: neither content nor an alternate link")
    return found


def test_every_feed_is_atom_as_rfc_4287_writes_it_and_every_calendar_has_a_component(demo):
    Body.objects.create(name="Politisk beredningsgrupp för hjälpmedel", short_name="BGH", slug="bgh")
    client = Client()
    entries = 0
    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert atom_problems(response.content) == [], url
        entries += len(etree.fromstring(response.content).findall("atom:entry", ATOM))
    assert entries > 10  # the feeds were not all empty
    for url in CALENDARS:
        calendar = Calendar.from_ical(client.get(url).content)
        assert calendar.subcomponents, url  # the second body's calendar has no meeting: its time zone
    assert [c.name for c in Calendar.from_ical(client.get("/bgh/calendar.ics").content).subcomponents] == ["VTIMEZONE"]


def test_the_check_finds_each_fault_the_feeds_had():
    feed = Atom1Feed(title="Prov", link="https://example.se/", description="")
    feed.add_item(title="Anteckningar", link="https://example.se/1/", description="", unique_id="urn:1",
                  pubdate=datetime.datetime(2025, 3, 6, tzinfo=datetime.UTC))  # fmt: skip
    found = atom_problems(feed.writeString("utf-8").encode())
    assert found == ["entry 1: no updated", "entry 1: no author, and none of the feed"]
