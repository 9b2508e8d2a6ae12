"""The public search: published notes, positions, agenda items and matters; highlighted; by year."""

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse

from meetings.models import AgendaItem, Meeting, Minutes
from meetings.services import minutes as minutes_services
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="Swedish full-text search is PostgreSQL's")


def search_page(client, **params):
    response = client.get(reverse("public:search"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_search_finds_the_published_notes_and_marks_the_words(client, demo):
    page = search_page(client, q="Göteborgsregionen")
    assert "Minnesanteckningar 19 oktober 2022" in page
    assert (
        f'href="{reverse("public:minutes", kwargs={"pk": Minutes.objects.get(meeting__date="2022-10-19").meeting_id})}"'
        in page
    )
    assert "<mark>Göteborgsregionen</mark>" in page


def test_a_search_finds_agenda_items_and_links_the_item_on_the_meeting_page(client, demo):
    item = AgendaItem.objects.get(meeting__date="2025-03-06", title="Partsgemensamt utvecklingsarbete")
    page = search_page(client, q="partsgemensamt")
    assert f'href="/meetings/{item.meeting_id}/#item-{item.pk}"' in page
    meeting_page = client.get(reverse("public:meeting", kwargs={"pk": item.meeting_id})).content.decode()
    assert f'id="item-{item.pk}"' in meeting_page


def test_a_search_finds_positions_and_matters(client, demo):
    page = search_page(client, q="uppdrag Västkom")
    assert "Ställningstaganden" in page and "<mark>" in page
    assert "ger Västra Götalandsregionen och <mark>Västkom</mark> i <mark>uppdrag</mark>" in page


def test_the_year_filter_leaves_out_other_years(client, demo):
    everything = search_page(client, q="vård")
    assert "Minnesanteckningar 19 oktober 2022" in everything and "Minnesanteckningar 30 januari 2025" in everything
    only_2022 = search_page(client, q="vård", year=2022)
    assert "Minnesanteckningar 19 oktober 2022" in only_2022 and "Minnesanteckningar 30 januari 2025" not in only_2022
    assert "under 2022" in only_2022


def test_no_hit_and_no_words_are_said_in_swedish(client, demo):
    assert "Inget publicerat matchar." in search_page(client, q="zyxwvut")
    assert "Skriv ett eller flera ord att söka efter." in search_page(client, q="  ")


def test_what_was_typed_is_kept_and_html_in_it_is_escaped(client, demo):
    page = search_page(client, q='<script>alert("x")</script> vård')
    assert "<script>alert" not in page
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; vård"' in page


def test_drafts_and_notes_awaiting_approval_are_never_found(client, demo, secretary):
    draft = MeetingFactory(body=demo, date=datetime.date(2031, 5, 5))
    AgendaItemFactory(meeting=draft, order=9, title="Kvantdatorstrategi", body="<p>Kvantdatorstrategi i utkast</p>")
    held = MeetingFactory(body=demo, date=datetime.date(2026, 2, 2), status=Meeting.Status.HELD)
    AgendaItemFactory(
        meeting=held, order=9, title="Punkt", proposals=["<div>SRO ställer sig bakom kvantdatorstrategin.</div>"]
    )
    awaiting = minutes_services.minutes_start(meeting=held, by=secretary)
    minutes_services.minutes_send_to_chair(minutes=awaiting, by=secretary)
    page = search_page(client, q="kvantdatorstrategi")
    assert "Inget publicerat matchar." in page


@postgres_only
def test_swedish_stemming_finds_other_forms_of_a_word(client, demo):
    # "kommunernas" is not written anywhere; the Swedish stemmer takes it to "kommun".
    page = search_page(client, q="kommunernas")
    assert "Minnesanteckningar 19 oktober 2022" in page and "<mark>kommunerna</mark>" in page


@postgres_only
def test_the_search_reads_the_gin_indexes(demo):
    from django.contrib.postgres.search import SearchQuery

    from meetings.models import FrozenItem, Position
    from meetings.selectors.search import CONFIG, search_vector

    with connection.cursor() as cursor:  # statistics as a database in use has them, whatever ran before
        cursor.execute("ANALYZE meetings_position, meetings_frozenitem")
        cursor.execute("SET enable_seqscan = off")
    query = SearchQuery("kommun", config=CONFIG, search_type="websearch")
    # Without the lists' order (which joins the meetings and may reach the rows through them instead).
    found = Position.objects.annotate(found=search_vector(Position.objects.all())).filter(found=query).order_by()
    plan = found.explain()
    assert "position_search_vector" in plan and "to_tsvector" not in plan  # the stored column, no computing
    items = FrozenItem.objects.annotate(found=search_vector(FrozenItem.objects.all())).filter(found=query)
    assert "frozenitem_search_vector" in items.order_by().explain()


@postgres_only
def test_every_position_and_item_as_sent_has_its_vector_stored_by_the_database(demo, secretary):
    from django.contrib.postgres.search import SearchQuery

    from meetings.models import FrozenItem, Position
    from meetings.services.positions import position_record

    position_record(body=demo, how=Position.How.PER_CAPSULAM, taken_on=datetime.date(2025, 5, 5),
                    text="SRO tillstyrker kvantdatorstrategin.", by=secretary)  # fmt: skip
    assert not Position.objects.filter(search_vector__isnull=True).exists()
    assert not FrozenItem.objects.filter(search_vector__isnull=True).exists()
    found = Position.objects.filter(search_vector=SearchQuery("kvantdatorstrategin", config="swedish"))
    assert [p.text for p in found] == ["SRO tillstyrker kvantdatorstrategin."]


def test_snippets_keep_a_space_where_one_block_ends_and_the_next_begins(client, demo):
    # The notes print "Mötesform:" and "Teamsmöte" in two cells; the passage reads them as two words.
    page = search_page(client, q="Teamsmöte")
    assert "Mötesform:Teamsmöte" not in page and "Mötesform:<mark>" not in page
    assert re.search(r"Mötesform: (<mark>)?Teamsmöte", page), page
