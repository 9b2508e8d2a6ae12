"""Who may see which meeting in the members' area, and what it holds for them.

A person sees a meeting once its notice was sent, if they were called to it (a member on its date, or a
substitute noted for it) or invited to it; a guest (invited, not called) only until GUEST_ACCESS_DAYS after
it. What they see is the newest sent version of the notice, as it was frozen: every attachment, public or not.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from meetings.files import verified_bytes
from meetings.models import Attachment, FrozenItem, Invitation, Meeting, NoticeDispatch, PublicVersion, Substitution
from meetings.models.meeting import in_time_order
from meetings.pdf_merge import conformance
from members.models import Membership, Person


def person_of(user) -> Person | None:
    """The person in the register behind a signed-in account, or None."""
    return getattr(user, "person", None) if user.is_authenticated else None


def guest_until(meeting_date: datetime.date) -> datetime.date:
    return meeting_date + datetime.timedelta(days=settings.GUEST_ACCESS_DAYS)


def entitled_meetings(person: Person, today: datetime.date):
    called = Exists(
        # Called: a member on the date the notice announced (one saved since and not sent calls nobody yet).
        Membership.objects.filter(
            person=person, body=OuterRef("body"), start_date__lte=OuterRef("announced_date")
        ).filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("announced_date")))
    )
    substitute = Exists(Substitution.objects.filter(meeting=OuterRef("pk"), substitute=person))
    invited = Exists(Invitation.objects.filter(meeting=OuterRef("pk"), person=person))
    earliest_for_guests = today - datetime.timedelta(days=settings.GUEST_ACCESS_DAYS)
    return (
        Meeting.objects.filter(notice_version__gte=1)
        .annotate(is_called=called, is_substitute=substitute, is_invited=invited)
        .filter(Q(is_called=True) | Q(is_substitute=True) | Q(is_invited=True, announced_date__gte=earliest_for_guests))
        .annotate(has_published_notes=Exists(PublicVersion.objects.filter(minutes__meeting=OuterRef("pk"))))
        .select_related("body")
        .as_announced()
    )


@dataclass
class MyMeeting:
    """A meeting the person was called or invited to by its newest sent notice (``dispatch``), read as announced
    (``MeetingQuerySet.as_announced``)."""

    meeting: Meeting
    dispatch: NoticeDispatch

    @property
    def as_guest(self) -> bool:
        return not (self.meeting.is_called or self.meeting.is_substitute)

    @property
    def open_until(self) -> datetime.date | None:
        return guest_until(self.meeting.date) if self.as_guest else None


def my_meetings(person: Person, *, today: datetime.date | None = None) -> list[MyMeeting]:
    """Every meeting the person may see, newest sent notice each, in date order (two queries)."""
    meetings = in_time_order(entitled_meetings(person, today or timezone.localdate()))
    newest = {}
    for dispatch in NoticeDispatch.objects.filter(meeting__in=meetings).order_by("meeting_id", "version"):
        newest[dispatch.meeting_id] = dispatch
    return [MyMeeting(meeting, newest[meeting.pk]) for meeting in meetings if meeting.pk in newest]


def my_meeting(person: Person, pk: int, *, today: datetime.date | None = None) -> MyMeeting | None:
    """One meeting the person may see, or None (not called, not invited, a guest past their time, no notice)."""
    meeting = entitled_meetings(person, today or timezone.localdate()).filter(pk=pk).first()
    if meeting is None:
        return None
    return MyMeeting(meeting, NoticeDispatch.objects.filter(meeting=meeting).order_by("-version").first())


@dataclass
class Document:
    """One attachment as the sent notice had it, and whether it can go into the meeting's single PDF."""

    item: FrozenItem
    record: dict

    @property
    def id(self) -> int:
        return self.record["id"]

    @property
    def title(self) -> str:
        return self.record["title"]

    @property
    def is_pdf(self) -> bool:
        return self.record.get("content_type") == "application/pdf"


def documents(dispatch: NoticeDispatch) -> list[Document]:
    """Every attachment of the sent version, public or not, in agenda order."""
    return [Document(item, record) for item in dispatch.items.order_by("sequence") for record in item.attachments or []]


ACCESSIBLE, NOT_ACCESSIBLE, UNREADABLE = "accessible", "not_accessible", "unreadable"


def pdf_states(docs: list[Document]) -> dict[int, str]:
    """For each PDF attachment, by id: ``ACCESSIBLE`` (tagged, PDF/UA-1: ``meetings.pdf_merge.conformance``),
    ``NOT_ACCESSIBLE`` (the page names it, and the whole meeting's PDF holds it as it came) or ``UNREADABLE`` (not
    in the whole meeting's PDF: fetched by itself). What a file is never changes under its SHA-256, so each is read
    once and remembered."""
    pdfs = [doc for doc in docs if doc.is_pdf]
    stored = Attachment.objects.in_bulk([doc.id for doc in pdfs])
    states = {}
    for doc in pdfs:
        sha256, attachment = doc.record.get("sha256", ""), stored.get(doc.id)
        key = f"pdf-state:{sha256}"
        state = cache.get(key) if sha256 else None
        if state is None:
            try:
                content = verified_bytes(attachment.file, sha256) if attachment is not None else None
            except OSError:  # gone from storage: the page still opens
                content = None
            claim = conformance(content) if content is not None else None
            state = UNREADABLE if claim is None else ACCESSIBLE if claim.accessible else NOT_ACCESSIBLE
            if sha256 and content is not None:
                cache.set(key, state, None)
        states[doc.id] = state
    return states


def document(dispatch: NoticeDispatch, attachment_id: int) -> tuple[Document, Attachment] | None:
    """One attachment of the sent version with its stored file, or None (not sent with it, or deleted since)."""
    for found in documents(dispatch):
        if found.id == attachment_id:
            attachment = Attachment.objects.filter(pk=attachment_id).first()
            return (found, attachment) if attachment is not None else None
    return None


@dataclass
class Activity:
    """For the secretary: how many of the newest version's recipients opened the meeting in the members' area,
    and the latest downloads."""

    recipients: int
    opened: int
    downloads: list


def activity(meeting: Meeting, *, limit: int = 50) -> Activity | None:
    from meetings.models import NoticeDelivery
    from mymeetings.models import Download

    dispatch = NoticeDispatch.objects.filter(meeting=meeting).order_by("-version").first()
    if dispatch is None:
        return None
    deliveries = NoticeDelivery.objects.filter(dispatch=dispatch)
    downloads = Download.objects.filter(meeting=meeting).select_related("dispatch")[:limit]
    opened = deliveries.filter(opened_at__isnull=False).count()
    return Activity(recipients=deliveries.count(), opened=opened, downloads=list(downloads))
