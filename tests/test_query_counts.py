"""Every public page and API list runs a fixed number of SQL queries, however much has been published.

Counted on the demo data with one generated year (small) and again with 29 more (large: 30 years of
history, about 300 meetings, 4,500 agenda items, 9,000 positions); both must be the pinned number.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.demo.bulk import generate
from meetings.models import Meeting
from tests.test_public_pages import published_urls

pytestmark = pytest.mark.django_db

PINNED = {
    # The meeting page, its notice PDF and the API's items read the frozen sent version: fewer queries than
    # rendering the agenda. The latest notes (home, feed) are two: the newest meetings with published
    # notes by their date index, then their versions (one query read every version ever approved). A matter's
    # page reads the ids of the matters merged into it once (7 → 8); the compilation asks whether the year's
    # review is published, to link it (3 → 4). Search looks inside the public attachments too (6 → 9: the files the
    # published notices sent, the texts that match, the scans without text). Each body has its public section
    # (meetings.sections): a page of a section, or of a meeting, its notes or a matter, reads which body is the
    # first (one query: +1 for the meetings, a meeting, its notes, a matter, the notes feed and the calendar), and
    # search asks whether there are other bodies to search as well (9 → 10). The API's meetings read the size and
    # SHA-512 of their published notices' PDFs (6 → 7); a body reads which body is first, for its website (2 → 3).
    # Search asks which attachments match first, and reads the public records of those only, not of all (10 → 8 here,
    # where no attachment matches: one query for the matches, none for records, texts or scans). A matter's page
    # asks only whether the matter it read is public, not for the matter again without its body (8 → 7). The meeting
    # page reads the sent notice the public reads with the meeting (3 → 2). A matter's page reads whether the matter
    # is public with the matter (7 → 6). The annual plan is a year's, whole: it reads with its meetings those of the
    # next year it reaches (one query), which years have a plan, for their links, and the shape the year's plan is
    # printed in (3 → 5). A matter's page asks for its sent recommendations (6 → 7), the compilation
    # for the year's and their counts (4 → 7; its PDF 3 → 6). A recommendation's page: the body, the recommendation,
    # the 50 parties and their newest answers (the counts from those), the documents, the secretariat's dated
    # reports; the register (50 a page) counts its rows, and reads the page's counts in two.
    "home": 5, "meetings": 3, "meeting": 2, "generated_meeting": 2, "notice_pdf": 4, "minutes": 2,
    "minutes_pdf": 1, "attachment": 3, "positions": 5, "compilation": 7, "compilation_pdf": 6, "matters": 3,
    "review": 3, "review_pdf": 3, "review_pptx": 3, "positions_csv": 3, "positions_json": 3, "sitemap": 10,
    "matter": 7, "plan": 5, "plan_year": 5, "members": 3, "search": 8, "api_docs": 1, "accessibility": 1,
    "feed_minutes": 3,
    "feed_positions": 2, "calendar": 2, "bodies": 1, "feed_minutes_all": 2, "feed_positions_all": 2,
    "calendar_all": 1, "api:system": 0, "api:body": 3, "api:meeting_list": 7,
    "api:agenda_item_list": 4, "api:person_list": 4, "api:membership_list": 3, "api:organization_list": 4,
    "api:file_list": 3, "api:legislative_term_list": 3, "api:paper_list": 4, "api:consultation_list": 3,
    "recommendations": 7, "recommendation": 6, "recommendation_party": 4, "recommendation_decision": 2,
    "recommendation_csv": 3, "recommendation_json": 3, "recommendations_csv": 4, "recommendations_json": 4,
    "feed_recommendations": 2,
}  # fmt: skip


def api_urls(body) -> dict:
    return {
        "api:system": reverse("api:system"),
        "api:body": reverse("api:body", kwargs={"pk": body.pk}),
        **{f"api:{name}": reverse(f"api:{name}", kwargs={"body_pk": body.pk})
           for name in ("meeting_list", "agenda_item_list", "person_list", "membership_list", "organization_list",
                        "file_list", "legislative_term_list", "paper_list", "consultation_list")},
    }  # fmt: skip


def count_queries(client, urls: dict) -> dict:
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_public_pages_run_the_same_pinned_number_of_queries_at_small_and_large_data(client, demo):
    generate(body=demo, years=1, first_year=2015)
    urls = {**published_urls(), **api_urls(demo)}
    urls["search"] = reverse("public:search") + "?q=nära+vård"
    urls["generated_meeting"] = reverse("public:meeting", kwargs={"pk": Meeting.objects.get(date="2015-03-10").pk})
    for name in ("notice_pdf", "compilation_pdf", "review_pdf"):
        client.get(urls[name])  # the stored PDF is made once; what is counted is serving it
    small = count_queries(client, urls)
    generate(body=demo, years=29, first_year=1986)  # the years before: the pages counted show the same
    large = count_queries(client, urls)
    assert large == small
    assert small == PINNED
