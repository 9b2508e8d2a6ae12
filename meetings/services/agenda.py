"""Building the agenda: meetings, items, presenters, guests, substitutes and attachments."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from meetings.files import file_digests
from meetings.models import AgendaItem, Attachment, Invitation, Meeting, Position, Presenter, Substitution
from meetings.models.meeting import FACTS
from meetings.sanitize import clean_html, html_to_text
from meetings.services import ServiceError, claim_version, meeting_facts_lock, require_agenda_editable
from meetings.services.log import log_change
from members.models import Body, Membership, Organisation, Person

NOTES_INFORMATION = "Det politiska samrådsorganet SRO noterar informationen."

# A new meeting starts with the standing items of every SRO agenda.
STANDING_ITEMS = [
    ("opening", "Mötets öppnande", 5, [("attendance", "närvaro/frånvaro"), ("other_questions", "övriga frågor")]),
    ("agenda_approval", "Godkännande av dagens agenda", None, []),
    ("previous_minutes", "Föregående mötesanteckning", None, []),
]


# What the meeting form and the item editor change (and nothing else of the row): of a meeting, what its notice
# prints of it (``meetings.models.meeting.FACTS``).
MEETING_FIELDS = list(FACTS)
ITEM_FIELDS = ["kind", "kind_note", "title", "duration_minutes", "show_time", "body", "proposals", "matter"]


def _next_order(meeting: Meeting, parent: AgendaItem | None = None) -> int:
    siblings = AgendaItem.objects.filter(meeting=meeting, parent=parent)
    return (siblings.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def meeting_create(
    *,
    body: Body,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    kind: str = Meeting.Kind.ORDINARY,
    form: str = Meeting.Form.IN_PERSON,
    location: str = "",
    online_link: str = "",
    by=None,
) -> Meeting:
    """Create a meeting with the standing items: opening (attendance, other questions), agenda, last notes."""
    meeting = Meeting.objects.create(
        body=body, date=date, start_time=start_time, end_time=end_time, kind=kind, form=form, location=location,
        online_link=online_link,
    )  # fmt: skip
    for order, (standing, title, minutes, children) in enumerate(STANDING_ITEMS, start=1):
        item = AgendaItem.objects.create(
            meeting=meeting,
            order=order,
            kind=AgendaItem.Kind.STANDING,
            standing=standing,
            title=title,
            duration_minutes=minutes,
            show_time=False,
        )
        for child_order, (child_standing, child_title) in enumerate(children, start=1):
            AgendaItem.objects.create(
                meeting=meeting,
                parent=item,
                order=child_order,
                kind=AgendaItem.Kind.STANDING,
                standing=child_standing,
                title=child_title,
                show_time=False,
            )
    log_change(meeting=meeting, action="meeting_created", by=by, to_state=meeting.status)
    return meeting


def require_facts_changeable(meeting: Meeting) -> None:
    """Refuse (``ServiceError``) what ``meeting`` (not yet saved) changes of the stored meeting's date, times,
    kind, form or place, where ``meeting_facts_lock`` forbids it; the same values saved again pass."""
    stored = Meeting.objects.select_for_update(no_key=True).filter(pk=meeting.pk).values(*MEETING_FIELDS).get()
    field = Meeting._meta.get_field
    if any(field(name).to_python(getattr(meeting, name)) != value for name, value in stored.items()) and (
        reason := meeting_facts_lock(meeting)
    ):
        raise ServiceError(reason)


@transaction.atomic
def meeting_save(*, meeting: Meeting, by=None, loaded_version: int | None = None) -> Meeting:
    """Save a meeting's date, times, form and place, only over the version the editor loaded; not once they are
    part of notes the chair reads or has approved (``meeting_facts_lock``)."""
    require_facts_changeable(meeting)
    claim_version(meeting, loaded_version)
    # Only what the editor changes: the notice's state, changed meanwhile by a sending, stays as it is.
    meeting.save(update_fields=[*MEETING_FIELDS, "online_link", "lock_version", "updated_at"])
    log_change(meeting=meeting, action="meeting_saved", by=by)
    return meeting


@transaction.atomic
def agenda_item_save(*, item: AgendaItem, by=None, loaded_version: int | None = None) -> AgendaItem:
    """Save a new or changed item: its text is sanitised and a new item goes last among its siblings.

    ``loaded_version`` is the item's ``lock_version`` when the editor loaded it: a save over someone
    else's later save is refused (``ConflictError``), never overwritten."""
    require_agenda_editable(item.meeting)
    if item.parent_id and item.parent.meeting_id != item.meeting_id:
        raise ServiceError(_("A sub-item must belong to the same meeting as its item."))
    item.body = clean_html(item.body)
    item.proposals = item.proposal_list
    if item.pk is None:
        from meetings.services.minutes import notes_follow_agenda

        item.order = _next_order(item.meeting, item.parent)
        item.save()
        notes_follow_agenda(meeting=item.meeting)
    else:
        claim_version(item, loaded_version)
        # Only what the editor changes: a reorder made meanwhile keeps its order.
        item.save(update_fields=[*ITEM_FIELDS, "lock_version", "updated_at"])
    log_change(meeting=item.meeting, action="agenda_item_saved", by=by, note=item.title)
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by=None) -> None:
    meeting, title = item.meeting, item.title
    require_agenda_editable(meeting)
    if Position.objects.filter(item__in=[item, *item.children.all()], minutes_version__isnull=False).exists():
        raise ServiceError(_("The item is in approved meeting notes and cannot be deleted."))
    item.delete()
    log_change(meeting=meeting, action="agenda_item_deleted", by=by, note=title)


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, ordered_ids: list[int], parent: AgendaItem | None = None, by=None) -> None:
    """Put the meeting's items (or one item's sub-items) in the given order.

    The ids must be exactly the current siblings: a list from a stale page is refused rather than
    guessed at, so two editors cannot silently undo each other's order.
    """
    require_agenda_editable(meeting)
    siblings = {
        i.pk: i for i in AgendaItem.objects.select_for_update(no_key=True).filter(meeting=meeting, parent=parent)
    }
    if sorted(ordered_ids) != sorted(siblings):
        raise ServiceError(_("The agenda has been changed by someone else. Reload the page and try again."))
    # Two steps, so that the unique order is never held by two items at once.
    offset = len(ordered_ids) + 1000
    for position, pk in enumerate(ordered_ids, start=1):
        AgendaItem.objects.filter(pk=pk).update(order=offset + position)
    for position, pk in enumerate(ordered_ids, start=1):
        AgendaItem.objects.filter(pk=pk).update(order=position)
    log_change(meeting=meeting, action="agenda_reordered", by=by)


def agenda_item_move(*, item: AgendaItem, step: int, by=None) -> None:
    """Move an item one place up (-1) or down (+1) among its siblings."""
    ids = list(
        AgendaItem.objects.filter(meeting=item.meeting, parent=item.parent)
        .order_by("order", "pk")
        .values_list("pk", flat=True)
    )
    index = ids.index(item.pk)
    target = index + step
    if not 0 <= target < len(ids):
        return
    ids[index], ids[target] = ids[target], ids[index]
    agenda_reorder(meeting=item.meeting, ordered_ids=ids, parent=item.parent, by=by)


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The body's last meeting before this one that was not cancelled: where recurring items come from."""
    return (
        Meeting.objects.filter(body=meeting.body, date__lt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date", "-start_time")
        .first()
    )


def _copy_item(source: AgendaItem, *, meeting: Meeting, parent: AgendaItem | None) -> AgendaItem:
    """A recurring item as the secretary starts from it: what it is, who presents it, its sub-items. What was
    said and decided at the other meeting is not carried over; only a proposal that notes the information is,
    since it recurs word for word."""
    from meetings.services.minutes import only_notes_information

    recurring = [html for html in source.proposal_list if only_notes_information(html_to_text(html))]
    item = AgendaItem.objects.create(
        meeting=meeting, parent=parent, order=_next_order(meeting, parent), kind=source.kind,
        kind_note=source.kind_note, title=source.title, duration_minutes=source.duration_minutes,
        show_time=source.show_time, matter=source.matter, proposals=recurring,
    )  # fmt: skip
    for presenter in source.presenters.order_by("order", "pk"):
        presenter_add(item=item, person=presenter.person, description=presenter.description)
    for child in source.children.order_by("order", "pk"):
        _copy_item(child, meeting=meeting, parent=item)
    return item


@transaction.atomic
def agenda_items_copy(*, meeting: Meeting, items=(), plan_entries=(), by=None) -> list[AgendaItem]:
    """Draft the agenda from the previous meeting's items and from what the annual plan holds for this meeting:
    each becomes a new item at the end of the agenda, in the order given."""
    from meetings.services.minutes import notes_follow_agenda

    require_agenda_editable(meeting)
    created = []
    for source in items:
        if source.meeting_id == meeting.pk or source.meeting.body_id != meeting.body_id or source.parent_id:
            raise ServiceError(_("Only the items of another meeting of the body can be copied."))
        created.append(_copy_item(source, meeting=meeting, parent=None))
    for entry in plan_entries:
        if entry.meeting_id != meeting.pk:
            raise ServiceError(_("Only what the annual plan holds for this meeting can be taken from it."))
        created.append(AgendaItem.objects.create(
            meeting=meeting, order=_next_order(meeting), title=entry.label, matter=entry.matter,
        ))  # fmt: skip
    if created:
        notes_follow_agenda(meeting=meeting)
        log_change(meeting=meeting, action="agenda_items_copied", by=by, note=", ".join(i.title for i in created))
    return created


def _is_member_on(person: Person, meeting: Meeting) -> bool:
    return Membership.objects.on(meeting.date).filter(body=meeting.body, person=person).exists()


@transaction.atomic
def presenter_add(*, item: AgendaItem, person: Person, description: str = "", by=None) -> Presenter:
    """Add a presenter; one who does not sit in the body joins the invited list by themselves."""
    require_agenda_editable(item.meeting)
    if item.presenters.filter(person=person).exists():
        raise ServiceError(_("%(name)s already presents this item.") % {"name": person.name})
    order = (item.presenters.aggregate(m=Max("order"))["m"] or 0) + 1
    presenter = Presenter.objects.create(item=item, person=person, description=description, order=order)
    meeting = item.meeting
    if not _is_member_on(person, meeting) and not meeting.invitations.filter(person=person).exists():
        order = (meeting.invitations.aggregate(m=Max("order"))["m"] or 0) + 1
        Invitation.objects.create(meeting=meeting, person=person, description=description, order=order)
    log_change(meeting=meeting, action="presenter_added", by=by, note=f"{item.title}: {person.name}")
    return presenter


@transaction.atomic
def presenter_remove(*, presenter: Presenter, by=None) -> None:
    item = presenter.item
    require_agenda_editable(item.meeting)
    presenter.delete()
    log_change(meeting=item.meeting, action="presenter_removed", by=by, note=f"{item.title}: {presenter.person.name}")


def guest_create(*, first_name: str, last_name: str, organisation=None, title: str = "", new_organisation: str = "",
                 email: str = "") -> Person:  # fmt: skip
    """A new person who is not a member: a guest or a presenter. ``new_organisation``: the name of an organisation
    the portal did not know, added to the register right there (one of that name already there is used)."""
    if new_organisation:
        organisation = Organisation.objects.filter(name__iexact=new_organisation).first()
        if organisation is None:
            organisation = Organisation.objects.create(name=new_organisation)
    return Person.objects.create(first_name=first_name, last_name=last_name, organisation=organisation, title=title,
                                 email=email)  # fmt: skip


@transaction.atomic
def invitation_add(*, meeting: Meeting, person: Person, description: str = "", by=None) -> Invitation:
    if meeting.invitations.filter(person=person).exists():
        raise ServiceError(_("%(name)s is already invited.") % {"name": person.name})
    order = (meeting.invitations.aggregate(m=Max("order"))["m"] or 0) + 1
    invitation = Invitation.objects.create(meeting=meeting, person=person, description=description, order=order)
    log_change(meeting=meeting, action="guest_invited", by=by, note=person.name)
    return invitation


@transaction.atomic
def invitation_remove(*, invitation: Invitation, by=None) -> None:
    invitation.delete()
    log_change(meeting=invitation.meeting, action="guest_removed", by=by, note=invitation.person.name)


@transaction.atomic
def substitution_add(*, meeting: Meeting, substitute: Person, replaces: Person, by=None) -> Substitution:
    """Note a substitute known before the meeting: "X ersätter Y under dagens möte"."""
    if substitute == replaces:
        raise ServiceError(_("A person cannot replace themselves."))
    if not _is_member_on(replaces, meeting):
        raise ServiceError(_("%(name)s is not called to this meeting.") % {"name": replaces.name})
    if meeting.substitutions.filter(replaces=replaces).exists():
        raise ServiceError(_("%(name)s already has a substitute.") % {"name": replaces.name})
    substitution = Substitution.objects.create(meeting=meeting, substitute=substitute, replaces=replaces)
    log_change(meeting=meeting, action="substitute_added", by=by, note=str(substitution))
    return substitution


@transaction.atomic
def substitution_remove(*, substitution: Substitution, by=None) -> None:
    substitution.delete()
    log_change(meeting=substitution.meeting, action="substitute_removed", by=by, note=str(substitution))


@transaction.atomic
def attachment_add(
    *, item: AgendaItem, upload, content_type: str, title: str = "", is_public: bool = True, by=None
) -> Attachment:
    """Store an uploaded file (already checked by the form) under a generated name, with its hash."""
    require_agenda_editable(item.meeting)
    digests, _size = file_digests(upload, "sha256", "sha512")
    upload.seek(0)
    order = (item.attachments.aggregate(m=Max("order"))["m"] or 0) + 1
    attachment = Attachment(
        item=item,
        title=title or upload.name,
        is_public=is_public,
        content_type=content_type,
        size=upload.size,
        sha256=digests["sha256"],
        sha512=digests["sha512"],
        order=order,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    log_change(meeting=item.meeting, action="attachment_added", by=by, note=attachment.title)
    transaction.on_commit(lambda: _read_text_later(attachment.pk))  # for search, in the background
    return attachment


def _read_text_later(attachment_id: int) -> None:
    from meetings.tasks import read_document_text

    read_document_text.enqueue(attachment_id=attachment_id)


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by=None) -> None:
    meeting = attachment.item.meeting
    require_agenda_editable(meeting)
    attachment.file.delete(save=False)
    attachment.delete()
    log_change(meeting=meeting, action="attachment_deleted", by=by, note=attachment.title)
