"""Every read that a view or a document needs. Public selectors only ever see published things."""

import datetime
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from html import unescape
from string import ascii_lowercase

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from meetings.dates import long_date
from meetings.models import (
    AgendaItem,
    Assignment,
    Attachment,
    ItemNote,
    Meeting,
    Minutes,
    MinutesVersion,
    Position,
    Presenter,
    PublicVersion,
    QuestionAnswer,
)
from meetings.models.meeting import in_time_order
from meetings.querysets import built_once
from meetings.selectors.registers import annual_plan
from members.access import bodies_held
from members.models import Membership
from members.selectors import body_composition, presidium, secretary_addresses


@dataclass
class AgendaEntry:
    """One line of the agenda with what is computed from its place in it."""

    item: AgendaItem
    number: str  # "4", "1 a"; empty for a break
    start: datetime.time | None = None
    end: datetime.time | None = None
    children: list["AgendaEntry"] = field(default_factory=list)
    note: object = None  # the item's notes, where the notes of the meeting are shown
    position_texts: list[str] = field(default_factory=list)  # the positions taken, as cleaned HTML, in order
    assignments: list = field(default_factory=list)  # the assignments they give

    @property
    def has_times(self) -> bool:
        return self.start is not None and self.item.show_time


def _add_minutes(moment: datetime.datetime, minutes: int) -> datetime.datetime:
    return moment + datetime.timedelta(minutes=minutes)


def agenda_items_queryset(meeting: Meeting, *, public: bool = False):
    """The meeting's agenda items with everything the agenda shows, in a fixed number of queries.

    For the public, an item carries only its public attachments.
    """
    attachments = Attachment.objects.order_by("order", "pk")
    if public:
        attachments = attachments.filter(is_public=True)
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("matter")
        .prefetch_related(
            Prefetch("presenters", queryset=Presenter.objects.select_related("person", "person__organisation")),
            Prefetch("attachments", queryset=attachments),
        )
        .order_by("order", "pk")
    )


def agenda_with_times(*, meeting: Meeting, items=None) -> list[AgendaEntry]:
    """The agenda in order, each top-level item with its computed clock times.

    Times run from the meeting's start through the durations before each item:
    a break moves them on; an item with no duration has no times and takes no time.
    Sub-items are lettered (1 a, 1 b) and share their item's time.
    """
    if items is None:
        items = list(agenda_items_queryset(meeting))
    top = [i for i in items if i.parent_id is None]
    children: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)

    clock = datetime.datetime.combine(meeting.date, meeting.start_time)
    entries = []
    number = 0
    for item in top:
        if item.is_break:
            label = ""
        else:
            number += 1
            label = str(number)
        entry = AgendaEntry(item=item, number=label)
        if item.duration_minutes:
            end = _add_minutes(clock, item.duration_minutes)
            entry.start, entry.end = clock.time(), end.time()
            clock = end
        entry.children = [
            AgendaEntry(item=child, number=f"{label} {ascii_lowercase[index % 26]}")
            for index, child in enumerate(sorted(children.get(item.pk, []), key=lambda c: (c.order, c.pk)))
        ]
        entries.append(entry)
    return entries


def agenda_end(*, meeting: Meeting, entries: list[AgendaEntry]) -> datetime.time:
    """When the agenda as planned ends: the last computed time, or the start if nothing has a duration."""
    ends = [e.end for e in entries if e.end is not None]
    return ends[-1] if ends else meeting.start_time


def agenda_overruns(*, meeting: Meeting, entries: list[AgendaEntry]) -> bool:
    return agenda_end(meeting=meeting, entries=entries) > meeting.end_time


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


# Items whose kind calls for somebody to present them.
PRESENTED_KINDS = {
    AgendaItem.Kind.INFORMATION,
    AgendaItem.Kind.POSITION,
    AgendaItem.Kind.INFORMATION_POSITION,
    AgendaItem.Kind.INFORMATION_DIALOG,
    AgendaItem.Kind.DIALOG,
}


@dataclass
class Signatory:
    name: str
    lines: list[str]


def previous_published_minutes(*, meeting: Meeting):
    """The newest published notes of the body before this meeting: item 3 of a new agenda links them."""
    return (
        Minutes.objects.filter(
            meeting__body_id=meeting.body_id, meeting__date__lt=meeting.date, status=Minutes.Status.PUBLISHED
        )
        .select_related("meeting")
        .order_by("-meeting__date")
        .first()
    )


def notice_problems(*, meeting: Meeting, entries: list[AgendaEntry]) -> list[str]:
    """What still is missing before the notice can go out, in words for the secretary."""
    problems = []
    if not any(e.item.kind in PRESENTED_KINDS for e in entries):
        problems.append(_("The agenda has no items yet."))
    without = [e.number for e in entries if e.item.kind in PRESENTED_KINDS and not e.item.presenters.all()]
    if without:
        problems.append(_("Items without presenter: %(numbers)s") % {"numbers": ", ".join(without)})
    if agenda_overruns(meeting=meeting, entries=entries):
        end = agenda_end(meeting=meeting, entries=entries)
        problems.append(
            _("The agenda runs until %(end)s, past the meeting's end at %(planned)s.")
            % {"end": f"{end:%H.%M}", "planned": f"{meeting.end_time:%H.%M}"}
        )
    return problems


def notice_checklist(*, meeting: Meeting, today: datetime.date) -> list[str]:
    """What the send page asks the secretary to look at before sending: what is missing from the agenda, a
    date already past, and the attachments that are not public (the public notice leaves them out)."""
    items = list(meeting.agenda_items.order_by("order", "pk").prefetch_related("presenters", "attachments"))
    entries = agenda_with_times(meeting=meeting, items=items)
    checklist = notice_problems(meeting=meeting, entries=entries) + people_warnings(meeting=meeting)
    if meeting.date < today:
        checklist.append(_("The meeting's date, %(date)s, is already past.") % {"date": f"{meeting.date:%Y-%m-%d}"})
    for entry in [e for top in entries for e in (top, *top.children)]:
        for attachment in entry.item.attachments.all():
            if not attachment.is_public:
                checklist.append(_("Item %(number)s: the attachment “%(title)s” is not public; the public notice "
                                   "leaves it out.") % {"number": entry.number, "title": attachment.title})  # fmt: skip
    return checklist


def people_warnings(*, meeting: Meeting, called: bool = True) -> list[str]:
    """Who is missing on the meeting's date, before a mistake goes out: nobody called (``called``), no chair
    or vice chair (no signature on the welcome, nobody to approve the notes), and a chair or vice chair
    without an e-mail address (the approval mails would reach nobody). In words for the secretary."""
    body, day = meeting.body, f"{meeting.date:%Y-%m-%d}"
    warnings = []
    if called and not Membership.objects.on(meeting.date).filter(body=body).exists():
        warnings.append(_("Nobody is called: no member sits in %(body)s on %(date)s. Start the new term under "
                          "People first.") % {"body": body.short_name, "date": day})  # fmt: skip
    seated = presidium(body=body, on=meeting.date)
    for role, label in ((Membership.Role.CHAIR, _("chair")), (Membership.Role.VICE_CHAIR, _("vice chair"))):
        holders = [m for m in seated if m.role == role]
        if not holders:
            warnings.append(_("%(body)s has no %(role)s on %(date)s: the welcome goes unsigned by one, and the "
                              "notes need a chair or vice chair to approve them.")
                            % {"body": body.short_name, "role": label, "date": day})  # fmt: skip
        for membership in holders:
            person = membership.person
            if not (person.email or (person.user_id and person.user.email)):
                warnings.append(_("The %(role)s, %(name)s, has no e-mail address: the mails about approving the "
                                  "notes would reach nobody.") % {"role": label, "name": person.name})  # fmt: skip
    return warnings


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
    if not secretary_addresses(body=meeting.body):
        warnings.append(_("No secretary has an e-mail address: the chair's approval or comments would reach "
                          "nobody. Add yours on your page under People."))  # fmt: skip
    return warnings


def notice_state(meeting: Meeting) -> str:
    """Draft, sent, revised and sent again, or published, as the secretary's overview shows it; a cancelled
    meeting's notice is cancelled, whatever it was."""
    if meeting.status == Meeting.Status.CANCELLED:
        return _("Cancelled")
    if meeting.notice_published_at:
        return _("Published")
    if meeting.notice_version > 1:
        return _("Revised and sent again (version %(version)s)") % {"version": meeting.notice_version}
    if meeting.notice_version == 1:
        return _("Sent")
    return _("Draft")


def clashing_meeting(*, body, date, start, end, exclude=None) -> Meeting | None:
    """Another meeting of the body, not cancelled, that overlaps this time on the same day."""
    others = Meeting.objects.filter(body=body, date=date, start_time__lt=end, end_time__gt=start)
    return others.exclude(pk=exclude).exclude(status=Meeting.Status.CANCELLED).order_by("start_time").first()


def usual_meeting_values(*, body) -> dict:
    """A new meeting's times, form and place as the body's latest ordinary meeting had them."""
    latest = Meeting.objects.filter(body=body, kind=Meeting.Kind.ORDINARY).order_by("-date", "-start_time").first()
    if latest is None:
        return {}
    return {"start_time": latest.start_time, "end_time": latest.end_time, "form": latest.form,
            "location": latest.location}  # fmt: skip


def staff_meetings(*, body, today: datetime.date):
    """The body's coming meetings first, soonest first, then the past ones, newest first; with their agendas."""
    base = (
        Meeting.objects.filter(body=body)
        .select_related("body", "minutes")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("presenters", queryset=Presenter.objects.select_related("person"))
                ),
            )
        )
    )
    coming = list(base.filter(date__gte=today).order_by("date", "start_time"))
    past = list(base.filter(date__lt=today).order_by("-date", "-start_time")[:20])
    return coming, past


def meeting_overview(meeting: Meeting, today: datetime.date | None = None) -> dict:
    items = list(meeting.agenda_items.all())
    entries = agenda_with_times(meeting=meeting, items=items)
    notes_state, waiting = notes_waiting(meeting, today=today or timezone.localdate())
    return {
        "meeting": meeting,
        "state": notice_state(meeting),
        "problems": notice_problems(meeting=meeting, entries=entries),
        "notes_state": notes_state,
        "waiting": waiting,
    }


def notes_waiting(meeting: Meeting, *, today: datetime.date) -> tuple[str, str]:
    """The notes' state, and who must do what next ("Ordföranden: godkänna"), for the start page."""
    minutes = getattr(meeting, "minutes", None)
    if meeting.status == Meeting.Status.CANCELLED:
        return "–", ""
    if minutes is None:
        if meeting.date <= today:
            return _("Not started"), _("The secretary: write the notes")
        return "–", "" if meeting.notice_sent_at else _("The secretary: send the notice")
    waiting = {
        Minutes.Status.DRAFT: _("The secretary: finish the notes and send them to the chair"),
        Minutes.Status.SENT_TO_CHAIR: _("The chair: approve or send back"),
        Minutes.Status.RETURNED: _("The secretary: change what the chair asked, and send again"),
        Minutes.Status.APPROVED: _("The secretary: publish"),
        Minutes.Status.PUBLISHED: "",
    }[minutes.status]
    if minutes.status == Minutes.Status.RETURNED:
        entry = meeting.log.filter(action="minutes_returned").order_by("-created_at", "-pk").first()
        if entry and entry.note:
            waiting = f"{waiting} (”{entry.note}”)"
    return minutes.get_status_display(), waiting


def signatories(*, body, on: datetime.date) -> list[Signatory]:
    """The welcome is signed by the chair and the vice chair: name, organisation, its parent, role."""
    result = []
    for membership in presidium(body=body, on=on):
        org = membership.organisation
        lines = [org.display_name]
        if org.parent_id:
            lines.append(org.parent.name)
        lines.append(capfirst(membership.get_role_display()))
        result.append(Signatory(name=membership.person.name, lines=lines))
    return result


def notice_context(*, meeting: Meeting, version: int | None = None, public: bool = False) -> dict:
    """Everything the notice shows; the HTML preview and the PDF both render from this one context."""
    version = version if version is not None else max(meeting.notice_version, 1)
    entries = agenda_with_times(meeting=meeting, items=list(agenda_items_queryset(meeting, public=public)))
    return {
        "meeting": meeting,
        "body": meeting.body,
        "version": version,
        "revised": version > 1,
        "entries": entries,
        "overruns": agenda_overruns(meeting=meeting, entries=entries),
        "composition": body_composition(body=meeting.body, on=meeting.date),
        "invitations": list(meeting.invitations.select_related("person", "person__organisation")),
        "substitutions": list(meeting.substitutions.select_related("substitute", "replaces")),
        "signatories": signatories(body=meeting.body, on=meeting.date),
        "previous_minutes": previous_published_minutes(meeting=meeting),
        # Links in the document lead to the public site: whole addresses in a PDF, paths on a page.
        "link_base": settings.SITE_URL,
        **_annual_plan_context(meeting, entries),
    }


def _annual_plan_context(meeting: Meeting, entries: list[AgendaEntry]) -> dict:
    """The annual plan that ends the document: inside its standing item where the agenda has one."""
    in_agenda = any(e.item.standing == AgendaItem.Standing.ANNUAL_PLAN for e in entries)
    return {"annual_plan": annual_plan(body=meeting.body, after=meeting.date), "annual_plan_in_agenda": in_agenda}


def minutes_reviewers(*, meeting: Meeting) -> list:
    """Who may approve the notes: the chair, and the vice chair(s) as deputy, on the meeting's date."""
    return presidium(body=meeting.body, on=meeting.date)


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
