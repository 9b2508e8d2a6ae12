"""Every public page type and every staff page, saved as served and read by the Nu Html Checker in one run:
no errors. The same run reads copies with one known fault put back, and must report each of them."""

import re

import pytest
from django.test import Client

from tests.standards.tools import vnu
from tests.test_public_pages import published_urls
from tests.test_staff_permissions import ANY_STAFF, CHAIR_ONLY, REVIEWER_ONLY, SECRETARY_ONLY, TABLE, make_objects
from tests.test_staff_permissions import url_for as staff_url

pytestmark = pytest.mark.django_db

# A fault of each kind the checker found on the staff pages before, put back into a copy of a real page.
FAULTS = {
    "fault-hx-attribute": (
        lambda html: html.replace("data-hx-post=", "hx-post=", 1),
        "Attribute “hx-post” not allowed on element “form” at this point.",
    ),
    "fault-trix-label": (
        lambda html: html.replace('role="textbox" aria-multiline="true"', 'aria-labelledby="body-label"', 1),
        "The “aria-labelledby” attribute must not be specified on any “trix-editor” element unless the element has a "
        "“role” value",
    ),
}


def _save(folder, name, response, status=200):
    assert response.status_code == status, (name, response.status_code)
    html = response.content.decode()
    if not html.lstrip().lower().startswith("<!doctype html>"):
        # A fragment htmx swaps into a page (the agenda): checked inside the least document that holds it.
        html = f'<!DOCTYPE html><html lang="sv"><head><title>{name}</title></head><body>{html}</body></html>'
    (folder / f"{name}.html").write_text(html, encoding="utf-8")
    return html


def test_every_public_page_type_is_valid_html(demo, tmp_path):
    anonymous = Client()
    for name, url in published_urls().items():
        response = anonymous.get(url)
        if response["Content-Type"].startswith("text/html"):
            _save(tmp_path, f"public-{name}", response)
    _save(tmp_path, "public-not-found", anonymous.get("/finns-inte/"), status=404)

    found = vnu(tmp_path)

    assert len(found) >= 16  # every HTML page type was read (the others are PDF, CSV, JSON, XML, calendars)
    assert {name: errors for name, errors in found.items() if errors} == {}


def test_every_staff_page_is_valid_html_and_the_checker_finds_each_fault_put_back(secretary, chair, tmp_path):
    objects = make_objects(chair)
    as_secretary, as_chair = Client(), Client()
    as_secretary.force_login(secretary)
    as_chair.force_login(chair)
    pages = {}
    for name, (key, expected) in sorted(TABLE.items()):
        if expected not in (SECRETARY_ONLY, ANY_STAFF, CHAIR_ONLY, REVIEWER_ONLY):
            continue
        client = as_chair if expected in (CHAIR_ONLY, REVIEWER_ONLY) else as_secretary
        response = client.get(staff_url(name, key, objects))
        if response["Content-Type"].startswith("text/html"):
            pages[name] = _save(tmp_path, f"staff-{name}", response)
    _save(tmp_path, "staff-login", Client().get(staff_url("login", None, objects)))

    agenda, item_form = pages["meeting"], pages["item_edit"]
    assert "data-hx-post=" in agenda and "<trix-editor " in item_form  # the faults below have somewhere to go
    for name, (put_back, _said) in FAULTS.items():
        (tmp_path / f"{name}.html").write_text(put_back(agenda if "hx" in name else item_form), encoding="utf-8")

    found = vnu(tmp_path)

    for name, (_put_back, said) in FAULTS.items():
        assert any(said in message for message in found.pop(f"{name}.html")), (name, found)
    assert len(found) >= 40  # every staff page was read
    assert {name: errors for name, errors in found.items() if errors} == {}
    assert not any(re.search(r"\shx-[a-z]+=", page) for page in pages.values())
