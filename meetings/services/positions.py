"""Positions outside meetings, assignments, matters, the annual plan and the meeting plan."""

import datetime
import difflib
import re

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import hooks
from meetings.models import (
    AgendaItem,
    AnnualPlanEntry,
    Assignment,
    Matter,
    MatterDeadline,
    Meeting,
    PlanArea,
    Position,
    PositionCorrection,
)
from meetings.models.minutes import FROZEN_STATUSES
from meetings.sanitize import clean_html, html_to_text, is_empty_html
from meetings.services import ServiceError, claim_version
from meetings.services.agenda import _next_order, meeting_create
from meetings.services.log import log_change
from meetings.services.minutes import notes_follow_agenda, only_notes_information
from members.selectors import user_name


def matter_for_title(*, body, title: str) -> Matter | None:
    """The body's matter of that title, created if new: the notice editor suggests, the secretary may coin.
    A title of a matter merged into another gives the other."""
    title = " ".join(title.split())
    if not title:
        return None
    matter = Matter.objects.filter(body=body, title__iexact=title).select_related("merged_into").first()
    if matter is not None:
        return matter.merged_into or matter
    return Matter.objects.create(body=body, title=title)


def _normalised(title: str) -> str:
    return re.sub(r"[\W_]+", " ", title.casefold()).strip()


def similar_matter(*, body, title: str) -> Matter | None:
    """A matter whose title is nearly this one (another spelling, a typo, other punctuation), when none has
    exactly this title: the form asks "did you mean …?" before a new matter is made."""
    title = " ".join(title.split())
    matters = Matter.objects.filter(body=body, merged_into__isnull=True)
    if not title or matters.filter(title__iexact=title).exists():
        return None
    wanted = _normalised(title)
    best, score = None, 0.0
    for matter in matters.only("pk", "title"):
        ratio = difflib.SequenceMatcher(None, wanted, _normalised(matter.title)).ratio()
        if ratio > score:
            best, score = matter, ratio
    return best if score >= 0.85 else None


@transaction.atomic
def matter_rename(*, matter: Matter, title: str, description: str | None = None) -> Matter:
    """A new title for a matter; the sent notices and approved notes keep the title they printed."""
    title = " ".join(title.split())
    if not title:
        raise ServiceError(_("Write the matter's title."))
    if Matter.objects.filter(body=matter.body, title__iexact=title).exclude(pk=matter.pk).exists():
        raise ServiceError(_("Another matter already has that title: merge the two instead."))
    matter.title = title
    if description is not None:
        matter.description = description.strip()
    matter.save(update_fields=["title", "description"])
    return matter


@transaction.atomic
def matter_merge(*, source: Matter, into: Matter) -> Matter:
    """Merge ``source`` into ``into``: everything being worked on moves over; the approved record keeps the
    matter it froze, and reads of ``into`` cover both (``Matter.ids``). ``source``'s page leads to ``into``."""
    if source.pk == into.pk or source.body_id != into.body_id:
        raise ServiceError(_("Choose another matter of the same body."))
    if into.merged_into_id:
        raise ServiceError(_("That matter is itself merged into another; choose that one."))
    source = Matter.objects.select_for_update().get(pk=source.pk)
    if source.merged_into_id:
        raise ServiceError(_("The matter is already merged."))
    # The agenda and positions of approved notes are part of the record (the database refuses the change).
    approved = Q(meeting__minutes__status__in=FROZEN_STATUSES)
    AgendaItem.objects.filter(matter=source).exclude(approved).update(matter=into)
    in_approved_notes = Q(item__meeting__minutes__status__in=FROZEN_STATUSES)
    Position.objects.filter(matter=source, minutes_version__isnull=True).exclude(in_approved_notes).update(matter=into)
    Assignment.objects.filter(matter=source).update(matter=into)
    AnnualPlanEntry.objects.filter(matter=source).update(matter=into)
    MatterDeadline.objects.filter(matter=source).update(matter=into)
    Matter.objects.filter(merged_into=source).update(merged_into=into)
    source.merged_into = into
    source.save(update_fields=["merged_into"])
    return into


@transaction.atomic
def position_record(*, body, how: str, taken_on: datetime.date, text: str, matter=None, meeting=None, by) -> Position:
    """Record a position taken outside a meeting: per capsulam, or by the chair on the body's behalf.
    ``text`` is rich text (bold, italic, lists), cleaned here."""
    if how not in (Position.How.PER_CAPSULAM, Position.How.CHAIR_DECISION):
        raise ServiceError(_("Positions taken at a meeting are written in its notes."))
    html = clean_html(text)
    if is_empty_html(html):
        raise ServiceError(_("Write the position."))
    plain = html_to_text(html)
    same_day = Position.objects.filter(body=body, how=how, taken_on=taken_on, minutes_version__isnull=True)
    position = Position.objects.create(
        body=body,
        how=how,
        taken_on=taken_on,
        matter=matter,
        meeting=meeting,
        text_html=html,
        text=plain,
        order=(same_day.aggregate(m=Max("order"))["m"] or 0) + 1,
        notes_information=only_notes_information(plain),
        created_by=by,
    )
    hooks.call("published", position=position)  # public at once: those who follow positions or its matter are told
    return position


class ReasonMissing(ServiceError):
    """A correction of a public position without its reason."""


@transaction.atomic
def position_update(
    *,
    position: Position,
    taken_on,
    text: str,
    matter=None,
    meeting=None,
    how,
    reason: str = "",
    by=None,
    loaded_version: int | None = None,
):
    """Correct a position recorded outside a meeting; those taken at a meeting change only through the notes.
    Only over the version the editor loaded (``ConflictError`` otherwise).

    Such a position is public from the moment it is recorded, so a change is a correction, made visible: it needs
    a reason, and the wording before is kept in a ``PositionCorrection`` (which the database never lets change).
    Saving without a change records nothing."""
    locked = Position.objects.select_for_update(no_key=True, of=("self",)).select_related("matter")
    position = locked.get(pk=position.pk)
    if not position.taken_outside_meeting:
        raise ServiceError(_("Positions taken at a meeting are written in its notes."))
    if how not in (Position.How.PER_CAPSULAM, Position.How.CHAIR_DECISION):
        raise ServiceError(_("Positions taken at a meeting are written in its notes."))
    html = clean_html(text)
    if is_empty_html(html):
        raise ServiceError(_("Write the position."))
    claim_version(position, loaded_version)
    before = (position.how, position.taken_on, position.matter_id, position.meeting_id, position.html)
    after = (how, taken_on, matter.pk if matter else None, meeting.pk if meeting else None, html)
    if before == after:
        return position
    reason = " ".join(reason.split())
    if not reason:
        raise ReasonMissing(
            _("Write what is corrected and why: the position is public, and the reason is shown with it.")
        )
    PositionCorrection.objects.create(
        position=position, corrected_at=timezone.now(), corrected_by=by, corrected_by_name=user_name(by) if by else "",
        reason=reason, previous_how=position.how, previous_taken_on=position.taken_on,
        previous_matter_title=position.matter.title if position.matter_id else "", previous_html=position.html,
    )  # fmt: skip
    position.how, position.taken_on, position.matter, position.meeting = how, taken_on, matter, meeting
    position.text_html, position.text, position.clauses = html, html_to_text(html), ""
    position.notes_information = only_notes_information(position.text)
    position.save()
    return position


@transaction.atomic
def assignment_set_status(*, assignment: Assignment, status: str, by) -> Assignment:
    assignment = Assignment.objects.select_for_update(no_key=True).get(pk=assignment.pk)
    if status not in Assignment.Status.values:
        raise ServiceError(_("Unknown status."))
    assignment.status = status
    assignment.save(update_fields=["status"])
    return assignment


@transaction.atomic
def assignment_report_item_add(*, assignment: Assignment, meeting: Meeting, by) -> AgendaItem:
    """Put the report back of an assignment on a meeting's agenda ("Återrapportering: …") and link the two.

    The assignment counts as reported back once the notes of that meeting are approved.
    """
    assignment = (
        Assignment.objects.select_for_update(no_key=True, of=("self",)).select_related("matter").get(pk=assignment.pk)
    )
    if assignment.status != Assignment.Status.OPEN:
        raise ServiceError(_("The assignment is already reported back or closed."))
    if assignment.report_item_id:
        raise ServiceError(_("The report back is already on an agenda."))
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        raise ServiceError(_("The meeting is held or cancelled; choose a coming meeting."))
    title = _("Report back: %(what)s") % {"what": assignment.description.rstrip(".")}
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=_next_order(meeting),
        kind=AgendaItem.Kind.INFORMATION,
        title=title[:300],
        matter=assignment.matter,
        duration_minutes=10,
        proposals=["<div>Det politiska samrådsorganet SRO noterar informationen.</div>"],
    )
    assignment.report_item = item
    assignment.due_meeting = assignment.due_meeting or meeting
    assignment.save(update_fields=["report_item", "due_meeting"])
    log_change(meeting=meeting, action="assignment_report_added", by=by, note=assignment.assignees)
    return item


@transaction.atomic
def deadline_add(*, matter: Matter, date: datetime.date, description: str) -> MatterDeadline:
    return MatterDeadline.objects.create(matter=matter, date=date, description=description.strip())


@transaction.atomic
def plan_entry_add(
    *, body, matter=None, topic: str = "", meeting=None, year=None, quarter=None, area=None, plan_year=None
) -> AnnualPlanEntry:
    """Plan a matter for a coming meeting, or for a quarter when the meeting is not yet set; in a recurring
    area of the grid, or not. ``plan_year``: the year's plan the entry is made in; a meeting early in the next
    year keeps it (``year``), so that the plan an autumn makes for the coming year is shown whole."""
    if meeting is None and not (year and quarter):
        raise ServiceError(_("Choose a meeting or a quarter."))
    if matter is None and area is None and not topic.strip():
        raise ServiceError(_("Choose a matter or write what is planned."))
    if area is not None and area.body_id != body.pk:
        raise ServiceError(_("The area belongs to another body."))
    if meeting is not None:
        # A meeting's entry names a year only when it reaches into the year after its plan's: otherwise the
        # meeting's own date says which year's plan it is in.
        year = plan_year if plan_year is not None and plan_year == meeting.date.year - 1 else None
        quarter = None
        siblings = AnnualPlanEntry.objects.filter(body=body, meeting=meeting)
    else:
        siblings = AnnualPlanEntry.objects.filter(body=body, meeting=None, year=year, quarter=quarter)
    order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
    return AnnualPlanEntry.objects.create(body=body, matter=matter, area=area, topic=topic.strip(), meeting=meeting,
                                          year=year, quarter=quarter, order=order)  # fmt: skip


@transaction.atomic
def plan_entry_remove(*, entry: AnnualPlanEntry) -> None:
    entry.delete()


@transaction.atomic
def plan_area_add(*, body, name: str) -> PlanArea:
    """A recurring area: a row of the grid from now on. One taken out of use and named again comes back."""
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("Name the area."))
    area = PlanArea.objects.filter(body=body, name__iexact=name).first()
    if area is not None:
        if area.active:
            raise ServiceError(_("“%(name)s” is already an area.") % {"name": area.name})
        area.active = True
        area.save(update_fields=["active"])
        return area
    order = (PlanArea.objects.filter(body=body).aggregate(m=Max("order"))["m"] or 0) + 1
    return PlanArea.objects.create(body=body, name=name, order=order)


@transaction.atomic
def plan_area_retire(*, area: PlanArea) -> PlanArea:
    """Out of use: no longer a row of its own, except in the plans that name it."""
    area.active = False
    area.save(update_fields=["active"])
    return area


@transaction.atomic
def meeting_plan_create(
    *, body, dates: list[datetime.date], start_time, end_time, form: str, location: str = "", by
) -> tuple[list[Meeting], list[datetime.date]]:
    """Create the planned meetings of next year in one go; dates that already have a meeting are skipped."""
    taken = set(Meeting.objects.filter(body=body, date__in=dates).values_list("date", flat=True))
    created = []
    for day in sorted(set(dates) - taken):
        created.append(meeting_create(body=body, date=day, start_time=start_time, end_time=end_time, form=form,
                                      location=location, by=by))  # fmt: skip
    return created, sorted(taken & set(dates))


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str = "", move_to: Meeting | None = None) -> Meeting:
    """Cancel a meeting. Its planned matters and agenda items move to ``move_to``, or stay for per capsulam."""
    meeting = Meeting.objects.select_for_update(no_key=True).get(pk=meeting.pk)
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        raise ServiceError(_("A meeting that is held or already cancelled cannot be cancelled."))
    if move_to is not None and (move_to.pk == meeting.pk or move_to.body_id != meeting.body_id):
        raise ServiceError(_("Choose another meeting of the same body."))
    previous = meeting.status
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status", "updated_at"])
    moved = 0
    if move_to is not None:
        AnnualPlanEntry.objects.filter(meeting=meeting).update(meeting=move_to)
        items = meeting.agenda_items.filter(parent__isnull=True, standing="").exclude(kind=AgendaItem.Kind.BREAK)
        for item in items.order_by("order"):
            AgendaItem.objects.filter(parent=item).update(meeting=move_to)
            item.meeting, item.order = move_to, _next_order(move_to)
            item.save(update_fields=["meeting", "order", "updated_at"])
            moved += 1
        Assignment.objects.filter(due_meeting=meeting).update(due_meeting=move_to)
        notes_follow_agenda(meeting=move_to)
    where = (_("moved to %(date)s") % {"date": f"{move_to.date:%Y-%m-%d}"}) if move_to else _("per capsulam")
    note = f"{reason.strip()} ({where}, {moved})" if reason.strip() else f"{where}, {moved}"
    log_change(meeting=meeting, action="meeting_cancelled", by=by, from_state=previous, to_state=meeting.status,
               note=note)  # fmt: skip
    return meeting
