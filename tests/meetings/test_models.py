import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import AgendaItem, Minutes, Position
from tests.factories import AgendaItemFactory, MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db


def test_two_items_cannot_share_a_place_in_the_agenda():
    item = AgendaItemFactory(order=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(meeting=item.meeting, order=4)


def test_two_sub_items_cannot_share_a_place_under_one_item():
    item = AgendaItemFactory(order=1)
    AgendaItemFactory(meeting=item.meeting, parent=item, order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(meeting=item.meeting, parent=item, order=1)


def test_a_sub_item_may_have_the_same_order_as_a_top_level_item():
    item = AgendaItemFactory(order=1)
    AgendaItemFactory(meeting=item.meeting, parent=item, order=1)


def test_a_sub_item_must_belong_to_the_same_meeting():
    item = AgendaItemFactory()
    other = AgendaItemFactory.build(meeting=MeetingFactory(), parent=item, order=1)
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "samma möte" in str(error.value)


def test_a_meeting_must_end_after_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(start_time=datetime.time(15, 0), end_time=datetime.time(13, 0))


def test_a_meeting_has_one_set_of_notes():
    minutes = MinutesFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Minutes.objects.create(meeting=minutes.meeting)


def test_a_position_taken_at_a_meeting_needs_its_item():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(body=meeting.body, how=Position.How.MEETING, taken_on=meeting.date, text="x")


def test_a_per_capsulam_position_needs_no_item():
    meeting = MeetingFactory()
    Position.objects.create(body=meeting.body, how=Position.How.PER_CAPSULAM, taken_on=meeting.date, text="x")


def test_kind_label_is_printed_with_its_note_and_not_for_standing_items():
    assert AgendaItem(kind="information", kind_note="delrapport").kind_label == "Information (delrapport)"
    assert AgendaItem(kind="information_position").kind_label == "Information och ställningstagande"
    assert AgendaItem(kind="standing").kind_label == ""


def test_proposals_are_kept_in_order_cleaned_and_empty_ones_left_out():
    item = AgendaItem(
        proposals=[
            "<div>SRO ställer sig <b>bakom</b>:</div><ol><li>A</li></ol>",
            "<div> </div>",
            '<div onclick="x()">SRO ger <em>VGR</em> i uppdrag.</div><script>x()</script>',
        ]
    )
    assert item.proposal_list == [
        "<div>SRO ställer sig <b>bakom</b>:</div><ol><li>A</li></ol>",
        "<div>SRO ger <em>VGR</em> i uppdrag.</div>",
    ]


def test_a_position_written_before_formatting_reads_word_for_word():
    position = Position(text="SRO ställer sig bakom:", clauses="förslaget A\n\n  förslaget <B>  \n")
    assert position.html == "<div>SRO ställer sig bakom:</div><ol><li>förslaget A</li><li>förslaget &lt;B&gt;</li></ol>"
    assert position.plain_text == "SRO ställer sig bakom:\n1. förslaget A\n2. förslaget <B>"
