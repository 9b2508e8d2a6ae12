"""Reads of the notes: when they may go to the chair, who reviews them, attendance, the notes' document and its
fingerprint, and what changed between two readings."""

import datetime
import difflib
import hashlib
import re
from dataclasses import dataclass
from html import unescape

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from meetings.dates import long_date
from meetings.models import (
    AgendaItem,
    Assignment,
    ItemNote,
    Meeting,
    Minutes,
    Position,
    QuestionAnswer,
)
from meetings.selectors.agenda import agenda_items_queryset, agenda_with_times
from meetings.selectors.preparation import _annual_plan_context, people_warnings
from members.access import bodies_held
from members.models import Membership, StaffRole
from members.selectors import body_composition, presidium, secretary_addresses


def meeting_start(meeting: Meeting) -> datetime.datetime:
    """The moment the meeting begins: its date and start time, in local time."""
    return timezone.make_aware(datetime.datetime.combine(meeting.date, meeting.start_time))


def meeting_has_begun(meeting: Meeting, now: datetime.datetime | None = None) -> bool:
    """Whether the meeting's start has come: notes follow the meeting."""
    return (now or timezone.now()) >= meeting_start(meeting)


def notes_not_yet(meeting: Meeting, now: datetime.datetime | None = None) -> str:
    """Why the notes cannot go to the chair yet, or "": they may be written beforehand, but a chair who got them
    before the meeting could approve a record of what has not happened."""
    if meeting_has_begun(meeting, now):
        return ""
    when = {"date": long_date(meeting.date), "time": f"{meeting.start_time:%H.%M}"}
    return _("The notes can be sent to the chair once the meeting has begun, from %(date)s at %(time)s.") % when


def notes_warnings(*, minutes: Minutes) -> list[str]:
    """What would go wrong in sending the notes to the chair: nobody to approve them or no address to reach them,
    and no secretary's address for the chair's answer. (Before the meeting has begun they cannot be sent at all:
    ``notes_not_yet``.)"""
    meeting = minutes.meeting
    warnings = people_warnings(meeting=meeting, called=False)
    reviewers = minutes_reviewers(meeting=meeting)
    if reviewers and not minutes_approvers(meeting=meeting):
        where = {"date": f"{meeting.date:%Y-%m-%d}", "body": meeting.body.short_name}
        warnings.append(_("Neither the chair nor the vice chair of %(date)s has an account with the chair's role in "
                          "%(body)s: the notes would go to nobody who can approve them. An administrator gives "
                          "that role.") % where)  # fmt: skip
    if not secretary_addresses(body=meeting.body):
        warnings.append(_("No secretary has an e-mail address: the chair's approval or comments would reach "
                          "nobody. Add yours on your page under People."))  # fmt: skip
    return warnings


def minutes_reviewers(*, meeting: Meeting) -> list:
    """Who approves the notes by their seat: the chair, and the vice chair(s) as deputy, on the meeting's date."""
    return presidium(body=meeting.body, on=meeting.date)


def account_may_approve(user, *, body) -> bool:
    """Whether ``user``'s account may approve notes of ``body`` at all: it holds the permission and the chair's role
    in that body (an administrator holds every body). Her seat on the meeting's date is ``minutes_reviewers``'."""
    return bool(
        user is not None
        and user.is_active
        and user.has_perm("meetings.approve_minutes")
        and bodies_held(user, StaffRole.Role.CHAIR).filter(pk=body.pk).exists()
    )


def minutes_approvers(*, meeting: Meeting) -> list:
    """The reviewers who can approve in the portal (``chair_can_approve``'s rule): a seat in the presidium on the
    meeting's date and an account that may approve. Only they get the notes to approve: the review page answers
    "not found" to anyone else."""
    return [
        m for m in minutes_reviewers(meeting=meeting)
        if m.person.user_id and account_may_approve(m.person.user, body=meeting.body)
    ]  # fmt: skip


@dataclass
class AttendanceSummary:
    absent: list[str]
    present_guests: list[str]
    invited: list[str]  # every guest as the notes list them, "(ej närvarande)" where absent


# A partly present member's note says when they were there ("till 14.30", "från 13.30"); listed among the absent,
# it must say so, or "Marina Johansson till 14.30" reads as absent until then. "efter 13.30" (gone after) reads
# right as it stands, as the real notes print it.
_WHEN_PRESENT = ("till ", "fram till ", "t.o.m. ", "från ", "fr.o.m. ", "from ")


def _attendance_line(attendance) -> str:
    parts = [attendance.person.name]
    note = attendance.note.strip()
    if note and attendance.status == attendance.Status.PARTLY:
        if note.lower().startswith(_WHEN_PRESENT):
            parts.append("(%s)" % (_("present %(when)s") % {"when": note}))
        else:
            parts.append(note)
    elif note:
        parts.append(f"({note})")
    if attendance.substitute_id:
        parts.append(_("(%(name)s substitutes)") % {"name": attendance.substitute.name})
    return " ".join(parts)


def attendance_summary(*, minutes: Minutes, invitations) -> AttendanceSummary:
    """The attendance as the notes write it.

    "Frånvarande: A, B (hade ej fått kallelsen), C efter 13.30 (D ersätter)".
    """
    rows = list(minutes.attendance.select_related("person", "substitute", "membership"))
    members = [a for a in rows if not a.is_guest]
    guests = {a.person_id: a for a in rows if a.is_guest}
    # The real notes name the absent politicians of both sides before the officials.
    categories = list(Membership.Category)
    members.sort(key=lambda a: categories.index(a.membership.category))
    absent = [_attendance_line(a) for a in members if a.status != a.Status.PRESENT]
    invited = []
    for invitation in invitations:
        label = invitation.label
        attendance = guests.get(invitation.person_id)
        if attendance is not None and attendance.status == attendance.Status.ABSENT:
            label = _("%(label)s (not present)") % {"label": label}
        invited.append(label)
    present_guests = [a.person.name for a in guests.values() if a.status != a.Status.ABSENT]
    return AttendanceSummary(absent=absent, present_guests=present_guests, invited=invited)


def minutes_context(*, minutes: Minutes) -> dict:
    """Everything the notes show; the staff preview, the frozen HTML and the PDF render from it."""
    meeting = minutes.meeting
    working = Position.objects.filter(minutes_version__isnull=True)
    items = list(agenda_items_queryset(meeting).prefetch_related(Prefetch("positions", queryset=working)))
    notes = {
        n.item_id: n
        for n in minutes.item_notes.prefetch_related(
            Prefetch("questions", queryset=QuestionAnswer.objects.order_by("order"))
        )
    }
    given: dict[int, list[Assignment]] = {}
    for assignment in (
        Assignment.objects.filter(position__item__meeting=meeting, position__minutes_version__isnull=True)
        .select_related("position", "due_meeting")
        .order_by("pk")
    ):
        given.setdefault(assignment.position.item_id, []).append(assignment)
    entries = agenda_with_times(meeting=meeting, items=items)
    for entry in entries:
        for one in (entry, *entry.children):
            one.note = notes.get(one.item.pk)
            one.position_texts = [position.html for position in one.item.working_positions]
            one.assignments = given.get(one.item.pk, [])
    invitations = list(meeting.invitations.select_related("person", "person__organisation"))
    return {
        "minutes": minutes,
        "meeting": meeting,
        "body": meeting.body,
        "entries": entries,
        "attendance": attendance_summary(minutes=minutes, invitations=invitations),
        "composition": body_composition(body=meeting.body, on=meeting.date),
        "version": minutes.version,
        **_annual_plan_context(meeting, entries),
    }


def next_item_note(note: ItemNote) -> ItemNote | None:
    """The notes of the item after this one in the agenda (a sub-item in its place), or None at the end."""
    fields = ("pk", "parent_id", "order", "kind", "duration_minutes")
    items = list(AgendaItem.objects.filter(meeting_id=note.item.meeting_id).only(*fields))
    ordered = [one.item.pk for entry in agenda_with_times(meeting=note.minutes.meeting, items=items)
               for one in (entry, *entry.children)]  # fmt: skip
    notes = dict(ItemNote.objects.filter(minutes_id=note.minutes_id).values_list("item_id", "pk"))
    place = ordered.index(note.item_id) if note.item_id in ordered else len(ordered)
    following = next((notes[pk] for pk in ordered[place + 1 :] if pk in notes), None)
    return ItemNote.objects.get(pk=following) if following else None


def minutes_document(*, minutes: Minutes) -> str:
    """The notes as the chair reads them and as they are frozen: the HTML of ``documents/_minutes.html``."""
    return render_to_string("documents/_minutes.html", minutes_context(minutes=minutes))


def fingerprint(html: str) -> str:
    """What the chair's approval is bound to: the SHA-256 of the whole document she was shown."""
    return hashlib.sha256(html.encode()).hexdigest()


@dataclass
class DiffLine:
    kind: str  # "removed" or "added"
    text: str


# Where a line of text ends in a document: the end of a block, or a line break.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|dd|dt|tr|div|section)>|<br\s*/?>", re.IGNORECASE)


def _text_lines(html: str) -> list[str]:
    lines = (" ".join(unescape(strip_tags(part)).split()) for part in _BLOCK_END.split(html or ""))
    return [line for line in lines if line]


def text_changes(old_html: str, new_html: str) -> list[DiffLine]:
    """What differs between two versions of a document, line by line as a reader sees the text."""
    changes = []
    for line in difflib.ndiff(_text_lines(old_html), _text_lines(new_html)):
        if line[:2] in ("- ", "+ "):
            changes.append(DiffLine(kind="removed" if line[0] == "-" else "added", text=line[2:]))
    return changes


def minutes_log(*, minutes: Minutes) -> list:
    """The notes' history: who started, sent, returned (with the comment), approved, published, corrected."""
    return list(minutes.meeting.log.filter(action__startswith="minutes_").select_related("user__person"))


def minutes_for_review(*, user) -> list[Minutes]:
    """Notes waiting for this user: as chair or vice chair of the body on the meeting's date, holding the chair's
    role in that body (``services.minutes.chair_can_approve`` asks the same)."""
    seat = Membership.objects.filter(
        person__user=user,
        role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR],
        body=OuterRef("meeting__body"),
        start_date__lte=OuterRef("meeting__date"),
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("meeting__date")))
    return list(
        Minutes.objects.filter(Exists(seat), status=Minutes.Status.SENT_TO_CHAIR)
        .filter(meeting__body__in=bodies_held(user, "chair"))
        .select_related("meeting", "meeting__body")
        .order_by("meeting__date")
    )
