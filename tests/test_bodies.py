"""Several bodies in one portal: each secretary keeps only her body, each body has its public section.

The URL × role × body table: every staff URL that names an object, tried by the secretary and the chair of the
*other* body, in both directions (SRO's objects by the preparation group's staff, and the group's by SRO's).
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms import ModelChoiceField
from django.test import Client
from django.urls import reverse

from meetings.models import AgendaItem, AnnualPlanShape, Matter, Meeting, Minutes, Position
from meetings.roles import SECRETARY, grant
from meetings.services.notices import notice_publish, notice_send
from members.admin import SHARED_CHOICES
from members.models import Body, Membership, Person, StaffRole
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    UserFactory,
)
from tests.test_staff_permissions import POST_ONLY, REVIEWER_POST, TABLE, make_objects, url_for

pytestmark = pytest.mark.django_db

# What the staff of the other body get for a URL that names this body's object: nothing (404), by GET or by
# the POST that would change it. The people register is shared: a person can sit in several bodies (a seat is
# added to the secretary's own body), so a person's page opens for both, but read-only, without contact details,
# and its POST is refused (members.access; the tests of "The people register" below). Approving is the chair's:
# the other body's secretary has no such role (403), the other body's chair does not chair this meeting (404).
NOT_HERS = {"secretary": 404, "chair": 403}
SHARED_PERSON = {"secretary": 200, "chair": 403}
REVIEW = {"secretary": 403, "chair": 404}
BODY_TABLE = {name: REVIEW if name in ("minutes_review", "minutes_approve", "minutes_return") else NOT_HERS
              for name, (key, _expected) in TABLE.items() if key not in (None, "year")}  # fmt: skip
BODY_TABLE["person"] = SHARED_PERSON
BODY_TABLE["membership_add"] = {"secretary": 400, "chair": 403}  # an empty form: refused, nothing saved


@pytest.fixture
def bodies(db, secretary, chair):
    """SRO with its secretary and chair (the cast), and "GB" with a secretary and a chair of its own."""
    group = BodyFactory(short_name="GB", name="Gemensam beredning", subtitle="Beredning inför SRO")
    group_secretary = UserFactory(username="sekreterare-gb", is_staff=True)
    grant(group_secretary, group, "secretary")
    group_chair = UserFactory(username="ordforande-gb", is_staff=True)
    grant(group_chair, group, "chair")
    return {
        "SRO": {"body": BodyFactory(), "secretary": secretary, "chair": chair, "objects": make_objects(chair)},
        "GB": {"body": group, "secretary": group_secretary, "chair": group_chair,
               "objects": make_objects(group_chair, group)},
    }  # fmt: skip


def _answer(user, name, url):
    """GET, or the POST that would change something where the URL only takes a POST."""
    client = Client()
    client.force_login(user)
    return (client.post if TABLE[name][1] in (POST_ONLY, REVIEWER_POST) else client.get)(url)


def test_every_staff_url_that_names_an_object_is_in_the_body_table():
    assert set(BODY_TABLE) == {name for name, (key, _e) in TABLE.items() if key not in (None, "year")}


@pytest.mark.parametrize("name", sorted(BODY_TABLE))
def test_the_other_bodys_staff_can_neither_see_nor_change_an_object(bodies, name):
    key = TABLE[name][0]
    for owner, other in (("SRO", "GB"), ("GB", "SRO")):
        url = url_for(name, key, bodies[owner]["objects"])
        for role, expected in BODY_TABLE[name].items():
            response = _answer(bodies[other][role], name, url)
            assert response.status_code == expected, (name, f"{role} of {other} on {owner}'s", url)
        own = _answer(bodies[owner]["secretary"], name, url)
        assert own.status_code not in (403, 404) or name in REVIEW_NAMES, (name, f"secretary of {owner}", own)


REVIEW_NAMES = ("minutes_review", "minutes_approve", "minutes_return")

# The lists a secretary sees, each with the staff URL of one of the body's objects it links.
LISTS = {
    "overview": ("meeting", "meeting"),
    "positions": ("position", "position_edit"),
    "matters": ("matter", "matter"),
    "plan": ("plan_entry", "plan_entry_remove"),
    "assignments": ("assignment", "assignment_status"),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_secretarys_lists_hold_her_own_bodys_entries_and_never_the_others(bodies, name):
    key, linked = LISTS[name]
    for own, other in (("SRO", "GB"), ("GB", "SRO")):
        client = Client()
        client.force_login(bodies[own]["secretary"])
        page = client.get(reverse(f"staff:{name}") + ("?year=2030" if name == "plan" else "")).content.decode()
        assert reverse(f"staff:{linked}", kwargs={"pk": bodies[own]["objects"][key].pk}) in page, (name, own)
        assert reverse(f"staff:{linked}", kwargs={"pk": bodies[other]["objects"][key].pk}) not in page, (name, own)


def test_a_secretary_chooses_the_shape_of_her_own_bodys_plan_and_never_the_others(bodies):
    client = Client()
    client.force_login(bodies["GB"]["secretary"])
    assert client.post(reverse("staff:plan_shape"), {"year": "2030", "shape": "columns"}).status_code == 302
    assert list(AnnualPlanShape.objects.values_list("body__short_name", "year", "shape")) == [("GB", 2030, "columns")]


def test_a_new_meeting_belongs_to_the_secretarys_own_body(bodies):
    client = Client()
    client.force_login(bodies["GB"]["secretary"])
    response = client.post(reverse("staff:meeting_create"), {
        "date": "2030-09-10", "start_time": "10:00", "end_time": "12:00", "form": Meeting.Form.DIGITAL,
        "kind": Meeting.Kind.ORDINARY, "location": "Teams", "lock_version": "", "clash_seen": ""})  # fmt: skip
    assert response.status_code == 302
    assert Meeting.objects.get(date=datetime.date(2030, 9, 10)).body == bodies["GB"]["body"]


def test_a_secretary_of_two_bodies_chooses_which_one_her_lists_show(bodies):
    both = bodies["SRO"]["secretary"]
    grant(both, bodies["GB"]["body"], "secretary")
    client = Client()
    client.force_login(both)
    sro_meeting = reverse("staff:meeting", kwargs={"pk": bodies["SRO"]["objects"]["meeting"].pk})
    gb_meeting = reverse("staff:meeting", kwargs={"pk": bodies["GB"]["objects"]["meeting"].pk})
    first = client.get(reverse("staff:overview")).content.decode()
    assert sro_meeting in first and gb_meeting not in first and 'id="working-body"' in first
    answer = client.post(reverse("staff:choose_body"), {"body": bodies["GB"]["body"].pk, "next": "/staff/"})
    assert answer.status_code == 302 and answer["Location"] == "/staff/"
    chosen = client.get(reverse("staff:overview")).content.decode()
    assert gb_meeting in chosen and sro_meeting not in chosen
    assert "Du arbetar nu med Gemensam beredning." in chosen
    # Both bodies' objects open for her, whichever is chosen.
    assert client.get(sro_meeting).status_code == 200 and client.get(gb_meeting).status_code == 200


def test_a_body_the_secretary_does_not_keep_cannot_be_chosen(bodies):
    client = Client()
    client.force_login(bodies["GB"]["secretary"])
    answer = client.post(reverse("staff:choose_body"), {"body": bodies["SRO"]["body"].pk,
                                                        "next": "https://evil.example/"}, follow=True)  # fmt: skip
    page = answer.content.decode()
    assert "Du är inte sekreterare i det organet." in page
    gb_meeting = reverse("staff:meeting", kwargs={"pk": bodies["GB"]["objects"]["meeting"].pk})
    assert answer.redirect_chain[-1][0] == reverse("staff:overview") and gb_meeting in page


def test_a_secretary_without_any_body_is_refused_rather_than_shown_another(db):
    user = UserFactory(username="utan-organ", is_staff=True)
    grant(user, BodyFactory(short_name="TMP", name="Tillfälligt"), "secretary")
    StaffRole.objects.filter(user=user).delete()  # the admin takes her last role away: the group goes with it
    assert not user.groups.filter(name=SECRETARY).exists()
    client = Client()
    client.force_login(user)
    assert client.get(reverse("staff:overview")).status_code == 403


def test_the_administrator_creates_a_body_and_gives_it_a_secretary(client, superuser, db):
    BodyFactory()
    newcomer = UserFactory(username="ny-sekreterare", is_staff=True)
    client.force_login(superuser)
    response = client.post("/admin/members/body/add/", {
        "name": "Politisk beredningsgrupp för hjälpmedel", "short_name": "PBH", "slug": "pbh", "subtitle": "",
        "description": "", "staff_roles-TOTAL_FORMS": "1", "staff_roles-INITIAL_FORMS": "0",
        "staff_roles-0-user": newcomer.pk, "staff_roles-0-role": "secretary"})  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    body = Body.objects.get(short_name="PBH")
    assert newcomer.groups.filter(name=SECRETARY).exists()
    helper = Client()
    helper.force_login(newcomer)
    helper.post(reverse("staff:meeting_create"), {"date": "2030-10-01", "start_time": "09:00", "end_time": "10:00",
                                                  "form": Meeting.Form.DIGITAL, "kind": Meeting.Kind.ORDINARY,
                                                  "location": "Teams"})  # fmt: skip
    assert Meeting.objects.get(date=datetime.date(2030, 10, 1)).body == body


def test_a_web_address_the_portal_uses_itself_is_refused_in_swedish(db):
    body = Body(name="Personal", short_name="Staff", slug="staff")
    with pytest.raises(ValidationError) as refused:
        body.full_clean()
    assert "är en av portalens egna adresser" in str(refused.value)


# The public sections


@pytest.fixture
def published(bodies):
    """Each body's published notice with an item only it has, and a position per capsulam of its own."""
    made = {}
    for short, word in (("SRO", "Ambulanssjukvård"), ("GB", "Hjälpmedelsförsörjning")):
        body = bodies[short]["body"]
        meeting = MeetingFactory(body=body, date=datetime.date(2030, 6, 11 if short == "SRO" else 12))
        AgendaItemFactory(meeting=meeting, order=5, title=f"{word} i Västra Götaland")
        notice_send(meeting=meeting, by=None)
        notice_publish(meeting=meeting, by=bodies[short]["secretary"])
        position = Position.objects.create(body=body, how=Position.How.PER_CAPSULAM, taken_on=datetime.date(2030, 6, 1),
                                           text=f"{short} ställer sig bakom {word.lower()}.")  # fmt: skip
        made[short] = {"meeting": meeting, "word": word, "position": position}
    return made


def test_each_body_has_its_own_public_section_and_sro_stays_at_the_root(client, bodies, published):
    gb, sro = published["GB"], published["SRO"]
    group_home = client.get("/gb/").content.decode()
    assert "Gemensam beredning" in group_home and "12 juni 2030" in group_home and "11 juni 2030" not in group_home
    assert 'href="/gb/meetings/"' in group_home and 'href="/gb/positions/"' in group_home
    root_home = client.get("/").content.decode()
    assert "11 juni 2030" in root_home and "12 juni 2030" not in root_home
    group_year = client.get("/gb/meetings/?year=2030").content.decode()
    assert reverse("public:meeting", kwargs={"pk": gb["meeting"].pk}) in group_year
    assert reverse("public:meeting", kwargs={"pk": sro["meeting"].pk}) not in group_year
    # A meeting keeps one address, and shows within its body's section.
    meeting_page = client.get(reverse("public:meeting", kwargs={"pk": gb["meeting"].pk})).content.decode()
    assert "Hjälpmedelsförsörjning i Västra Götaland" in meeting_page and 'href="/gb/meetings/"' in meeting_page
    group_register = client.get("/gb/positions/").content.decode()
    assert "GB ställer sig bakom hjälpmedel" in group_register
    # The yearly compilations are linked within the body's section, each named in full for a screen reader.
    assert (
        '<a href="/gb/positions/2030/"><span class="visually-hidden">Samtliga ställningstaganden </span>2030</a>'
        in (group_register)
    )
    root_register = client.get("/positions/").content.decode()
    assert "GB ställer sig bakom hjälpmedel" not in root_register
    assert '<a href="/positions/2030/"><span class="visually-hidden">Samtliga ställningstaganden </span>2030</a>' in (
        root_register
    )
    assert "GB ställer sig bakom hjälpmedel" in client.get("/gb/positions/2030/").content.decode()
    assert client.get("/gb/positions/2030.json").json()["organ"] == "Gemensam beredning"
    assert client.get("/gb/review/2030/").status_code == 404  # nothing published


@pytest.mark.parametrize("path", ["", "meetings/?year=2030", "positions/", "positions/2030/", "positions/2030.csv",
                                  "positions/2030.json", "matters/", "annual-plan/", "annual-plan/2030/", "members/",
                                  "search/?q=vård",
                                  "feeds/notes.atom", "feeds/positions.atom", "calendar.ics"])  # fmt: skip
def test_every_page_of_a_second_bodys_section_answers(client, published, path):
    assert client.get(f"/gb/{path}").status_code == 200


def test_the_first_bodys_own_address_leads_to_the_root_and_an_unknown_body_is_404(client, published):
    moved = client.get("/sro/meetings/?year=2030")
    assert moved.status_code == 301 and moved["Location"] == "/meetings/?year=2030"
    assert client.get("/sro/positions/2030/")["Location"] == "/positions/2030/"
    assert client.get("/finns-inte/").status_code == 404
    assert client.get("/finns-inte/positions/").status_code == 404


def test_search_in_one_body_or_in_every_body(client, published):
    word = published["GB"]["word"]
    assert word in client.get(f"/gb/search/?q={word}").content.decode()
    assert f"{word} i Västra" not in client.get(f"/search/?q={word}").content.decode()
    everywhere = client.get(f"/search/?q={word}&bodies=all").content.decode()
    assert f'href="/meetings/{published["GB"]["meeting"].pk}/#item-' in everywhere and "i alla organ" in everywhere
    assert '<p class="mb-0 small">GB · ' in everywhere


def test_feeds_and_calendars_per_body_and_across_all(client, published):
    gb_meeting, sro_meeting = published["GB"]["meeting"], published["SRO"]["meeting"]
    assert "GB ställer sig bakom hjälpmedel" in client.get("/gb/feeds/positions.atom").content.decode()
    assert "GB ställer sig bakom hjälpmedel" not in client.get("/feeds/positions.atom").content.decode()
    both = client.get("/bodies/feeds/positions.atom").content.decode()
    assert "GB ställer sig bakom hjälpmedel" in both and "SRO ställer sig bakom ambulans" in both
    gb_calendar = client.get("/gb/calendar.ics")
    assert f"/meetings/{gb_meeting.pk}/" in gb_calendar.content.decode()
    assert f"/meetings/{sro_meeting.pk}/" not in gb_calendar.content.decode()
    all_calendar = client.get("/bodies/calendar.ics")
    assert f"/meetings/{gb_meeting.pk}/" in all_calendar.content.decode()
    assert f"/meetings/{sro_meeting.pk}/" in all_calendar.content.decode()
    # Each file is named after what it holds: a calendar program shows the name when it is subscribed to.
    assert gb_calendar["Content-Disposition"] == 'inline; filename="gb-moten.ics"'
    assert all_calendar["Content-Disposition"] == 'inline; filename="alla-organ-moten.ics"'
    assert client.get("/calendar.ics")["Content-Disposition"] == 'inline; filename="sro-moten.ics"'


def test_the_page_of_every_body_links_each_section(client, published):
    page = client.get(reverse("public:bodies")).content.decode()
    assert 'href="/">Det politiska samrådsorganet SRO</a>' in page
    assert 'href="/gb/">Gemensam beredning</a>' in page


def test_a_draft_of_the_second_body_never_reaches_its_section(client, published):
    draft = MeetingFactory(body=published["GB"]["meeting"].body, date=datetime.date(2030, 11, 5))
    AgendaItem.objects.create(meeting=draft, order=1, title="Hemlig beredningspunkt", duration_minutes=10)
    for path in ("/gb/", "/gb/meetings/?year=2030", "/gb/search/?q=hemlig", "/search/?q=hemlig&bodies=all",
                 "/bodies/calendar.ics", "/gb/calendar.ics"):  # fmt: skip
        assert "5 november 2030" not in client.get(path).content.decode()
        assert "Hemlig beredningspunkt" not in client.get(path).content.decode()
    assert client.get(reverse("public:meeting", kwargs={"pk": draft.pk})).status_code == 404


def test_the_sitemap_holds_every_bodys_section_and_meetings(client, published):
    sitemap = client.get(reverse("public:sitemap")).content.decode()
    for path in (
        "/",
        "/gb/",
        "/gb/positions/",
        "/gb/positions/2030/",
        "/positions/2030/",
        "/bodies/",
        f"/meetings/{published['GB']['meeting'].pk}/",
        f"/meetings/{published['SRO']['meeting'].pk}/",
    ):
        assert f"<loc>http://testserver{path}</loc>" in sitemap, path
    assert "/sro/" not in sitemap  # the first body's pages have one address: under /


def test_alerts_of_one_body_or_of_every_body(client, published):
    from django.utils import timezone

    from alerts.models import Subscription
    from alerts.services import alerts_for_position

    gb_body = published["GB"]["meeting"].body
    now = timezone.now()
    Subscription.objects.create(email="gb@example.se", topic="positions", body=gb_body, confirmed_at=now)
    Subscription.objects.create(email="alla@example.se", topic="positions", confirmed_at=now)
    gb_position, sro_position = published["GB"]["position"], published["SRO"]["position"]
    assert alerts_for_position(position=gb_position) == 2
    assert alerts_for_position(position=sro_position) == 1  # the one who follows every body
    page = client.get(reverse("alerts:subscribe") + "?body=gb").content.decode()
    assert "Alla organ" in page and f'<option value="{gb_body.pk}" selected>Gemensam beredning</option>' in page
    answer = client.post(reverse("alerts:subscribe"), {"email": "ny@example.se", "topic": "notes", "body": gb_body.pk})
    assert answer.status_code == 200
    assert Subscription.objects.get(email="ny@example.se").body == gb_body


def test_the_admin_shows_a_secretary_only_her_bodys_meetings_and_seats(bodies):
    client = Client()
    client.force_login(bodies["GB"]["secretary"])
    sro_meeting, gb_meeting = bodies["SRO"]["objects"]["meeting"], bodies["GB"]["objects"]["meeting"]
    listing = client.get("/admin/meetings/meeting/").content.decode()
    assert f"/admin/meetings/meeting/{gb_meeting.pk}/" in listing
    assert f"/admin/meetings/meeting/{sro_meeting.pk}/" not in listing
    assert client.get(f"/admin/meetings/meeting/{sro_meeting.pk}/change/").status_code == 302  # "does not exist"
    seats = client.get("/admin/members/membership/").content.decode()
    sro_seat = bodies["SRO"]["objects"]["membership"]
    assert f"/admin/members/membership/{sro_seat.pk}/" not in seats
    assert client.get(f"/admin/members/membership/{sro_seat.pk}/change/").status_code == 302


# The chair's role and the secretariat's mails, per body


def test_another_bodys_chair_given_a_presidium_seat_cannot_approve(bodies):
    """Issue 34: GB's chair, given a seat as chair in SRO's presidium, approved SRO's notes in its chair's name."""
    from meetings.services import ServiceError
    from meetings.services.minutes import chair_can_approve, minutes_approve, minutes_return

    sro, intruder = bodies["SRO"], bodies["GB"]["chair"]
    minutes = sro["objects"]["minutes"]
    MembershipFactory(body=sro["body"], person=intruder.person, role=Membership.Role.CHAIR,
                      start_date=datetime.date(2030, 1, 1), end_date=None)  # fmt: skip
    assert not chair_can_approve(user=intruder, meeting=minutes.meeting)
    with pytest.raises(ServiceError):
        minutes_approve(minutes=minutes, by=intruder, password="correct-horse-battery")
    with pytest.raises(ServiceError):
        minutes_return(minutes=minutes, by=intruder, comment="Ändra.")
    client = Client()
    client.force_login(intruder)
    assert reverse("staff:minutes_review", kwargs={"pk": minutes.pk}) not in client.get(
        reverse("staff:review_list")).content.decode()  # fmt: skip
    assert client.get(reverse("staff:minutes_review", kwargs={"pk": minutes.pk})).status_code == 404
    answer = client.post(reverse("staff:minutes_approve", kwargs={"pk": minutes.pk}),
                         {"approve-password": "correct-horse-battery"})  # fmt: skip
    assert answer.status_code == 404
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.SENT_TO_CHAIR and not minutes.versions.filter(version=2).exists()
    # SRO's own chair still approves it.
    assert chair_can_approve(user=sro["chair"], meeting=minutes.meeting)


def test_the_chairs_comment_goes_to_the_meetings_body_secretaries_only(bodies, django_capture_on_commit_callbacks):
    from django.core import mail

    from meetings.services.minutes import minutes_return

    sro = bodies["SRO"]
    minutes = sro["objects"]["minutes"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        minutes_return(minutes=minutes, by=sro["chair"], comment="Lägg till frånvaron.")
    [returned] = mail.outbox
    assert returned.to == [sro["secretary"].email]
    assert bodies["GB"]["secretary"].email not in returned.to


# The people register: shared, but a person's credentials ("Mina möten") are walled


def test_a_secretary_cannot_take_over_another_bodys_member_by_their_address(bodies):
    """Issue 34: SRO's secretary set a GB-only member's address to her own and signed in as that member."""
    member = bodies["GB"]["objects"]["person"]
    member.email = "ledamot-gb@example.se"
    member.save()
    client = Client()
    client.force_login(bodies["SRO"]["secretary"])
    url = reverse("staff:person", kwargs={"pk": member.pk})
    page = client.get(url)
    assert page.status_code == 200  # the shared register: she may give the member a seat in SRO
    html = page.content.decode()
    assert "ledamot-gb@example.se" not in html and 'name="email"' not in html
    assert "Personen sitter inte i något av dina organ" in html and ">Spara</button>" not in html
    listed = client.get(reverse("staff:people")).content.decode()
    assert member.name in listed and "ledamot-gb@example.se" not in listed  # the register is shared, not the address
    answer = client.post(url, {"first_name": member.first_name, "last_name": member.last_name,
                               "email": "sekreterare@example.se"})  # fmt: skip
    assert answer.status_code == 403
    member.refresh_from_db()
    assert member.email == "ledamot-gb@example.se" and not member.log.exists()


def test_a_person_in_two_bodies_keeps_the_address_only_both_secretaries_may_change(bodies, mailoutbox):
    member = bodies["GB"]["objects"]["person"]
    member.email = "ledamot-gb@example.se"
    member.save()
    MembershipFactory(body=bodies["SRO"]["body"], person=member, start_date=datetime.date(2030, 1, 1), end_date=None)
    client = Client()
    client.force_login(bodies["SRO"]["secretary"])
    url = reverse("staff:person", kwargs={"pk": member.pk})
    assert 'name="email"' in client.get(url).content.decode()  # shown, but not to be changed
    answer = client.post(url, {"first_name": "Ny", "last_name": member.last_name, "email": "sekreterare@example.se"})
    assert answer.status_code == 302
    member.refresh_from_db()
    assert member.first_name == "Ny" and member.email == "ledamot-gb@example.se"  # the name is hers to fix
    # A secretary of both bodies changes it: logged, and the old address told in Swedish.
    grant(bodies["SRO"]["secretary"], bodies["GB"]["body"], "secretary")
    mailoutbox.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client.post(url, {"first_name": "Ny", "last_name": member.last_name, "email": "ny@example.se"})
    assert answer.status_code == 302
    member.refresh_from_db()
    assert member.email == "ny@example.se"
    [entry] = member.log.all()
    assert (entry.action, entry.old_value, entry.new_value, entry.user) == (
        "email_changed", "ledamot-gb@example.se", "ny@example.se", bodies["SRO"]["secretary"])  # fmt: skip
    [told] = mailoutbox
    assert told.to == ["ledamot-gb@example.se"] and told.subject == "Dina uppgifter i SRO-portalen har ändrats"
    assert "e-postadress ändrad" in told.body and "Mina möten" in told.body
    assert "E-postadress ändrad (ledamot-gb@example.se → ny@example.se)" in client.get(url).content.decode()


def test_a_secretary_ends_only_her_own_bodys_seats_on_a_shared_persons_page(bodies):
    member = bodies["GB"]["objects"]["person"]
    client = Client()
    client.force_login(bodies["SRO"]["secretary"])
    page = client.get(reverse("staff:person", kwargs={"pk": member.pk})).content.decode()
    gb_seat = bodies["GB"]["objects"]["membership"]
    assert reverse("staff:membership_end", kwargs={"pk": gb_seat.pk}) not in page
    assert client.post(reverse("staff:membership_end", kwargs={"pk": gb_seat.pk}),
                       {"end_date": "2030-12-31"}).status_code == 404  # fmt: skip


# The admin: the same walls for every add and change form a secretary can reach, and every choice in it

# Every model of the admin a secretary may add or change (the rest she may at most view: ``ViewOnly``).
ADMIN_WRITABLE = ["members.organisation", "members.party", "members.person", "members.term", "members.membership",
                  "meetings.matter"]  # fmt: skip


class _BrowserForm(HTMLParser):
    """What a browser submits from the admin's form: every named input, select and textarea with its value."""

    def __init__(self):
        super().__init__()
        self.data, self.multi, self._in_form, self._select, self._textarea = {}, set(), False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("id") or "").endswith("_form"):
            self._in_form = True
        if not self._in_form or (not attrs.get("name") and tag not in ("option",)):
            return
        name = attrs.get("name")
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file", "checkbox"):
            self.data[name] = attrs.get("value") or ""
        elif tag == "input" and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.data[name] = attrs.get("value") or "on"
        elif tag == "select":
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def _browser_data(response) -> dict:
    parser = _BrowserForm()
    parser.feed(response.content.decode())
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


def _choice_fields(response):
    """Every foreign-key choice of the form and of its inline rows: (name as posted, field)."""
    form = response.context["adminform"].form
    fields = [(form.add_prefix(n), f) for n, f in form.fields.items() if isinstance(f, ModelChoiceField)]
    for inline in response.context["inline_admin_formsets"]:
        for row in [*inline.formset.forms, inline.formset.empty_form]:
            # Not the row's own id (Django's hidden field; a swapped one is tried in the test) nor its parent.
            skip = (inline.formset.fk.name, inline.formset.model._meta.pk.name)
            fields += [(row.add_prefix(n), f) for n, f in row.fields.items() if isinstance(f, ModelChoiceField)
                       and n not in skip and not f.disabled]  # fmt: skip
    return fields


@pytest.fixture
def walls(bodies):
    """GB's secretary in the admin, one of her body's objects of each model, and SRO's ids she must not get."""
    from mymeetings.services import member_account
    from tests.factories import OrganisationFactory, PartyFactory, TermFactory

    sro, gb = bodies["SRO"], bodies["GB"]
    sro_member = sro["objects"]["person"]
    sro_member.email = "ledamot-sro@example.se"
    sro_member.save()
    other = {
        Body: [sro["body"]],
        Matter: [sro["objects"]["matter"]],
        Meeting: [sro["objects"]["meeting"]],
        get_user_model(): [sro["secretary"], sro["chair"], member_account(sro_member)],
    }
    own = {
        "members.organisation": OrganisationFactory(),
        "members.party": PartyFactory(),
        "members.person": gb["objects"]["person"],
        "members.term": TermFactory(),
        "members.membership": gb["objects"]["membership"],
        "meetings.matter": gb["objects"]["matter"],
    }
    client = Client()
    client.force_login(gb["secretary"])
    return {"client": client, "other": other, "own": own, "bodies": bodies}


def _refused(response, name) -> bool:
    """The form came back (not saved) with an error on ``name``."""
    if response.status_code != 200:
        return False
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += inline.formset.forms
    return any(f.add_prefix(n) == name for f in forms for n in f.errors)


def test_the_admin_lets_a_secretary_write_exactly_the_expected_models(walls):
    from django.contrib import admin

    client = walls["client"]
    writable = []
    for model in admin.site._registry:
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        if client.get(f"/admin/{label.replace('.', '/')}/add/").status_code == 200:
            writable.append(label)
    assert sorted(writable) == sorted(ADMIN_WRITABLE)


@pytest.mark.parametrize("label", ADMIN_WRITABLE)
def test_no_admin_form_offers_or_accepts_another_bodys_choice(walls, label):
    """Every add and change form: every foreign-key choice (in the form and in its inline rows) is without SRO's ids,
    and a form sent as the browser would, with one of SRO's ids in a choice, is refused and changes nothing."""
    client, other, own = walls["client"], walls["other"], walls["own"][label]
    base = f"/admin/{label.replace('.', '/')}/"
    checked = 0
    for url in (f"{base}add/", f"{base}{own.pk}/change/"):
        page = client.get(url)
        assert page.status_code == 200, url
        for name, field in _choice_fields(page):
            model = field.queryset.model
            if model in SHARED_CHOICES:
                continue  # the register's shared facts (members.admin.SHARED_CHOICES)
            assert model in other, f"{label} {name}: a choice of {model.__name__} the walls table does not know"
            offered = set(field.queryset.values_list("pk", flat=True))
            for foreign in other[model]:
                assert foreign.pk not in offered, (url, name, foreign)
                if "__prefix__" in name:
                    continue  # the empty row a browser copies: its choices are the ones checked above
                data = {**_browser_data(page), name: str(foreign.pk), "_save": "Spara"}
                before = _snapshot(own)
                answer = client.post(url, data)
                assert _refused(answer, name), (url, name, foreign, answer.status_code)
                assert _snapshot(own) == before, (url, name)
                checked += 1
    if label in ("members.person", "members.membership", "meetings.matter"):
        assert checked, f"{label}: no choice of another body was tried"
    if label == "members.person":  # her seat's row in the form, its id swapped for SRO's seat: nothing of SRO's moves
        url = f"{base}{own.pk}/change/"
        sro_seat = walls["bodies"]["SRO"]["objects"]["membership"]
        before = Membership.objects.filter(pk=sro_seat.pk).values().get()
        data = {**_browser_data(client.get(url)), "memberships-0-id": str(sro_seat.pk), "memberships-0-role": "chair",
                "_save": "Spara"}  # fmt: skip
        client.post(url, data)
        assert Membership.objects.filter(pk=sro_seat.pk).values().get() == before
    if label in ("members.person", "members.membership", "meetings.matter"):
        # The same form as the browser sends it, with her own choices, is saved: the refusals above are the walls'.
        page = client.get(f"{base}{own.pk}/change/")
        assert client.post(f"{base}{own.pk}/change/", {**_browser_data(page), "_save": "Spara"}).status_code == 302


def _snapshot(obj):
    """The object's row and, for a person, their seats: what a refused form must leave as it was."""
    row = type(obj)._default_manager.filter(pk=obj.pk).values().get()
    row.pop("updated_at", None)
    if isinstance(obj, Person):
        row["seats"] = sorted(Membership.objects.filter(person=obj).values_list("pk", "body_id"))
    counts = (Membership.objects.count(), Matter.objects.count(), Person.objects.count())
    return row, counts


def test_the_admin_refuses_to_relink_another_bodys_member_to_her_own_account(walls):
    """Issue 34: GB's secretary linked an SRO member's person to her own account and read SRO's documents."""
    client, sro = walls["client"], walls["bodies"]["SRO"]
    gb_secretary = walls["bodies"]["GB"]["secretary"]
    member = sro["objects"]["person"]
    url = f"/admin/members/person/{member.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="user"' not in page.content.decode()  # shown, not changeable
    assert "ledamot-sro@example.se" not in page.content.decode()  # and without contact details
    # Nor can she search the accounts to link one (only an administrator may).
    search = "/admin/autocomplete/?app_label=members&model_name=person&field_name=user&term=sek"
    assert client.get(search).status_code == 403
    answer = client.post(url, {"first_name": member.first_name, "last_name": member.last_name, "user": gb_secretary.pk,
                               "email": "gb@example.se", "_save": "Spara"})  # fmt: skip
    assert answer.status_code == 403
    member.refresh_from_db()
    assert member.user_id != gb_secretary.pk and member.email == "ledamot-sro@example.se"
    # A person in both bodies: she may fix the name, the account link and the address stay as they were.
    MembershipFactory(body=walls["bodies"]["GB"]["body"], person=member, start_date=datetime.date(2030, 1, 1),
                      end_date=None)  # fmt: skip
    page = client.get(url)
    assert 'name="user"' not in page.content.decode() and 'name="email"' not in page.content.decode()
    data = {**_browser_data(page), "first_name": "Nytt", "user": str(gb_secretary.pk), "email": "gb@example.se",
            "_save": "Spara"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    member.refresh_from_db()
    assert (
        member.first_name == "Nytt" and member.user_id != gb_secretary.pk and member.email == "ledamot-sro@example.se"
    )


def test_the_admin_shows_a_secretary_only_her_bodys_role_holders_and_body(walls):
    client, sro = walls["client"], walls["bodies"]["SRO"]
    assert client.get(f"/admin/members/body/{sro['body'].pk}/change/").status_code == 302  # "does not exist"
    listing = client.get("/admin/members/body/").content.decode()
    assert f"/admin/members/body/{sro['body'].pk}/" not in listing
    filters = client.get("/admin/members/membership/").content.decode()
    assert f"body__id__exact={sro['body'].pk}" not in filters


def test_the_send_page_offers_an_address_only_for_people_whose_credentials_she_may_change(bodies):
    """A called member without an address who also sits in GB: SRO's secretary may not give them one (it would
    open GB's meetings to whoever reads that mail); one who sits in SRO only she may."""
    sro, gb = bodies["SRO"], bodies["GB"]
    meeting = sro["objects"]["meeting"]
    shared = gb["objects"]["person"]
    MembershipFactory(body=sro["body"], person=shared, start_date=datetime.date(2030, 1, 1), end_date=None)
    own = sro["objects"]["person"]
    assert not shared.email and not own.email
    client = Client()
    client.force_login(sro["secretary"])
    url = reverse("staff:notice_send", kwargs={"pk": meeting.pk})
    page = client.get(url).content.decode()
    assert f'name="email_{own.pk}"' in page and f'name="email_{shared.pk}"' not in page
    client.post(url, {"save_addresses": "1", f"email_{own.pk}": "egen@example.se",
                      f"email_{shared.pk}": "sekreterare@example.se"})  # fmt: skip
    shared.refresh_from_db()
    own.refresh_from_db()
    assert shared.email == "" and own.email == "egen@example.se"
    assert own.log.get().user == sro["secretary"]


def test_every_admin_list_a_secretary_opens_holds_only_her_bodys_rows(walls):
    """The lists of the admin, logs included: every model with a body shows GB's secretary GB's rows only; the
    others are the register's shared facts."""
    from django.contrib import admin
    from django.test import RequestFactory

    gb = walls["bodies"]["GB"]
    request = RequestFactory().get("/admin/")
    request.user = gb["secretary"]
    shared = {Person, Body, *SHARED_CHOICES}
    looked = set()
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_permission(request):
            continue
        path = getattr(model_admin, "body_path", None)
        if path is None or model is Body:
            assert model in shared, f"{model.__name__}: listed to a secretary with no wall"
            continue
        rows = model_admin.get_queryset(request)
        assert set(rows.values_list(path, flat=True)) <= {gb["body"].pk}, model.__name__
        looked.add(model._meta.model_name)
    assert {"meeting", "agendaitem", "matter", "minutes", "membership"} <= looked
    bodies = admin.site._registry[Body].get_queryset(request)
    assert list(bodies) == [gb["body"]]


def test_a_secretary_can_neither_create_a_matter_in_another_body_nor_move_hers_there(walls):
    """Issue 34: in the admin GB's secretary made a matter in SRO, or moved her own there (it then showed in SRO's
    public register, search and API)."""
    client, sro = walls["client"], walls["bodies"]["SRO"]
    matter = walls["bodies"]["GB"]["objects"]["matter"]
    url = f"/admin/meetings/matter/{matter.pk}/change/"
    page = client.get(url)
    data = {**_browser_data(page), "title": "Flyttat ärende", "body": str(sro["body"].pk), "_save": "Spara"}
    assert 'name="body"' not in page.content.decode()  # a matter stays in its body
    assert client.post(url, data).status_code == 302
    matter.refresh_from_db()
    assert matter.title == "Flyttat ärende" and matter.body == walls["bodies"]["GB"]["body"]
    made = client.post("/admin/meetings/matter/add/", {"title": "Nytt i SRO", "description": "", "body": sro["body"].pk,
                                                       "_save": "Spara"})  # fmt: skip
    assert made.status_code == 200 and not Matter.objects.filter(title="Nytt i SRO").exists()
