from meetings.models.agenda import AgendaItem, Attachment, Presenter
from meetings.models.meeting import Invitation, Meeting, MeetingLogEntry, NoticeDispatch, Substitution
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
    "MeetingLogEntry",
    "Minutes",
    "NoticeDispatch",
    "Position",
    "Presenter",
    "QuestionAnswer",
    "Substitution",
]
