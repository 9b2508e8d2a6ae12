"""Public reads of meetings and notes: only what is published (the newest published, not withdrawn, version of
the notes; a published notice), for the public pages, the calendar and the start page."""

import datetime

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from meetings.models import (
    Meeting,
    MinutesVersion,
    PublicVersion,
)
from meetings.models.meeting import in_time_order
from meetings.querysets import built_once


def public_upcoming_meetings(*, body=None, today: datetime.date, limit: int = 5):
    """Coming meetings whose notice has been published, soonest first (of every body, each with its body)."""
    meetings = _upcoming(with_body=body is None).filter(announced_date__gte=today)
    if body is not None:
        meetings = meetings.filter(body=body)
    return in_time_order(meetings[:limit])


@built_once
def _upcoming(*, with_body: bool):
    meetings = Meeting.objects.notice_published().exclude(status=Meeting.Status.CANCELLED).as_announced()
    return meetings.select_related(*(["body"] if with_body else [])).order_by("announced_date", "pk")


def newest_published_versions():
    """Of each meeting's notes, the newest published version not withdrawn: what the public reads.

    The database keeps which one that is (``meetings.public_state``): a lookup, where the search for it ("published,
    and no newer published version of the same notes") was built and planned anew in every public query. Each is
    read with its meeting as it approved it (``as_approved``), not a correction in progress."""
    return MinutesVersion.objects.filter(pk__in=PublicVersion.objects.values("version_id")).as_approved()


def public_latest_minutes(*, body=None, limit: int = 5) -> list[MinutesVersion]:
    """The newest published notes, one per meeting (its newest published version), newest meeting first.

    The meetings are found first, walking their date index from the newest and stopping at ``limit``: the
    work does not grow with the years of history behind them (it read every version ever approved).
    Of one body, or of every body (``body=None``)."""
    meetings = _meetings_with_published_notes()
    if body is not None:
        meetings = meetings.filter(body=body)
    meetings = list(meetings[:limit])
    return list(_listed_versions().filter(minutes__meeting_id__in=meetings))


@built_once
def _meetings_with_published_notes():
    """Their ids, newest first."""
    meetings = Meeting.objects.filter(pk__in=PublicVersion.objects.values("minutes__meeting_id"))
    return meetings.order_by("-announced_date").values_list("pk", flat=True)


@built_once
def _listed_versions():
    """The versions the public reads, with what a list of them shows, newest meeting first."""
    return (
        newest_published_versions()
        .select_related("minutes__meeting")  # not the body: a list of them is of one body, or names none
        # The notes themselves (a list of them names and links each one), and what the meeting announced (each
        # version is read with the meeting as it approved it).
        .defer("html", "search_vector", "minutes__meeting__announced")
        .order_by("-minutes__meeting__announced_date")
    )


def public_minutes_version(*, meeting_pk: int):
    """The newest published version of a meeting's notes, or None: never a draft or the working copy."""
    return (
        newest_published_versions()
        .filter(minutes__meeting_id=meeting_pk)
        .select_related("minutes", "minutes__meeting", "minutes__meeting__body")
        .first()
    )


def _published_notes():
    """The version of the outer meeting's notes the public reads, if any (a subquery)."""
    return PublicVersion.objects.filter(minutes__meeting=OuterRef("pk"))


@built_once
def _public_meetings():
    """Meetings the public may see: with a published notice, or with published notes."""
    return Meeting.objects.filter(Q(notice_published_at__isnull=False) | Exists(_published_notes()))


@built_once
def public_meetings_queryset():
    """Meetings the public may see, as announced (``MeetingQuerySet.as_announced``), each with
    ``has_published_notes``."""
    return _public_meetings().annotate(has_published_notes=Exists(_published_notes())).as_announced()


def public_meetings_for_calendar(*, body=None) -> list[Meeting]:
    """The public meetings of the last year and all coming ones, for the calendar feed: of one body, or all."""
    since = timezone.localdate() - datetime.timedelta(days=366)
    meetings = public_meetings_queryset().filter(announced_date__gte=since)
    if body is not None:
        meetings = meetings.filter(body=body)
    return in_time_order(meetings.select_related("body"))


def public_meeting(*, pk: int, with_notice: bool = False) -> Meeting | None:
    """A public meeting, with ``public_notes_version``: the number of the version of its notes the public reads
    (None while none is published); ``with_notice``, with the sent version of its notice the public reads, in
    the same query (``meetings.selectors.notices.public_notice`` then asks nothing more)."""
    return _public_meeting(with_notice=with_notice).filter(pk=pk).first()


@built_once
def _public_meeting(*, with_notice: bool):
    notes = _published_notes().values("version__version")[:1]
    meetings = public_meetings_queryset().select_related("body", *(["public_notice__dispatch"] if with_notice else []))
    return meetings.annotate(public_notes_version=Subquery(notes))


def public_meeting_years(*, body) -> list[int]:
    return [d.year for d in _public_meetings().filter(body=body).dates("announced_date", "year", order="DESC")]


def public_meetings_of_year(*, body, year: int) -> list[Meeting]:
    """The body's public meetings of a year, newest first (each without its body: the archive is of one)."""
    return in_time_order(public_meetings_queryset().filter(body=body, announced_date__year=year), newest_first=True)
