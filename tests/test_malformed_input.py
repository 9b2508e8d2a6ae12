"""No URL answers 500 to a malformed parameter: every URL pattern of the public site, the API and the staff
area, with out-of-range and malformed ids in the path and every query parameter the views read."""

import re

import pytest
from django.urls import URLPattern, reverse

from mymeetings import urls as mymeetings_urls
from opendata.urls import api
from recommendations.urls import answer as answer_urls
from sro_portal import public_urls as public
from sro_portal import staff_urls as staff
from tests.test_staff_permissions import TABLE, url_for
from tests.test_staff_permissions import objects as objects

pytestmark = pytest.mark.django_db

# 0 names nothing, 2**31 overflows a PostgreSQL integer, 10**20 overflows a bigint too.
BAD_IDS = [0, 2**31, 10**20]
BAD_KEYS = ["x", "attachment-99999999999999999999", "body-abc", "a" * 400]
BAD_QUERIES = [
    "year=0", "year=99999", "year=-1", "year=abc", "page=0", "page=-1", "page=abc", "page=99999999999",
    "date=2025-02-30", "date=abc", "date=99999-01-01", "term=abc", "term=99999999999", "matter=abc",
    "matter=99999999999", "meeting=abc", "how=x", "only_notes_information=x", "parent=abc",
    "parent=99999999999", "kind=x", "next=https://evil.example", "q=" + "ord " * 1500, "q=%00", "q=%ff%fe",
]  # fmt: skip
MODULES = {"/": public.urlpatterns, "/api/oparl/v1/": api.urlpatterns, "/staff/": staff.urlpatterns,
           "/my-meetings/": mymeetings_urls.urlpatterns, "/answer/": answer_urls.urlpatterns, "/sro/": public.section,
           "/finns-inget-sadant-organ/": public.section}  # fmt: skip


def _bad_paths(prefix: str):
    """Each pattern's route with bad values written in (not reversed: the converters would refuse them)."""
    for pattern in MODULES[prefix]:
        if not isinstance(pattern, URLPattern) or not pattern.pattern.converters:
            continue
        for bad_id, bad_key in zip(BAD_IDS, BAD_KEYS, strict=False):
            path = re.sub(r"<(\w+):(\w+)>", lambda m, i=bad_id, k=bad_key: str(i if m[1] in ("int", "id") else k),
                          str(pattern.pattern))  # fmt: skip
            yield pattern.name, prefix + path


@pytest.mark.parametrize("role", ["anonymous", "secretary", "chair"])
def test_out_of_range_and_malformed_ids_are_never_a_500(client, cast, demo, role):
    client.raise_request_exception = False
    if cast[role]:
        client.force_login(cast[role])
    for prefix in MODULES:
        for name, url in _bad_paths(prefix):
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code < 500, (role, name, url, method.__name__)


def test_malformed_query_parameters_on_every_public_and_api_url_are_never_a_500(client, demo):
    from tests.test_public_pages import published_urls

    client.raise_request_exception = False
    urls = list(published_urls().values())
    urls += [reverse(f"api:{p.name}", kwargs={"body_pk": demo.pk}) for p in api.urlpatterns
             if "body_pk" in p.pattern.converters]  # fmt: skip
    for url in urls:
        for query in BAD_QUERIES:
            response = client.get(f"{url}?{query}")
            assert response.status_code < 500, (url, query)


def test_malformed_query_parameters_on_every_staff_url_are_never_a_500(client, secretary, objects):
    client.raise_request_exception = False
    client.force_login(secretary)
    for name, (key, _expected) in TABLE.items():
        if name in ("logout", "login"):
            continue
        url = url_for(name, key, objects)
        for query in BAD_QUERIES:
            response = client.get(f"{url}?{query}")
            assert response.status_code < 500, (name, url, query)


def test_the_error_pages_are_swedish_and_styled(client, member_user):
    page = client.get("/finns-inte/")
    assert page.status_code == 404 and "Sidan hittades inte" in page.content.decode()
    assert 'lang="sv"' in page.content.decode() and "site.css" in page.content.decode()
    client.force_login(member_user)
    denied = client.get(reverse("staff:meeting_create"))
    assert denied.status_code == 403 and "Du kan inte öppna den här sidan" in denied.content.decode()


def test_the_chair_opening_the_staff_area_sees_what_waits_for_her(client, chair):
    client.force_login(chair)
    page = client.get(reverse("staff:overview"))
    assert page.status_code == 200 and "Att godkänna" in page.content.decode()
