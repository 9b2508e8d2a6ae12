"""Atom feeds of published notes and positions, and an iCalendar feed of the public meetings."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.ics import meeting_event, new_calendar
from meetings.selectors import public_latest_minutes, public_meetings_for_calendar
from meetings.selectors.registers import position_subject, positions_queryset
from members.selectors import default_body


class MinutesFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("SRO: published meeting notes")
    subtitle = gettext_lazy("Meeting notes of SRO as they are published.")

    def link(self):
        return reverse("public:meetings")

    def items(self):
        return public_latest_minutes(limit=30)

    def item_title(self, item):
        return _("Meeting notes of %(date)s") % {"date": date_format(item.minutes.meeting.date, "j F Y")}

    def item_description(self, item):
        if item.is_correction:
            return _("Corrected version %(version)s: %(reason)s") % {"version": item.version,
                                                                      "reason": item.correction_reason}  # fmt: skip
        return _("Approved by %(name)s.") % {"name": item.approved_by_name}

    def item_link(self, item):
        return reverse("public:minutes", kwargs={"pk": item.minutes.meeting_id})

    def item_guid(self, item):
        return f"{settings.SITE_URL}/meetings/{item.minutes.meeting_id}/notes/v{item.version}"

    def item_pubdate(self, item):
        return item.published_at


class PositionsFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("SRO: positions")
    subtitle = gettext_lazy("What SRO has said: positions taken at meetings, per capsulam and by the chair's decision.")

    def link(self):
        return reverse("public:positions")

    def items(self):
        return list(positions_queryset(body=default_body(), public=True)[:50])

    def item_title(self, item):
        return f"{position_subject(item)} ({item.get_how_display().lower()}, {date_format(item.taken_on, 'j F Y')})"

    def item_description(self, item):
        return item.plain_text

    def item_link(self, item):
        if item.agenda_meeting_id:
            return reverse("public:meeting", kwargs={"pk": item.agenda_meeting_id})
        return reverse("public:positions") + f"?year={item.taken_on.year}"

    def item_guid(self, item):
        return f"{settings.SITE_URL}/positions/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.taken_on, datetime.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))


def meetings_calendar(request):
    """The public meetings as an iCalendar feed that calendar programs can subscribe to."""
    calendar = new_calendar(x_wr_calname=_("SRO meetings"))
    for meeting in public_meetings_for_calendar():
        event = meeting_event(meeting)
        event.add("url", f"{settings.SITE_URL}{reverse('public:meeting', kwargs={'pk': meeting.pk})}")
        if meeting.status == meeting.Status.CANCELLED:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="sro-moten.ics"'
    return response
