import datetime

from django.utils.translation import gettext as _

from meetings.dates import long_date
from meetings.models import Meeting, MeetingLogEntry


def log_change(*, meeting: Meeting, action: str, by=None, from_state: str = "", to_state: str = "", note: str = ""):
    """Write one row of the meeting's log."""
    return MeetingLogEntry.objects.create(
        meeting=meeting,
        action=action,
        user=by if by is not None and by.is_authenticated else None,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )


def recorded_note(*, sent_on: datetime.date | None = None, approved_on: datetime.date | None = None) -> str:
    """The log's words for a day entered afterwards (a past year put into the portal): staff read in the log that the
    day was recorded, by whom and when (the row's user and time), beside the day itself."""
    if sent_on:
        return _("recorded afterwards: sent on %(date)s") % {"date": long_date(sent_on)}
    return _("recorded afterwards: approved on %(date)s") % {"date": long_date(approved_on)}
