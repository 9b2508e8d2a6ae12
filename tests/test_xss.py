"""Known XSS payloads, typed into every kind of field the secretary fills in, never run anywhere:
no script, no event handler and no javascript: URL in any page, feed, JSON answer or PDF."""

import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from meetings.models import AgendaItem, Matter, Meeting
from meetings.services.notices import notice_send
from tests.test_security import scripts_in

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '<script>alert("xss")</script>',
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klicka</a>',
    '<a href="JaVaScRiPt:alert(1)">klicka</a>',
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<div style="background:url(javascript:alert(1))" onmouseover="alert(1)">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
]
TEXT = " ".join(PAYLOADS)


@pytest.fixture
def poisoned(client, demo, secretary):
    """The secretary types the payloads into an item (title, rich text, proposal, matter) and a position."""
    client.force_login(secretary)
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    item = AgendaItem.objects.get(meeting=meeting, title="Partsgemensamt utvecklingsarbete")
    url = reverse("staff:item_edit", kwargs={"pk": item.pk})
    loaded_at = client.get(url).context["form"]["lock_version"].value()
    response = client.post(url, {
        "kind": "information", "title": f"Partsgemensamt {PAYLOADS[0]}", "duration_minutes": "20", "show_time": "on",
        "body": "<p>Text</p>" + TEXT, "proposals": [f"<div>{escape(TEXT)}</div>", *PAYLOADS],
        "matter_title": f"Ärende {PAYLOADS[1]}", "lock_version": loaded_at,
    })  # fmt: skip
    assert response.status_code in (200, 302), response.content.decode()[:500]
    response = client.post(reverse("staff:position_create"), {
        "how": "per_capsulam", "taken_on": "2025-03-10", "matter_title": f"Ärende {PAYLOADS[1]}",
        "text": f"<div>SRO ställer sig bakom {escape(TEXT)}</div>" + "".join(PAYLOADS),
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    Meeting.objects.filter(pk=meeting.pk).update(location=PAYLOADS[5])
    notice_send(meeting=meeting, by=secretary)  # a revised notice: what the public then reads
    client.logout()
    return {"meeting": meeting, "item": AgendaItem.objects.get(pk=item.pk), "secretary": secretary}


def assert_inert_html(html: str, where: str) -> None:
    assert scripts_in(html) == [], where
    lowered = html.lower()
    assert "<script>alert" not in lowered and "<img src=x" not in lowered and "<svg" not in lowered, where


def assert_inert_pdf(pdf: bytes, where: str, expected: str) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root and "/AA" not in root, where
    assert "/JavaScript" not in root.get("/Names", {}), where
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert action.get("/S") != "/JavaScript", where
            assert not str(action.get("/URI", "")).strip().lower().startswith(("javascript:", "data:")), where
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert expected in " ".join(text.split()), where  # the payloads are there, as text


def test_the_rich_text_is_stored_without_anything_that_runs(poisoned):
    body = poisoned["item"].body
    assert scripts_in(body) == [] and "javascript:" not in body.lower() and "data:" not in body.lower()
    assert poisoned["item"].title == f"Partsgemensamt {PAYLOADS[0]}"  # plain text is kept as typed, and escaped


def test_no_public_page_feed_or_api_answer_runs_a_payload(client, poisoned):
    meeting = poisoned["meeting"]
    matter = Matter.objects.get(title=f"Ärende {PAYLOADS[1]}")
    pages = [reverse("public:home"), reverse("public:meetings") + "?year=2025",
             reverse("public:meeting", kwargs={"pk": meeting.pk}), reverse("public:positions"),
             reverse("public:compilation", kwargs={"year": 2025}), reverse("public:matters"),
             reverse("public:matter", kwargs={"pk": matter.pk}), reverse("public:plan"),
             reverse("public:search") + "?q=partsgemensamt", f"{reverse('public:search')}?q={PAYLOADS[0]}"]  # fmt: skip
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert_html(response.content.decode(), url)
    for url in [reverse("public:feed_positions"), reverse("public:calendar")]:
        assert "<script" not in client.get(url).content.decode().lower(), url
    api = client.get(reverse("api:meeting", kwargs={"pk": meeting.pk}))
    assert api["Content-Type"] == "application/json"
    names = [item["name"] for item in json.loads(api.content)["agendaItem"]]
    assert f"Partsgemensamt {PAYLOADS[0]}" in names  # JSON carries the text as data, never as HTML
    assert api["X-Content-Type-Options"] == "nosniff"


def test_no_staff_page_runs_a_payload(client, poisoned):
    client.force_login(poisoned["secretary"])
    meeting, item = poisoned["meeting"], poisoned["item"]
    for url in [reverse("staff:meeting", kwargs={"pk": meeting.pk}), reverse("staff:item_edit", kwargs={"pk": item.pk}),
                reverse("staff:notice_preview", kwargs={"pk": meeting.pk}), reverse("staff:positions"),
                reverse("staff:compilation", kwargs={"year": 2025}), reverse("staff:matters"),
                reverse("staff:overview")]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert_html(response.content.decode(), url)


def test_no_pdf_runs_a_payload(client, poisoned):
    meeting = poisoned["meeting"]
    public = client.get(reverse("public:notice_pdf", kwargs={"pk": meeting.pk})).getvalue()
    assert_inert_pdf(public, "public notice", 'Partsgemensamt <script>alert("xss")</script>')
    compilation = client.get(reverse("public:compilation_pdf", kwargs={"year": 2025})).getvalue()
    assert_inert_pdf(compilation, "compilation", "SRO ställer sig bakom <script>")
    client.force_login(poisoned["secretary"])
    staff = client.get(reverse("staff:notice_pdf", kwargs={"pk": meeting.pk})).content
    assert_inert_pdf(staff, "staff notice", "<img src=x onerror=alert(1)>")
