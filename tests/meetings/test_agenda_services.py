import datetime

import pytest

from meetings.models import AgendaItem, Meeting, MeetingLogEntry
from meetings.sanitize import clean_html
from meetings.selectors import agenda_with_times, previous_published_minutes
from meetings.services import ServiceError
from meetings.services import agenda as services
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def titles(meeting):
    return [e.item.title for e in agenda_with_times(meeting=meeting)]


def test_a_new_meeting_starts_with_the_standing_items(secretary):
    meeting = services.meeting_create(
        body=BodyFactory(),
        date=datetime.date(2026, 4, 23),
        start_time=datetime.time(13, 0),
        end_time=datetime.time(15, 0),
        by=secretary,
    )
    entries = agenda_with_times(meeting=meeting)
    assert [(e.number, e.item.title) for e in entries] == [
        ("1", "Mötets öppnande"),
        ("2", "Godkännande av dagens agenda"),
        ("3", "Föregående mötesanteckning"),
    ]
    assert [(c.number, c.item.title) for c in entries[0].children] == [
        ("1 a", "närvaro/frånvaro"),
        ("1 b", "övriga frågor"),
    ]
    assert entries[2].item.standing == AgendaItem.Standing.PREVIOUS_MINUTES
    assert MeetingLogEntry.objects.get(meeting=meeting, action="meeting_created").user == secretary


def test_item_3_links_the_last_published_notes_before_the_meeting(demo):
    later = MeetingFactory(body=demo, date=datetime.date(2023, 2, 23))
    minutes = previous_published_minutes(meeting=later)
    assert minutes.meeting.date == datetime.date(2022, 10, 19)
    earlier = MeetingFactory(body=demo, date=datetime.date(2022, 1, 1))
    assert previous_published_minutes(meeting=earlier) is None


def test_a_new_item_goes_last_and_its_text_is_sanitised():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, order=7)
    item = services.agenda_item_save(
        item=AgendaItem(
            meeting=meeting,
            title="Ny punkt",
            body='<p onclick="x()">Hej <script>alert(1)</script><a href="javascript:alert(1)">länk</a></p>',
        )
    )
    assert item.order == 8
    assert "script" not in item.body and "onclick" not in item.body and "javascript" not in item.body
    assert "Hej" in item.body


@pytest.mark.parametrize(
    "payload",
    [
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        "<iframe src=//evil></iframe>",
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<script>alert(1)</script>",
    ],
)
def test_known_xss_payloads_leave_no_script_handler_or_javascript_url(payload):
    cleaned = clean_html(payload).lower()
    for bad in ("<script", "onerror", "onload", "javascript:", "<iframe", "style=", "<svg", "<img"):
        assert bad not in cleaned


def test_rich_text_keeps_bold_lists_and_links():
    html = '<p><strong>Fet</strong> <a href="https://www.vgregion.se">VGR</a></p><ul><li>punkt</li></ul>'
    cleaned = clean_html(html)
    assert "<strong>Fet</strong>" in cleaned
    assert '<a href="https://www.vgregion.se" rel="noopener noreferrer">VGR</a>' in cleaned
    assert "<ul><li>punkt</li></ul>" in cleaned


def test_reorder_moves_the_times_with_the_items():
    meeting = MeetingFactory(start_time=datetime.time(13, 0))
    a = AgendaItemFactory(meeting=meeting, order=1, title="A", duration_minutes=30)
    b = AgendaItemFactory(meeting=meeting, order=2, title="B", duration_minutes=10)
    services.agenda_reorder(meeting=meeting, ordered_ids=[b.pk, a.pk])
    entries = agenda_with_times(meeting=meeting)
    assert [(e.item.title, e.start) for e in entries] == [("B", datetime.time(13, 0)), ("A", datetime.time(13, 10))]


def test_a_stale_order_is_refused_instead_of_guessed():
    meeting = MeetingFactory()
    a = AgendaItemFactory(meeting=meeting, order=1)
    b = AgendaItemFactory(meeting=meeting, order=2)
    AgendaItemFactory(meeting=meeting, order=3)  # added by someone else meanwhile
    with pytest.raises(ServiceError, match="Någon annan har ändrat dagordningen"):
        services.agenda_reorder(meeting=meeting, ordered_ids=[b.pk, a.pk])


def test_move_up_and_down_and_not_past_the_ends():
    meeting = MeetingFactory()
    a, _b, c = (AgendaItemFactory(meeting=meeting, order=n, title=t) for n, t in ((1, "A"), (2, "B"), (3, "C")))
    services.agenda_item_move(item=c, step=-1)
    assert titles(meeting) == ["A", "C", "B"]
    services.agenda_item_move(item=a, step=-1)
    assert titles(meeting) == ["A", "C", "B"]
    services.agenda_item_move(item=a, step=1)
    assert titles(meeting) == ["C", "A", "B"]


def test_a_presenter_who_is_not_a_member_joins_the_invited_by_themselves():
    meeting = MeetingFactory(date=datetime.date(2025, 4, 24))
    item = AgendaItemFactory(meeting=meeting)
    member = MembershipFactory(body=meeting.body).person
    guest = PersonFactory(first_name="Ulrika", last_name="Söderlund")
    services.presenter_add(item=item, person=member)
    services.presenter_add(item=item, person=guest, description="VGR")
    assert [i.label for i in meeting.invitations.all()] == ["Ulrika Söderlund, VGR"]
    with pytest.raises(ServiceError, match="redan föredragande"):
        services.presenter_add(item=item, person=guest)


def test_substitutes_must_replace_somebody_called():
    meeting = MeetingFactory(date=datetime.date(2025, 4, 24))
    member = MembershipFactory(body=meeting.body).person
    outsider, substitute = PersonFactory(), PersonFactory(first_name="Helen", last_name="Nordling")
    with pytest.raises(ServiceError, match="inte kallad"):
        services.substitution_add(meeting=meeting, substitute=substitute, replaces=outsider)
    with pytest.raises(ServiceError, match="sig själv"):
        services.substitution_add(meeting=meeting, substitute=member, replaces=member)
    substitution = services.substitution_add(meeting=meeting, substitute=substitute, replaces=member)
    assert str(substitution) == f"Helen Nordling ersätter {member.name}"
    with pytest.raises(ServiceError, match="redan en ersättare"):
        services.substitution_add(meeting=meeting, substitute=PersonFactory(), replaces=member)


def test_meeting_statuses_are_unchanged_by_editing_the_agenda():
    meeting = MeetingFactory()
    services.agenda_item_save(item=AgendaItem(meeting=meeting, title="x"))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED
