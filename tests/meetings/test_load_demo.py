import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from pypdf import PdfReader

from meetings.models import AgendaItem, Attendance, Meeting, Minutes, Position
from meetings.sanitize import html_to_text
from members.models import Membership, Person

pytestmark = pytest.mark.django_db

NOTICE_SEED = settings.SEEDS_DIR / "003_572aeda89bf1bf84.txt"
NOTES_SEED = settings.SEEDS_DIR / "004_0ee1875f1cad063e.txt"


def counts():
    return [m.objects.count() for m in (Person, Membership, Meeting, AgendaItem, Position, Attendance)]


def squash(text: str) -> str:
    """The seeds break lines inside sentences and use odd bullets: compare on words alone."""
    return re.sub(r"\W+", " ", text).strip().lower()


def test_load_demo_is_idempotent(demo):
    before = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == before


def test_notice_of_6_march_2025_is_sent_and_published_with_its_whole_agenda(demo):
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    assert meeting.status == Meeting.Status.NOTICE_SENT
    assert meeting.notice_published_at is not None
    assert meeting.form_display == "Göteborgsregionens Kommunalförbund, Anders Personsgatan 8 - Göteborg"
    top = meeting.agenda_items.filter(parent=None).order_by("order")
    assert [i.title for i in top][:4] == [
        "Mötets öppnande",
        "Godkännande av dagens agenda",
        "Föregående mötesanteckning",
        "Nytt Hälso- och sjukvårdsavtal med tillhörande överenskommelser",
    ]
    assert top.count() == 11  # ten numbered items and the break
    item6 = top.get(title__startswith="Ny berednings")
    assert item6.get_kind_display() == "Information och ställningstagande"
    [proposal] = item6.proposal_list
    assert proposal.startswith("<div>Det politiska samrådsorganet SRO ställer sig bakom:</div><ol><li>")
    assert proposal.count("<li>") == 4
    assert [p.label for p in item6.presenters.all()] == ["Ulrika Söderlund, VGR", "Helen Nordling, Boråsregionen"]
    assert item6.attachments.get().title == "Beslutsunderlag - Statsbidrag psykisk hälsa 2025, SRO.pdf"
    assert [str(s) for s in meeting.substitutions.all()] == ["Helen Nordling ersätter Magnus Haggren"]
    assert meeting.invitations.first().label == "Ulrika Söderlund, VGR"


def test_demo_attachment_is_a_real_pdf(demo):
    attachment = AgendaItem.objects.get(title__startswith="Ny berednings").attachments.get()
    with attachment.file.open("rb") as handle:
        text = PdfReader(handle).pages[0].extract_text()
    assert "Statsbidrag psykisk hälsa" in " ".join(text.split())
    assert attachment.size == attachment.file.size


@pytest.mark.skipif(not NOTICE_SEED.exists(), reason="shared/seeds/ is not beside the checkout")
def test_every_title_presenter_and_proposal_of_the_demo_notice_stands_in_the_real_notice(demo):
    seed = squash(NOTICE_SEED.read_text(encoding="utf-8"))
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    for item in meeting.agenda_items.all():
        assert squash(item.title) in seed, item.title
        for proposal in item.proposal_list:
            for line in html_to_text(proposal).splitlines():
                assert squash(line.removeprefix("– ")) in seed, line
        for presenter in item.presenters.all():
            # The notice spells Jeanette Olsson "Janette" among the presenters.
            assert squash(presenter.person.last_name) in seed, presenter.label


def test_notes_of_19_october_2022_are_approved_and_published(demo):
    minutes = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19))
    assert minutes.status == Minutes.Status.PUBLISHED
    assert minutes.approved_by_name == "Johnny Magnusson"
    absent = minutes.attendance.exclude(status=Attendance.Status.PRESENT)
    assert {(a.person.name, a.status, a.note) for a in absent} == {
        ("Axel Josefsson", "absent", ""),
        ("Anna-Karin Skatt", "absent", ""),
        ("Kerstin Brunnström", "absent", "hade ej fått kallelsen"),
        ("Magnus Haggren", "partly", "efter 13.30"),
        ("Peter Amundin", "absent", ""),
    }
    assert minutes.attendance.get(person__last_name="Haggren").substitute.name == "Helen Nordling"
    positions = Position.objects.filter(item__meeting=minutes.meeting).order_by("item__order")
    working, frozen = positions.filter(minutes_version__isnull=True), positions.filter(minutes_version__version=1)
    assert working.count() == frozen.count() == 5  # the approved version froze a copy of each
    assert list(working.values_list("text_html", "text")) == list(frozen.values_list("text_html", "text"))
    assert working.filter(notes_information=False).count() == 2
    # The real notes list the four decisions as bullets: the list survives as one.
    assert working.get(item__title__startswith="Ställningstagande").html.count("<ul><li>") == 1
    assert working.get(item__title__startswith="Ställningstagande").html.count("<li>") == 4


def test_the_2023_meetings_the_2022_notes_decided_are_planned_and_january_is_cancelled(demo):
    meetings = Meeting.objects.filter(date__year=2023).order_by("date")
    assert [(f"{m.date:%d %m}", f"{m.start_time:%H.%M}–{m.end_time:%H.%M}", m.status) for m in meetings] == [
        ("12 01", "13.00–14.50", "cancelled"),
        ("23 02", "13.00–14.50", "planned"),
        ("28 04", "13.00–14.50", "planned"),
        ("01 06", "13.00–14.50", "planned"),
        ("07 09", "13.00–14.50", "planned"),
        ("23 11", "13.00–14.50", "planned"),
    ]
    cancelled = meetings.first().log.get(action="meeting_cancelled")
    assert cancelled.note.startswith("Januarimötet utgår då nya förtroendevalda inte hunnit tillträda.")


def test_the_demo_was_entered_through_the_services_each_step_in_the_meetings_log(demo):
    notes = Meeting.objects.get(date=datetime.date(2022, 10, 19))
    expected = {"meeting_created", "agenda_item_saved", "guest_invited", "minutes_started", "attendance_saved",
                "item_notes_saved", "minutes_sent_to_chair", "minutes_approved", "minutes_published"}  # fmt: skip
    assert expected <= set(notes.log.values_list("action", flat=True))
    notice = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    expected = {"presenter_added", "attachment_added", "substitute_added"}
    assert expected <= set(notice.log.values_list("action", flat=True))
    assert Meeting.objects.get(date=datetime.date(2025, 1, 30)).log.filter(action="assignment_added").exists()


@pytest.mark.skipif(not NOTES_SEED.exists(), reason="shared/seeds/ is not beside the checkout")
def test_every_text_question_answer_and_position_of_the_demo_notes_stands_in_the_real_notes(demo):
    seed = squash(NOTES_SEED.read_text(encoding="utf-8"))
    minutes = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19))
    for note in minutes.item_notes.all():
        for paragraph in re.split(r"<[^>]+>", note.text + note.closing_text):
            assert squash(paragraph) in seed, paragraph
        for qa in note.questions.all():
            assert squash(qa.question) in seed, qa.question
            assert squash(qa.answer) in seed, qa.answer
    for position in Position.objects.filter(item__meeting=minutes.meeting):
        for line in position.plain_text.splitlines():
            assert squash(line.removeprefix("– ")) in seed, line


def test_demo_users_are_refused_without_debug(db):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", "--users", verbosity=0)
    assert not get_user_model().objects.exists()


@override_settings(DEBUG=True)
def test_demo_users_get_their_roles_and_people(db):
    call_command("load_demo", "--users", verbosity=0)
    users = get_user_model().objects
    secretary = users.get(username="sekreterare")
    chair = users.get(username="ordforande")
    assert secretary.has_perm("meetings.draft_notice")
    assert not secretary.has_perm("meetings.approve_minutes")
    assert chair.has_perm("meetings.approve_minutes")
    assert not chair.has_perm("meetings.draft_notice")
    assert chair.person.name == "Helén Eliasson"
    # Each holds the role in SRO: the secretary keeps its meetings, and they are found on her start page.
    assert list(secretary.staff_roles.values_list("body__short_name", "role")) == [("SRO", "secretary")]
    assert list(chair.staff_roles.values_list("body__short_name", "role")) == [("SRO", "chair")]
    assert users.get(username="admin").is_superuser
    assert secretary.check_password("demo-sekreterare")
