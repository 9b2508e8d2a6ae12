from meetings.models.agenda import AgendaItem, Attachment, Presenter
from meetings.models.meeting import Invitation, Meeting, Substitution
from meetings.models.minutes import Attendance, ItemNote, Minutes, QuestionAnswer
from meetings.models.positions import Assignment, Matter, Position

__all__ = [
    "AgendaItem",
    "Assignment",
    "Attachment",
    "Attendance",
    "Invitation",
    "ItemNote",
    "Matter",
    "Meeting",
    "Minutes",
    "Position",
    "Presenter",
    "QuestionAnswer",
    "Substitution",
]
