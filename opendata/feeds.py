"""Atom feeds of published notes and positions, and an iCalendar feed of the public meetings."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from icalendar import Timezone

from meetings.dates import long_date
from meetings.ics import meeting_event, new_calendar
from meetings.paths import path
from meetings.sections import section_reverse
from meetings.selectors import public_latest_minutes, public_meetings_for_calendar
from meetings.selectors.registers import position_subject, positions_queryset
from members.selectors import default_body


class _BodyFeed(Feed):
    """A feed of one body (its section's address, or the first body's at ``/``) or of every body
    (``everywhere``, under ``/bodies/``)."""

    feed_type = Atom1Feed

    def get_object(self, request, body=None, everywhere=False):
        if everywhere:
            return None
        first = default_body()
        body = body or first
        body.first_pk = first.pk  # its links: under / if it is the first body
        return body

    def _named(self, obj, one, every):
        return one % {"body": obj.short_name} if obj else every

    def author_name(self, obj):
        """Atom (RFC 4287 §4.1.1) asks an author of the feed or of each entry: the body that publishes, or the
        portal for the feed of every body."""
        return obj.name if obj else _("SRO portal")

    def _section(self, name, obj, *args):
        return section_reverse(name, obj, *args, default_pk=obj.first_pk) if obj else reverse("public:bodies")


class MinutesFeed(_BodyFeed):
    def title(self, obj):
        return self._named(obj, _("%(body)s: published meeting notes"), _("Every body: published meeting notes"))

    def subtitle(self, obj):
        return self._named(obj, _("Meeting notes of %(body)s as they are published."),
                           _("Meeting notes of every body in the portal as they are published."))  # fmt: skip

    def link(self, obj):
        return self._section("public:meetings", obj)

    def items(self, obj):
        return public_latest_minutes(body=obj, limit=30)

    def item_title(self, item):
        return _("Meeting notes of %(date)s") % {"date": long_date(item.minutes.meeting.date)}

    def item_description(self, item):
        if item.is_correction:
            return _("Corrected version %(version)s: %(reason)s") % {"version": item.version,
                                                                      "reason": item.correction_reason}  # fmt: skip
        return _("Approved by %(name)s.") % {"name": item.approved_by_name}

    def item_link(self, item):
        return path("public:minutes", pk=item.minutes.meeting_id)

    def item_guid(self, item):
        return f"{settings.SITE_URL}/meetings/{item.minutes.meeting_id}/notes/v{item.version}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # Atom (RFC 4287 §4.1.2) asks every entry's <updated>: an approved version is never changed once published.
        return item.published_at


class PositionsFeed(_BodyFeed):
    def title(self, obj):
        return self._named(obj, _("%(body)s: positions"), _("Every body: positions"))

    def subtitle(self, obj):
        return self._named(obj, _("What %(body)s has said: positions taken at meetings, per capsulam and by the "
                                  "chair's decision."), _("What the bodies in the portal have said."))  # fmt: skip

    def link(self, obj):
        return self._section("public:positions", obj)

    def items(self, obj):
        positions = list(positions_queryset(body=obj, public=True)[:50])
        first_pk = obj.first_pk if obj else default_body().pk
        registers = {}  # the register of the position's own body, once per body
        for position in positions:
            body = obj or position.body
            if body.pk not in registers:
                registers[body.pk] = section_reverse("public:positions", body, default_pk=first_pk)
            position.register_url = registers[body.pk]
        return positions

    def item_title(self, item):
        return f"{position_subject(item)} ({item.get_how_display().lower()}, {long_date(item.taken_on)})"

    def item_description(self, item):
        if item.corrected_at:  # a position outside a meeting corrected since: a feed reader is told, and why
            note = _("Corrected %(date)s") % {"date": long_date(timezone.localtime(item.corrected_at))}
            return f"{item.plain_text}\n\n{note}: {item.correction_reason}"
        return item.plain_text

    def item_updateddate(self, item):
        return item.corrected_at or self.item_pubdate(item)

    def item_link(self, item):
        if item.agenda_meeting_id:
            return path("public:meeting", pk=item.agenda_meeting_id)
        return item.register_url + f"?year={item.taken_on.year}"

    def item_guid(self, item):
        return f"{settings.SITE_URL}/positions/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.taken_on, datetime.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))


def meetings_calendar(request, body=None, everywhere=False):
    """The public meetings as an iCalendar feed that calendar programs can subscribe to: of the body whose
    section it is in, or of every body (``everywhere``)."""
    body = None if everywhere else (body or default_body())
    name = _("%(body)s meetings") % {"body": body.short_name} if body else _("Meetings of every body")
    calendar = new_calendar(x_wr_calname=name)
    for meeting in public_meetings_for_calendar(body=body):
        event = meeting_event(meeting, revised=meeting.public_modified)  # the same bytes until the public's changes
        event.add("url", f"{settings.SITE_URL}{path('public:meeting', pk=meeting.pk)}")
        if meeting.status == meeting.Status.CANCELLED:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    if not calendar.subcomponents:
        # RFC 5545 §3.6: a calendar holds at least one component; with no meeting in its window, the time zone of
        # the meetings it will hold.
        calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    # The body's own name ("sro-moten.ics", "gb-moten.ics"); the calendar of every body is not SRO's alone.
    filename = f"{body.slug}-moten.ics" if body else "alla-organ-moten.ics"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
