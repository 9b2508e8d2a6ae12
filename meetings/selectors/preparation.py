"""Reads of a meeting as the secretary prepares it: what the notice still lacks and whom it would miss, the staff's
lists of meetings, the signatures, and the notice's own context."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from meetings.models import (
    AgendaItem,
    Meeting,
    Minutes,
    Presenter,
)
from meetings.selectors.agenda import AgendaEntry, agenda_end, agenda_items_queryset, agenda_overruns, agenda_with_times
from meetings.selectors.plan import annual_plan_shape, in_shape
from meetings.selectors.registers import annual_plan
from members.models import Membership
from members.selectors import body_composition, presidium

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
    plan = annual_plan(body=meeting.body, after=meeting.date)
    # In the shape chosen for the year most of its columns fall in (an autumn's notice prints the coming year's).
    years = [c.meeting.date.year if c.meeting else c.quarter[0] for c in plan.columns] or [meeting.date.year]
    year = max(sorted(set(years)), key=years.count)
    plan = in_shape(plan, body=meeting.body, shape=annual_plan_shape(body=meeting.body, year=year))
    return {"annual_plan": plan, "annual_plan_in_agenda": in_agenda}
