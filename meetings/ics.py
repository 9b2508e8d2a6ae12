"""iCalendar pieces shared by the notice's invitation and the public calendar feed."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText


def new_calendar(**properties) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//SRO-portalen//sv")
    calendar.add("version", "2.0")
    for name, value in properties.items():
        calendar.add(name.replace("_", "-"), value)
    return calendar


def meeting_event(meeting, *, revised=None) -> Event:
    """A meeting as a calendar event; its UID is stable, so a later invitation or feed updates it.

    ``revised``: when what it says last changed, in a feed (its DTSTAMP and LAST-MODIFIED, RFC 5545 3.8.7.2); an
    invitation is stamped when it is made."""
    tz = ZoneInfo(settings.TIME_ZONE)
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{meeting.body.short_name.lower()}-portal")
    event.add("dtstamp", revised or timezone.now())
    if revised:
        event.add("last-modified", revised)
    event.add("dtstart", datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=tz))
    event.add("dtend", datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=tz))
    event.add("summary", f"{meeting.body.short_name} – {meeting.get_kind_display().lower()}")
    event.add("location", vText(meeting.form_display))
    return event
