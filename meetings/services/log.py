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
