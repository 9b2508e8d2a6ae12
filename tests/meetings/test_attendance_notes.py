"""The notes' attendance says what the secretary meant: a partly present member's "till 14.30" is printed as when
they were there, not as if they were absent until then; the real notes' "efter 13.30" stays as SRO writes it."""

import pytest
from django.utils import translation

from meetings.models import Attendance
from meetings.selectors import _attendance_line
from members.models import Person


@pytest.mark.parametrize(
    ("status", "note", "line"),
    [
        ("partly", "till 14.30", "Marina Johansson (närvarande till 14.30)"),
        ("partly", "från 13.30", "Marina Johansson (närvarande från 13.30)"),
        ("partly", "efter 13.30", "Marina Johansson efter 13.30"),
        ("absent", "hade ej fått kallelsen", "Marina Johansson (hade ej fått kallelsen)"),
        ("absent", "", "Marina Johansson"),
    ],
)
def test_partly_present_notes_say_when_the_member_was_there(status, note, line):
    person = Person(first_name="Marina", last_name="Johansson")
    with translation.override("sv"):
        assert _attendance_line(Attendance(person=person, status=status, note=note)) == line
