import datetime

import pytest

from meetings.models import AgendaItem, Meeting
from meetings.selectors import agenda_overruns, agenda_with_times
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def t(text):
    return datetime.time(*map(int, text.split(".")))


def test_times_run_from_the_start_through_the_durations_and_a_break_moves_them_on():
    meeting = MeetingFactory(start_time=t("13.30"), end_time=t("15.30"))
    AgendaItemFactory(meeting=meeting, order=1, duration_minutes=20)
    AgendaItemFactory(meeting=meeting, order=2, kind=AgendaItem.Kind.BREAK, title="Paus", duration_minutes=15)
    AgendaItemFactory(meeting=meeting, order=3, duration_minutes=10)

    entries = agenda_with_times(meeting=meeting)

    assert [(e.number, e.start, e.end) for e in entries] == [
        ("1", t("13.30"), t("13.50")),
        ("", t("13.50"), t("14.05")),
        ("2", t("14.05"), t("14.15")),
    ]


def test_an_item_without_duration_shows_no_time_and_takes_none():
    meeting = MeetingFactory(start_time=t("13.00"))
    AgendaItemFactory(meeting=meeting, order=1, duration_minutes=None)
    AgendaItemFactory(meeting=meeting, order=2, duration_minutes=5)

    first, second = agenda_with_times(meeting=meeting)

    assert (first.start, first.end, first.has_times) == (None, None, False)
    assert (second.start, second.end) == (t("13.00"), t("13.05"))


def test_sub_items_are_lettered_under_their_number():
    meeting = MeetingFactory()
    parent = AgendaItemFactory(meeting=meeting, order=1)
    AgendaItemFactory(meeting=meeting, parent=parent, order=2, title="övriga frågor")
    AgendaItemFactory(meeting=meeting, parent=parent, order=1, title="närvaro")

    (entry,) = agenda_with_times(meeting=meeting)

    assert [(c.number, c.item.title) for c in entry.children] == [("1 a", "närvaro"), ("1 b", "övriga frågor")]


def test_overrun_is_detected_when_the_agenda_passes_the_end_time():
    meeting = MeetingFactory(start_time=t("13.00"), end_time=t("14.00"))
    AgendaItemFactory(meeting=meeting, order=1, duration_minutes=45)
    assert not agenda_overruns(meeting=meeting, entries=agenda_with_times(meeting=meeting))
    AgendaItemFactory(meeting=meeting, order=2, duration_minutes=20)
    assert agenda_overruns(meeting=meeting, entries=agenda_with_times(meeting=meeting))


def test_the_demo_notice_has_the_times_of_the_real_notice(demo):
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    entries = agenda_with_times(meeting=meeting)
    shown = [(e.number, e.item.title[:30], e.start, e.end) for e in entries if e.has_times]

    # shared/seeds/003_572aeda89bf1bf84.txt: "(20 minuter, kl. 13.35 – 13.55)" and so on.
    assert shown == [
        ("4", "Nytt Hälso- och sjukvårdsavtal", t("13.35"), t("13.55")),
        ("5", "Partsgemensamt utvecklingsarbe", t("13.55"), t("14.15")),
        ("", "Paus", t("14.15"), t("14.30")),
        ("6", "Ny berednings- och beslutsordn", t("14.30"), t("14.50")),
        ("7", "Dialog om aktuella ärenden und", t("14.50"), t("15.00")),
        ("8", "Aktualisering av regional utve", t("15.00"), t("15.15")),
        ("9", "Studiebesök Jönköping", t("15.15"), t("15.25")),
    ]
    assert [e.number for e in entries if not e.has_times] == ["1", "2", "3", "10"]
    assert not agenda_overruns(meeting=meeting, entries=entries)


def test_agenda_reads_a_fixed_number_of_queries(demo, django_assert_num_queries):
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    with django_assert_num_queries(3):
        entries = agenda_with_times(meeting=meeting)
        for entry in entries:
            [p.label for p in entry.item.presenters.all()]
            [a.title for a in entry.item.attachments.all()]
