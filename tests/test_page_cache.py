"""Public pages kept in memory for anonymous visitors, and made old by any change to the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import revision
from members.models import Body

# The revision is raised when a transaction commits (on PostgreSQL a deferred trigger): these tests commit.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("committed_db")]


@pytest.fixture(autouse=True)
def page_cache(settings):
    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE = True
    cache.clear()


def test_a_kept_page_is_served_again_with_one_query_and_the_same_content(client, demo):
    url = reverse("public:meetings") + "?year=2022"
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert len(queries) == 1  # the revision
    assert again.content == first.content and "Möte 19 oktober 2022" in again.content.decode()
    assert "public" in again["Cache-Control"]


def test_any_change_even_a_bulk_update_makes_the_kept_pages_old(client, demo):
    assert "Ny beskrivning av SRO" not in client.get("/").content.decode()
    before = revision.current()
    Body.objects.filter(pk=demo.pk).update(description="Ny beskrivning av SRO")  # no signal is sent
    assert revision.current() > before
    assert "Ny beskrivning av SRO" in client.get("/").content.decode()


def test_someone_logged_in_always_gets_a_fresh_page(client, demo, secretary):
    client.get("/")
    client.force_login(secretary)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/")
    assert len(queries) > 1  # rendered, not the kept anonymous page
    assert "private" in page["Cache-Control"]


def test_search_and_downloads_are_not_kept(client, demo):
    url = reverse("public:search") + "?q=vård"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) > 1


def test_every_table_of_the_portal_raises_the_revision(db):
    assert set(revision.tables()) <= revision.covered_tables()


def test_pages_that_are_never_kept_do_not_read_the_revision(client, demo):
    for url in [reverse("staff:login"), reverse("public:search") + "?q=vård", "/finns-inte/"]:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert not any("sro_revision" in q["sql"] for q in queries.captured_queries), url


SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy")


def test_a_kept_page_carries_every_security_header_of_a_fresh_one(client, demo):
    from tests.test_public_pages import published_urls

    for url in published_urls().values():
        fresh = client.get(url)
        if fresh.status_code != 200 or fresh.streaming:
            continue
        kept = client.get(url)
        for header in SECURITY_HEADERS:
            assert kept.has_header(header), f"{url}: {header} missing on the kept page"
            assert kept[header] == fresh[header], url
