"""Reads of what was once published and what was taken down since, for open data (``opendata``): the API's
papers, notice PDFs, withdrawn notes and the log entries that tell a client an object was deleted, and the
published yearly reviews the sitemap lists. Open data reads the record only through selectors like these."""

from django.db.models import Exists, F, OuterRef

from meetings.models import Matter, MeetingLogEntry, MinutesWithdrawal, PublicNoticePdf, YearlyReview
from meetings.selectors import public_meetings_queryset
from meetings.selectors.notices import published_dispatches


def matter_with_body(*, pk: int) -> Matter | None:
    """The matter with its body, published or not: the caller asks ``public_matters`` whether it may be shown."""
    return Matter.objects.filter(pk=pk).select_related("body").first()


def meetings_with_withdrawn_notes(*, meetings) -> set[int]:
    """Of these meetings, the ids of those whose notes were published and later withdrawn (one query)."""
    return set(MinutesWithdrawal.objects.filter(version__minutes__meeting__in=meetings)
               .values_list("version__minutes__meeting_id", flat=True))  # fmt: skip


def public_notice_pdfs(*, meeting_ids: list[int]) -> dict:
    """The public PDF made of each meeting's published notice (its size and SHA-512, and ``recorded_sent_on``, the
    day its version was really sent where a past year was entered afterwards), by meeting id: one query."""
    made = PublicNoticePdf.objects.filter(dispatch__in=published_dispatches().filter(meeting_id__in=meeting_ids))
    made = made.annotate(meeting_id=F("dispatch__meeting_id"), recorded_sent_on=F("dispatch__recorded_sent_on"))
    return {pdf.meeting_id: pdf for pdf in made}


def public_meetings_of_body(*, body):
    """The body's public meetings, newest first, each with ``notes_once_published``: its notes were published and
    withdrawn since (a client must learn that they are gone)."""
    withdrawn = MinutesWithdrawal.objects.filter(version__minutes__meeting=OuterRef("pk"))
    return (public_meetings_queryset().filter(body=body).select_related("body")
            .annotate(notes_once_published=Exists(withdrawn)).order_by("-announced_date", "pk"))  # fmt: skip


def meeting_taken_down(*, meeting_pk: int, actions: tuple) -> MeetingLogEntry | None:
    """When something once public of the meeting was taken down (the notice unpublished, the notes withdrawn): the
    newest log entry of these actions, or None."""
    return (MeetingLogEntry.objects.filter(meeting_id=meeting_pk, action__in=actions)
            .order_by("-created_at", "-pk").first())  # fmt: skip


def newest_notes_withdrawal(*, meeting_pk: int) -> MinutesWithdrawal | None:
    """The latest withdrawal of the meeting's published notes, with the version withdrawn, or None."""
    return (MinutesWithdrawal.objects.filter(version__minutes__meeting_id=meeting_pk)
            .select_related("version").order_by("-withdrawn_at").first())  # fmt: skip


def published_review_years(*, body):
    """The years of the body's published yearly reviews (values, unordered, as the sitemap lists them)."""
    return YearlyReview.objects.filter(body=body, published_at__isnull=False).values_list("year", flat=True)
