"""Every public page type, every staff page, the members' area and a second body's public section, saved as served
and read by the Nu Html Checker in one run: no errors. The same run reads copies with one known fault put back, and
must report each of them."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from meetings.models import Invitation, Position
from meetings.pdf import html_to_pdf
from meetings.services.agenda import attachment_add
from meetings.services.notices import notice_publish, notice_send
from meetings.services.review import review_publish, review_save
from mymeetings.services import member_account
from recommendations.models import Principal
from sro_portal import public_urls
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, MembershipFactory, PersonFactory, blank_pdf
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


def test_the_members_area_and_each_bodys_public_section_are_valid_html(secretary, tmp_path):
    """Every page of "Mina möten" as a called member, a guest and someone signing in sees it (a meeting with a
    tagged and an untagged attachment, the answer form, an error in the sign-in form), and every page of a second
    body's public section under its own address."""
    sro, group = BodyFactory(), BodyFactory(short_name="GB", name="Gemensam beredning", subtitle="Beredning")
    meeting = MeetingFactory(body=sro, date=datetime.date(2031, 5, 14))
    item = AgendaItemFactory(meeting=meeting, order=1, title="Hjälpmedel")
    tagged = html_to_pdf('<html lang="sv"><title>Avtal</title><body><h1>Avtal</h1></body></html>')
    for name, content, public in (("avtal.pdf", tagged, True), ("skannad.pdf", blank_pdf(), False)):
        attachment_add(item=item, upload=SimpleUploadedFile(name, content), content_type="application/pdf",
                       title=name.removesuffix(".pdf").capitalize(), is_public=public)  # fmt: skip
    member = MembershipFactory(body=sro, start_date=datetime.date(2031, 1, 1), end_date=None).person
    guest = PersonFactory()
    Invitation.objects.create(meeting=meeting, person=guest)
    notice_send(meeting=meeting, by=secretary)

    as_member, as_guest, anonymous = Client(), Client(), Client()
    as_member.force_login(member_account(member))
    as_guest.force_login(member_account(guest))
    pages = {
        "home": as_member.get(reverse("mymeetings:home")),
        "meeting": as_member.get(reverse("mymeetings:meeting", args=[meeting.pk])),
        "answer": as_member.get(reverse("mymeetings:answer", args=[meeting.pk])),
        "answer-refused": (as_member.post(reverse("mymeetings:answer", args=[meeting.pk]), {"attending": "?"}), 400),
        "guest-home": as_guest.get(reverse("mymeetings:home")),
        "guest-meeting": as_guest.get(reverse("mymeetings:meeting", args=[meeting.pk])),
        "sign-in": anonymous.get(reverse("mymeetings:sign_in")),
        "sign-in-refused": (anonymous.post(reverse("mymeetings:sign_in"), {"email": "inte en adress"}), 400),
        "sign-in-sent": anonymous.post(reverse("mymeetings:sign_in"), {"email": "ann@example.se"}),
        "sign-in-link": anonymous.get(reverse("mymeetings:sign_in") + "?sesame=en-lank"),
    }
    for name, answered in pages.items():
        response, status = answered if isinstance(answered, tuple) else (answered, 200)
        _save(tmp_path, f"members-{name}", response, status=status)
    assert "Bilagan Skannad är inte tillgänglighetsanpassad" in (tmp_path / "members-meeting.html").read_text()

    # The second body's section: a published meeting, a position; each section page under /gb/.
    held = MeetingFactory(body=group, date=datetime.date(2030, 6, 12))
    AgendaItemFactory(meeting=held, order=1, title="Hjälpmedelsförsörjning")
    notice_send(meeting=held, by=None)
    notice_publish(meeting=held, by=secretary)
    Position.objects.create(body=group, how=Position.How.PER_CAPSULAM, taken_on=datetime.date(2030, 6, 1),
                            text="GB ställer sig bakom hjälpmedelsförsörjningen.")  # fmt: skip
    review_publish(review=review_save(body=group, year=2030, highlights=[], coming="<div>Mer samverkan</div>"),
                   by=secretary)  # fmt: skip
    html_pages = 0
    party = Principal.objects.get(common_name="Ale")
    for pattern in public_urls.section:
        route = str(pattern.pattern)
        if "<year:year>" in route:
            args = [group, 2030]
        elif "party/<id:pk>" in route:
            args = [group, party.pk]
        else:
            args = [group]
        response = anonymous.get(reverse(f"public:{pattern.name}", args=args))
        if response["Content-Type"].startswith("text/html"):
            _save(tmp_path, f"gb-{pattern.name}", response)
            html_pages += 1
    _save(tmp_path, "gb-meeting", anonymous.get(reverse("public:meeting", args=[held.pk])))
    assert html_pages >= 9  # home, meetings, positions, compilation, review, matters, plan, members, search

    found = vnu(tmp_path)

    assert len(found) == len(pages) + html_pages + 1
    assert {name: errors for name, errors in found.items() if errors} == {}
