"""Search answers "what did SRO say about X": positions are found through their matter, and come first; notes found
only by the name or title of someone there are kept apart from those that speak of it."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import Matter, Position

pytestmark = pytest.mark.django_db


def search_page(client, **params):
    response = client.get(reverse("public:search"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_positions_are_found_by_their_matter_and_come_first(client, demo):
    matter = Matter.objects.get(title="Statsbidrag psykisk hälsa")
    for order, text in enumerate(["SRO ställer sig bakom fördelningen av medlen.",
                                  "SRO rekommenderar huvudmännen att besluta enligt förslaget."]):  # fmt: skip
        Position.objects.create(body=demo, matter=matter, how=Position.How.PER_CAPSULAM, order=order,
                                taken_on=datetime.date(2025, 4, 2), text=text)  # fmt: skip
    page = search_page(client, q="psykisk hälsa")
    assert "Ställningstaganden (2)" in page
    assert "ställer sig bakom fördelningen av medlen" in page and "rekommenderar huvudmännen" in page
    # What SRO said comes before the notes, items, matters and attachments that speak of it.
    headings = [page.index(h) for h in ('id="hits-positions"', 'id="hits-items"', 'id="hits-matters"')]
    assert headings == sorted(headings)
    # A word of no matter and no position finds no position.
    assert "Ställningstaganden (" not in search_page(client, q="Lumell")


def test_notes_found_only_by_a_guests_name_or_title_are_kept_apart(client, demo):
    page = search_page(client, q="Lumell")  # the 2022 notes name "Emma Övelius, Lumell Associates" as invited
    assert 'id="hits-people"' in page and 'id="hits-minutes"' not in page
    assert "Minnesanteckningar där orden bara står bland namn och titlar (1)" in page
    # Words of what was said stay where they were.
    page = search_page(client, q="Göteborgsregionen")
    assert 'id="hits-minutes"' in page
