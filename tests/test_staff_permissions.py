"""Every staff URL × every role → the expected answer (pretix's test_permissions, Zulip's no-URL-untested)."""

import datetime
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    AnnualPlanEntry,
    Assignment,
    Attachment,
    Invitation,
    ItemNote,
    Matter,
    Minutes,
    MinutesVersion,
    PlanArea,
    Position,
    Presenter,
    Substitution,
    YearlyReview,
)
from members.models import Membership
from recommendations.models import Answer, Channel, Principal, Recommendation
from sro_portal.staff_urls import urlpatterns
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "guest", "chair", "secretary", "superuser"]
SECRETARY_ONLY = {"anonymous": "login", "member": 403, "chair": 403, "secretary": 200, "superuser": 200}
POST_ONLY = {"anonymous": "login", "member": 403, "chair": 403, "secretary": 405, "superuser": 405}
CHAIR_ONLY = {"anonymous": "login", "member": 403, "chair": 200, "secretary": 403, "superuser": 200}
# The notes are shown only to the chair and vice chair of that meeting: others with the role get 404.
REVIEWER_ONLY = {"anonymous": "login", "member": 403, "chair": 200, "secretary": 403, "superuser": 404}
REVIEWER_POST = {"anonymous": "login", "member": 403, "chair": 405, "secretary": 403, "superuser": 405}
# Withdrawing needs a published version: the fixture's notes have none, so the secretary is sent back (302).
SECRETARY_WITHDRAW = {**SECRETARY_ONLY, "secretary": 302, "superuser": 302}
ANY_LOGGED_IN = {"anonymous": "login", "member": 302, "chair": 302, "secretary": 302, "superuser": 302}
ANY_STAFF = {"anonymous": "login", "member": 403, "chair": 200, "secretary": 200, "superuser": 200}
# The second step of signing in: with no authenticator app there is nothing to ask, so on to the start page.
STAFF_ON_TO_START = {"anonymous": "login", "member": 403, "chair": 302, "secretary": 302, "superuser": 302}

# url name → (kwargs key, expected by role)
TABLE = {
    "overview": (None, ANY_STAFF),  # the chair's start page is what waits for her
    "meeting_create": (None, SECRETARY_ONLY),
    "meeting": ("meeting", SECRETARY_ONLY),
    "meeting_edit": ("sent_meeting", SECRETARY_ONLY),  # its notes not with the chair: the form opens
    "agenda": ("meeting", SECRETARY_ONLY),
    "agenda_reorder": ("meeting", POST_ONLY),
    "item_create": ("meeting", SECRETARY_ONLY),
    "items_copy": ("meeting", SECRETARY_ONLY),
    "notice_resend": ("meeting", POST_ONLY),
    "item_edit": ("item", SECRETARY_ONLY),
    "item_delete": ("item", SECRETARY_ONLY),
    "item_move": ("item", POST_ONLY),
    "item_duration": ("item", POST_ONLY),
    "presenter_add": ("item", POST_ONLY),
    "presenter_remove": ("presenter", POST_ONLY),
    "attachment_add": ("item", POST_ONLY),
    "attachment_download": ("attachment", SECRETARY_ONLY),
    "attachment_delete": ("attachment", POST_ONLY),
    "participants": ("meeting", SECRETARY_ONLY),
    "notice_undo": ("meeting", SECRETARY_ONLY),
    "notice_version_pdf": ("sent_meeting", SECRETARY_ONLY),
    "substitution_add": ("meeting", POST_ONLY),
    "substitution_remove": ("substitution", POST_ONLY),
    "invitation_add": ("meeting", POST_ONLY),
    "invitation_remove": ("invitation", POST_ONLY),
    "notice_preview": ("meeting", SECRETARY_ONLY),
    "notice_pdf": ("meeting", SECRETARY_ONLY),
    "notice_docx": ("meeting", SECRETARY_ONLY),
    "notice_send": ("meeting", SECRETARY_ONLY),
    "notice_publish": ("meeting", SECRETARY_ONLY),
    "minutes_start": ("meeting", POST_ONLY),
    "minutes": ("minutes", SECRETARY_ONLY),
    "minutes_attendance": ("minutes", SECRETARY_ONLY),
    "item_notes": ("item_note", SECRETARY_ONLY),
    "minutes_send": ("minutes", SECRETARY_ONLY),
    "minutes_publish": ("minutes", SECRETARY_ONLY),
    "minutes_withdraw": ("minutes", SECRETARY_WITHDRAW),
    "minutes_correct": ("minutes", SECRETARY_ONLY),
    "minutes_version_pdf": ("minutes", SECRETARY_ONLY),
    "minutes_docx": ("minutes", SECRETARY_ONLY),
    "review_list": (None, CHAIR_ONLY),
    "minutes_review": ("minutes", REVIEWER_ONLY),
    "minutes_approve": ("minutes", REVIEWER_POST),
    "minutes_return": ("minutes", REVIEWER_POST),
    "positions": (None, SECRETARY_ONLY),
    "position_create": (None, SECRETARY_ONLY),
    "position_edit": ("position", SECRETARY_ONLY),
    "compilation": ("year", SECRETARY_ONLY),
    "compilation_pdf": ("year", SECRETARY_ONLY),
    "assignments": (None, SECRETARY_ONLY),
    "assignment_status": ("assignment", POST_ONLY),
    "assignment_report": ("meeting_assignment", POST_ONLY),
    "matters": (None, SECRETARY_ONLY),
    "matter": ("matter", SECRETARY_ONLY),
    "deadline_add": ("matter", POST_ONLY),
    "matter_rename": ("matter", POST_ONLY),
    "yearly_review": ("year", SECRETARY_ONLY),
    "yearly_review_publish": ("year", SECRETARY_ONLY),  # GET asks before publishing (the fixture has a review)
    "yearly_review_pdf": ("year", SECRETARY_ONLY),
    "yearly_review_pptx": ("year", SECRETARY_ONLY),
    "matter_merge": ("matter", POST_ONLY),
    "plan": (None, SECRETARY_ONLY),
    "plan_entry_remove": ("plan_entry", POST_ONLY),
    "plan_area_add": (None, POST_ONLY),
    "plan_shape": (None, POST_ONLY),
    "people": (None, SECRETARY_ONLY),
    "person_create": (None, SECRETARY_ONLY),
    "term_change": (None, SECRETARY_ONLY),
    "person": ("person", SECRETARY_ONLY),
    "membership_add": ("person", POST_ONLY),
    "membership_end": ("membership", POST_ONLY),
    "plan_area_retire": ("plan_area", POST_ONLY),
    "meeting_plan": (None, SECRETARY_ONLY),
    "meeting_cancel": ("meeting", SECRETARY_ONLY),
    "cancellation_send": ("meeting", SECRETARY_ONLY),
    "tasks": (None, SECRETARY_ONLY),
    "archive_export": (None, SECRETARY_ONLY),
    "home": (None, ANY_LOGGED_IN),
    "login": (None, dict.fromkeys(ROLES, 200)),
    "logout": (None, dict.fromkeys(ROLES, 405)),
    "two_factor": (None, ANY_STAFF),
    "two_factor_verify": (None, STAFF_ON_TO_START),
    "choose_body": (None, POST_ONLY),
    "recommendations": (None, SECRETARY_ONLY),
    "recommendation_mark": ("position", SECRETARY_ONLY),
    "recommendation": ("recommendation", SECRETARY_ONLY),
    "recommendation_edit": ("recommendation", SECRETARY_ONLY),
    "recommendation_send": ("recommendation", SECRETARY_ONLY),
    "recommendation_status_note": ("recommendation", POST_ONLY),
    "recommendation_answer": ("recommendation_party", SECRETARY_ONLY),
    "recommendation_answer_file": ("answer", SECRETARY_ONLY),
    "recommendation_parties": (None, SECRETARY_ONLY),
    "recommendation_party_address": ("principal", POST_ONLY),
    "recommendation_channel_address": ("channel", POST_ONLY),
}

# A guest of a meeting (an account of the members' area, no password, no role) is refused like a member.
for _key, _expected in TABLE.values():
    _expected.setdefault("guest", _expected["member"])

TEST_PDF_SHA256 = hashlib.sha256(b"%PDF-1.4 test").hexdigest()  # a stored file is served only with its hash


@pytest.fixture
def objects(db, chair):
    return make_objects(chair)


def make_objects(chair, body=None):
    """One of everything a staff URL can name, in ``body`` (SRO if none), ``chair`` chairing it."""
    body = body or BodyFactory()
    meeting = MeetingFactory(body=body, date=datetime.date(2030, 4, 24))
    item = AgendaItemFactory(meeting=meeting)
    member = MembershipFactory(body=meeting.body, start_date=datetime.date(2030, 1, 1), end_date=None).person
    MembershipFactory(body=meeting.body, person=PersonFactory(user=chair), role=Membership.Role.CHAIR,
                      start_date=datetime.date(2030, 1, 1), end_date=None)  # fmt: skip
    attachment = Attachment(item=item, title="Bilaga")
    attachment.file.save("bilaga.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    minutes = Minutes.objects.create(meeting=meeting, status=Minutes.Status.SENT_TO_CHAIR)
    version = MinutesVersion(minutes=minutes, version=1, html="<p>x</p>", pdf_sha256=TEST_PDF_SHA256,
                             approved_by_name="Ordförande", approved_at=timezone.now())  # fmt: skip
    version.pdf.save("v1.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    matter = Matter.objects.create(body=meeting.body, title="Nytt hälso- och sjukvårdsavtal")
    position = Position.objects.create(body=meeting.body, how=Position.How.PER_CAPSULAM, taken_on=meeting.date,
                                       matter=matter, text="SRO ställer sig bakom förslaget.")  # fmt: skip
    assignment = Assignment.objects.create(body=meeting.body, position=position, assignees="VGR", description="Utred.",
                                           due_meeting=meeting)  # fmt: skip
    recommendation = Recommendation.objects.create(body=meeting.body, position=position, title="Hjälpmedel",
                                                   decision_asked="att anta", answer_by=meeting.date)  # fmt: skip
    principal = Principal.objects.get(common_name="Borås")
    answer = Answer(recommendation=recommendation, principal=principal, via=Answer.Via.SECRETARY,
                    recorded_at=timezone.now(), registration_number="KS 1")  # fmt: skip
    answer.decision_file.save("utdrag.pdf", ContentFile(b"%PDF-1.4 utdrag"), save=True)
    return {
        "recommendation": recommendation,
        "principal": principal,
        "channel": Channel.objects.get(short_name="GR"),
        "answer": answer,
        "position": position,
        "matter": matter,
        "assignment": assignment,
        "plan_entry": AnnualPlanEntry.objects.create(body=meeting.body, meeting=meeting, matter=matter),
        "plan_area": PlanArea.objects.create(body=meeting.body, name="Vårdinformationsmiljö"),
        "person": member,
        "membership": Membership.objects.filter(person=member).first(),
        "minutes": minutes,
        "item_note": ItemNote.objects.create(minutes=minutes, item=item),
        "meeting": meeting,
        "item": item,
        "presenter": Presenter.objects.create(item=item, person=PersonFactory()),
        "attachment": attachment,
        "substitution": Substitution.objects.create(meeting=meeting, substitute=PersonFactory(), replaces=member),
        "invitation": Invitation.objects.create(meeting=meeting, person=PersonFactory()),
        "sent_meeting": _sent_meeting(body),
        "review": YearlyReview.objects.create(body=body, year=meeting.date.year),
    }


def _sent_meeting(body):
    """A meeting whose notice was sent (version 1), with the PDF that went out."""
    from meetings.services.notices import notice_send

    meeting = MeetingFactory(body=body, date=datetime.date(2030, 5, 15))
    AgendaItemFactory(meeting=meeting)
    notice_send(meeting=meeting, by=None)
    return meeting


def test_every_staff_url_is_in_the_table():
    assert {p.name for p in urlpatterns} == set(TABLE)


def url_for(name, key, objects):
    if key == "year":
        kwargs = {"year": objects["meeting"].date.year}
    elif key == "recommendation_party":
        kwargs = {"pk": objects["recommendation"].pk, "principal_pk": objects["principal"].pk}
    elif key == "meeting_assignment":
        kwargs = {"pk": objects["meeting"].pk, "assignment_pk": objects["assignment"].pk}
    else:
        kwargs = {"pk": objects[key].pk} if key else {}
    if name in ("minutes_version_pdf", "notice_version_pdf"):
        kwargs["version"] = 1
    return reverse(f"staff:{name}", kwargs=kwargs or None)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_staff_url_answers_each_role_as_expected(cast, objects, name):
    """Every role in turn, each in a browser of its own, against the same objects (made once per URL)."""
    key, expected = TABLE[name]
    url = url_for(name, key, objects)
    for role in ROLES:
        client = Client()
        if cast[role]:
            client.force_login(cast[role])

        response = client.get(url)

        if expected[role] == "login":
            assert response.status_code == 302, (name, role)
            assert response["Location"].startswith(reverse("staff:login") + "?next="), (name, role)
        else:
            assert response.status_code == expected[role], (name, role)


@pytest.mark.parametrize("name", sorted(n for n, (_k, e) in TABLE.items() if e in (POST_ONLY, REVIEWER_POST)))
def test_state_changing_urls_refuse_anything_but_post_for_others(client, cast, objects, name):
    key, _expected = TABLE[name]
    url = url_for(name, key, objects)
    client.force_login(cast["member"])
    assert client.post(url).status_code == 403
    client.logout()
    assert client.post(url).status_code == 302


def test_an_unknown_meeting_is_404_for_the_secretary(client, secretary):
    client.force_login(secretary)
    assert client.get(reverse("staff:meeting", kwargs={"pk": 999999})).status_code == 404
