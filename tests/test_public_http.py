"""The public site's HTTP: ETags and 304 on repeat, cache headers, PDFs made once and served from storage."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from meetings.models import Meeting, Minutes
from meetings.services.notices import notice_send
from tests.test_public_pages import published_urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["home", "meetings", "meeting", "minutes", "minutes_pdf", "notice_pdf",
                                  "compilation_pdf", "positions", "search", "feed_minutes", "calendar"])  # fmt: skip
def test_a_repeat_visit_with_the_etag_is_answered_304_without_a_body(client, demo, name):
    url = published_urls()[name]
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_public_pages_may_be_cached_briefly_and_staff_pages_are_private(client, demo, secretary):
    public = client.get(reverse("public:home"))
    assert "public" in public["Cache-Control"] and "max-age=60" in public["Cache-Control"]
    assert "stale-while-revalidate=30" in public["Cache-Control"]  # a shared cache may serve it while it fetches
    assert "Cookie" in public["Vary"]
    client.force_login(secretary)
    assert "private" in client.get(reverse("public:home"))["Cache-Control"]
    assert "private" in client.get(reverse("staff:overview"))["Cache-Control"]


def test_a_404_is_not_cached_as_public(client, demo):
    response = client.get(reverse("public:meeting", kwargs={"pk": 999999}))
    assert response.status_code == 404 and "public" not in response.get("Cache-Control", "")


def test_the_notice_pdf_is_rendered_once_and_again_only_when_the_notice_changes(
    client, demo, monkeypatch, settings, tmp_path
):
    from meetings import pdf

    settings.MEDIA_ROOT = tmp_path  # an empty storage

    rendered = []
    real = pdf.html_to_pdf
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: rendered.append(1) or real(html))
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    url = reverse("public:notice_pdf", kwargs={"pk": meeting.pk})
    first = b"".join(client.get(url).streaming_content)
    second = b"".join(client.get(url).streaming_content)
    assert first.startswith(b"%PDF") and first == second and len(rendered) == 1
    assert default_storage.exists(f"generated/notices/{client.get(url)['ETag'].strip(chr(34))}.pdf")
    item = meeting.agenda_items.get(title="Partsgemensamt utvecklingsarbete")
    item.title = "Partsgemensamt utvecklingsarbete (ändrad)"
    item.save()
    assert b"".join(client.get(url).streaming_content) == first  # the public reads the version that was sent
    assert len(rendered) == 1
    notice_send(meeting=meeting, by=None)  # a revised notice: the public's PDF is made once more, from it
    assert b"".join(client.get(url).streaming_content) != first
    assert len(rendered) == 2


def test_the_notes_pdf_etag_is_the_hash_of_the_approved_pdf(client, demo):
    minutes = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19))
    response = client.get(reverse("public:minutes_pdf", kwargs={"pk": minutes.meeting_id}))
    assert response["ETag"] == f'"{minutes.versions.get().pdf_sha256}"'


def test_public_pages_and_open_data_come_compressed_kept_or_not_and_staff_pages_never(client, demo, secretary,
                                                                                       settings):  # fmt: skip
    import gzip

    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE = True
    cache.clear()
    for url in (reverse("public:meetings") + "?year=2022", reverse("api:meeting_list", kwargs={"body_pk": demo.pk})):
        plain = client.get(url).content
        for attempt in ("rendered", "kept"):
            packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
            assert packed["Content-Encoding"] == "gzip", (url, attempt)
            assert gzip.decompress(packed.content) == plain and len(packed.content) < len(plain) / 2
            assert "Accept-Language" not in packed.get("Vary", "") and packed["Content-Language"] == "sv"
    client.force_login(secretary)  # a page with a CSRF token in it: never compressed (BREACH)
    staff = client.get(reverse("staff:overview"), HTTP_ACCEPT_ENCODING="gzip")
    assert not staff.has_header("Content-Encoding") and "Accept-Language" not in staff.get("Vary", "")
