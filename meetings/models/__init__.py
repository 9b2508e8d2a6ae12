from meetings.models.agenda import AgendaItem, Attachment, Presenter
from meetings.models.documents import DocumentText
from meetings.models.frozen import FrozenItem
from meetings.models.meeting import (
    Invitation,
    Meeting,
    MeetingLogEntry,
    NoticeDelivery,
    NoticeDispatch,
    PublicNoticePdf,
    Substitution,
)
from meetings.models.minutes import (
    Attendance,
    FrozenMinutesError,
    ItemNote,
    Minutes,
    MinutesVersion,
    MinutesWithdrawal,
    QuestionAnswer,
)
from meetings.models.plan import AnnualPlanShape
from meetings.models.positions import (
    AnnualPlanEntry,
    Assignment,
    Matter,
    MatterDeadline,
    PlanArea,
    Position,
    PositionCorrection,
)
from meetings.models.public import PublicMatter, PublicNotice, PublicVersion
from meetings.models.replies import NoticeReply
from meetings.models.review import ReviewHighlight, YearlyReview
from meetings.models.submission import Submission
from meetings.models.work import SentMail, WorkerBeat

__all__ = [
    "AgendaItem",
    "AnnualPlanEntry",
    "AnnualPlanShape",
    "Assignment",
    "Attachment",
    "Attendance",
    "DocumentText",
    "FrozenItem",
    "FrozenMinutesError",
    "Invitation",
    "ItemNote",
    "Matter",
    "MatterDeadline",
    "Meeting",
    "MeetingLogEntry",
    "Minutes",
    "MinutesVersion",
    "MinutesWithdrawal",
    "NoticeDelivery",
    "NoticeDispatch",
    "NoticeReply",
    "PlanArea",
    "Position",
    "PositionCorrection",
    "Presenter",
    "PublicMatter",
    "PublicNotice",
    "PublicNoticePdf",
    "PublicVersion",
    "QuestionAnswer",
    "ReviewHighlight",
    "SentMail",
    "Submission",
    "Substitution",
    "WorkerBeat",
    "YearlyReview",
]
