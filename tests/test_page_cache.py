"""Public pages kept for anonymous visitors, made old by a change to the public record and only by that."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import revision
from meetings.models import Meeting, Minutes, Position
from meetings.services import minutes as minutes_services
from meetings.services import positions as positions_services
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


def test_a_page_kept_for_http_is_not_served_over_https(client, demo):
    url = reverse("public:meetings") + "?year=2022"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        secure = client.get(url, secure=True)
    assert len(queries) > 1 and secure.status_code == 200  # rendered for https, not the page kept for http
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    assert len(queries) == 1  # and kept for https in turn


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


def test_a_search_is_kept_and_a_download_is_not(client, demo):
    search = reverse("public:search") + "?q=vård"
    first = client.get(search)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(search)
    assert len(queries) == 1 and again.content == first.content
    pdf = reverse("public:minutes_pdf", kwargs={"pk": Minutes.objects.get(meeting__date="2022-10-19").meeting_id})
    b"".join(client.get(pdf).streaming_content)
    with CaptureQueriesContext(connection) as queries:
        assert b"".join(client.get(pdf).streaming_content).startswith(b"%PDF")
    assert not any("sro_revision" in q["sql"] for q in queries.captured_queries)  # looked up and streamed


def test_every_table_of_the_public_record_raises_the_revision_and_the_working_copy_none(db):
    assert revision.covered_tables() & set(revision.tables()) == set(revision.public_tables())
    assert set(revision.tables()) >= revision.WORKING  # no name in it is a typo


def test_public_pages_and_the_api_read_no_table_of_the_working_copy(client, demo, secretary):
    """The ground the working copy's exemption stands on: no public page, PDF, feed, search or API answer
    reads a table whose changes leave the kept pages as they are."""
    from tests.test_record import _public_texts

    minutes = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19))
    minutes_services.minutes_correct(minutes=minutes, by=secretary, reason="Rättelse.")  # partly public rows too
    read, get = set(), client.get

    def get_and_note_tables(url, *args, **kwargs):  # what the pages read, not what the test looks up
        with CaptureQueriesContext(connection) as queries:
            response = get(url, *args, **kwargs)
        read.update(t for q in queries.captured_queries for t in re.findall(r'(?:FROM|JOIN) "(\w+)"', q["sql"]))
        return response

    client.get = get_and_note_tables
    _public_texts(client, demo)
    assert read & revision.WORKING == set()
    assert read & set(revision.public_tables()) >= {"meetings_frozenitem", "meetings_position", "members_person"}


def test_the_secretarys_work_on_the_agenda_and_the_notes_leaves_the_kept_pages(client, demo, secretary):
    minutes = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19))
    before = revision.current()
    minutes_services.minutes_correct(minutes=minutes, by=secretary, reason="Rättelse av ett namn.")
    assert revision.current() > before  # the notes' state is public ("under rättelse"): that is a change
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    page = reverse("public:meeting", kwargs={"pk": meeting.pk})
    first = client.get(page).content
    kept_at = revision.current()

    staff = Client()
    staff.force_login(secretary)
    item = meeting.agenda_items.get(title="Partsgemensamt utvecklingsarbete")
    url = reverse("staff:item_duration", kwargs={"pk": item.pk})
    assert staff.post(url, {"duration_minutes": "45"}).status_code == 302
    item.refresh_from_db()
    assert item.duration_minutes == 45  # saved, through the staff's own endpoint
    note = minutes.item_notes.get(item__title__startswith="Ställningstagande")
    minutes_services.item_notes_save(note=note, text="<p>Ny anteckning</p>", closing_text="", questions=[],
                                     positions=["Ändrad ståndpunkt."], by=secretary)  # fmt: skip
    minutes.refresh_from_db()
    rows = [{"attendance": a, "status": a.status, "note": "sen", "substitute": a.substitute}
            for a in minutes.attendance.all()[:2]]  # fmt: skip
    minutes_services.attendance_update(minutes=minutes, rows=rows, by=secretary)

    assert revision.current() == kept_at
    with CaptureQueriesContext(connection) as queries:
        again = client.get(page)
    assert len(queries) == 1 and again.content == first  # still the kept page, not rendered again


def test_a_position_outside_a_meeting_is_public_at_once(client, demo, secretary):
    url = reverse("public:positions") + "?year=2025"
    client.get(url)
    position = positions_services.position_record(body=demo, how=Position.How.PER_CAPSULAM,
                                                  taken_on=datetime.date(2025, 4, 2), text="Beslut per capsulam.",
                                                  by=secretary)  # fmt: skip
    assert "Beslut per capsulam." in client.get(url).content.decode()
    Position.objects.filter(pk=position.pk).update(text_html="<div>Rättad per capsulam-text</div>")  # no signal
    assert "Rättad per capsulam-text" in client.get(url).content.decode()


def test_a_made_up_session_cookie_gets_the_kept_page(client, demo):
    url = reverse("public:meetings") + "?year=2022"
    first = client.get(url)
    client.cookies["sessionid"] = "inte-en-riktig-session"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert len(queries) == 2  # the session looked up (none), the revision; nothing rendered
    assert again.content == first.content


def test_the_host_is_part_of_the_key(client, demo, settings):
    settings.ALLOWED_HOSTS = ["testserver", "sro.example.se"]
    url = reverse("api:system")
    assert "http://testserver/api/" in client.get(url).content.decode()
    other = client.get(url, HTTP_HOST="sro.example.se").content.decode()
    assert "http://sro.example.se/api/" in other and "testserver" not in other


def test_a_cache_that_cannot_be_reached_means_a_rendered_page_not_an_error(client, demo, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
                                   "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}  # fmt: skip
    response = client.get(reverse("public:meetings") + "?year=2022")  # Django's setting_changed: a new handler
    assert response.status_code == 200 and "Möte 19 oktober 2022" in response.content.decode()


def test_pages_that_are_never_kept_do_not_read_the_revision(client, demo):
    pdf = reverse("public:minutes_pdf", kwargs={"pk": Minutes.objects.get(meeting__date="2022-10-19").meeting_id})
    for url in [reverse("staff:login"), pdf, "/finns-inte/"]:
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


def test_a_visitor_s_session_is_read_once_when_the_page_is_rendered(client, demo):
    """A session that is not signed in (here one holding only a preference) gets the page like anybody else; read
    by the page cache to know that, it is not read again from the database for the rendering."""
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session["vald_ar"] = 2022
    session.create()
    client.cookies["sessionid"] = session.session_key
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("public:meetings") + "?year=2022")  # not kept yet: rendered
    assert response.status_code == 200 and "Möte 19 oktober 2022" in response.content.decode()
    reads = [q for q in queries.captured_queries if q["sql"].startswith('SELECT "django_session"')]
    assert len(reads) == 1
