"""A called member's answer to the notice (anmäla förhinder): coming or not, and who of their organisation comes
in their place ("Helene Nordling ersätter Magnus Haggren"). The substitute is then called: they reach the meeting
in "Mina möten" and are mailed the notice as sent. A member may change their mind until the meeting begins; each
answer is logged."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting, NoticeDelivery, NoticeReply, Substitution
from meetings.selectors.notices import last_sent
from meetings.services import ServiceError
from meetings.services.log import log_change
from members.models import Membership, Person


def meeting_begun(meeting: Meeting, *, now: datetime.datetime | None = None) -> bool:
    starts = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=ZoneInfo(settings.TIME_ZONE))
    return (now or timezone.now()) >= starts


def called_membership(*, meeting: Meeting, person: Person) -> Membership | None:
    """The person's seat in the meeting's body on its date, if they are called to it in their own right."""
    return (
        Membership.objects.on(meeting.date)
        .filter(body_id=meeting.body_id, person=person)
        .exclude(role=Membership.Role.SUBSTITUTE)
        .select_related("organisation")
        .first()
    )


def substitute_candidates(*, meeting: Meeting, membership: Membership) -> list[Person]:
    """Who may come in the member's place: the people of the organisation the member represents (in the register,
    or seated in the body as its substitutes), not called in their own right, not already substituting for
    someone else at this meeting."""
    seated = Membership.objects.on(meeting.date).filter(body_id=meeting.body_id)
    called = seated.exclude(role=Membership.Role.SUBSTITUTE).values("person_id")
    organisation_substitutes = seated.filter(
        role=Membership.Role.SUBSTITUTE, organisation_id=membership.organisation_id
    ).values("person_id")
    busy = Substitution.objects.filter(meeting=meeting).exclude(replaces=membership.person).values("substitute_id")
    return list(
        Person.objects.filter(Q(organisation_id=membership.organisation_id) | Q(pk__in=organisation_substitutes))
        .exclude(pk__in=called)
        .exclude(pk__in=busy)
        .exclude(pk=membership.person_id)
        .order_by("first_name", "last_name", "pk")
    )


@transaction.atomic
def notice_reply(*, meeting: Meeting, person: Person, attending: bool, substitute: Person | None = None,
                 by=None) -> NoticeReply:  # fmt: skip
    """Record whether a called member comes; if not, the substitute they name (or none) replaces any named before.
    Refused once the meeting has begun, for a meeting cancelled or not yet called, and for anyone not a member
    on its date."""
    meeting = Meeting.objects.select_for_update(no_key=True).select_related("body").get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ServiceError(_("The meeting is cancelled."))
    if meeting.notice_version == 0:
        raise ServiceError(_("The notice of this meeting has not been sent."))
    if meeting_begun(meeting):
        raise ServiceError(_("The meeting has begun: tell the secretary instead."))
    membership = called_membership(meeting=meeting, person=person)
    if membership is None:
        raise ServiceError(_("Only a member called to the meeting answers its notice."))
    if attending:
        substitute = None
    if substitute is not None and substitute not in substitute_candidates(meeting=meeting, membership=membership):
        raise ServiceError(
            _("%(name)s cannot substitute for you: choose someone of %(organisation)s who is not called.")
            % {"name": substitute.name, "organisation": membership.organisation.display_name}
        )
    reply, _created = NoticeReply.objects.update_or_create(
        meeting=meeting, person=person, defaults={"attending": attending, "answered_at": timezone.now()}
    )
    before = Substitution.objects.filter(meeting=meeting, replaces=person).select_related("substitute").first()
    if before is not None and (substitute is None or before.substitute_id != substitute.pk):
        before.delete()
        log_change(meeting=meeting, action="substitute_removed", by=by, note=str(before))
        before = None
    added = None
    if substitute is not None and before is None:
        added = Substitution.objects.create(meeting=meeting, substitute=substitute, replaces=person)
        log_change(meeting=meeting, action="substitute_added", by=by, note=str(added))
    if attending:
        note = _("%(name)s comes") % {"name": person.name}
    elif substitute is not None:
        note = _("%(name)s does not come; %(substitute)s substitutes") % {"name": person.name,
                                                                           "substitute": substitute.name}  # fmt: skip
    else:
        note = _("%(name)s does not come") % {"name": person.name}
    log_change(meeting=meeting, action="notice_answered", by=by, note=note)
    if added is not None:
        transaction.on_commit(lambda: notice_send_to_substitute(substitution_id=added.pk))
    return reply


def notice_send_to_substitute(*, substitution_id: int) -> NoticeDelivery | None:
    """Mail a newly named substitute the newest sent notice (its PDF, calendar invitation and links), as its other
    recipients got it; their delivery is recorded with the others'. Nothing when they have it already."""
    from meetings.services.notices import _enqueue_notice_mail, _notice_mail, notice_ics

    substitution = Substitution.objects.filter(pk=substitution_id).select_related("meeting__body", "substitute").first()
    if substitution is None:
        return None
    meeting, person = substitution.meeting, substitution.substitute
    dispatch = last_sent(meeting=meeting)
    if dispatch is None or dispatch.deliveries.filter(person=person).exists():
        return None
    delivery = NoticeDelivery.objects.create(
        dispatch=dispatch, person=person, name=person.name, email=person.email,
        status=NoticeDelivery.Status.QUEUED if person.email else NoticeDelivery.Status.NO_ADDRESS,
    )  # fmt: skip
    if person.email:
        subject, body = _notice_mail(meeting, dispatch)
        ics = notice_ics(meeting=meeting, version=dispatch.version).decode()
        _enqueue_notice_mail(meeting, dispatch, delivery, subject=subject, body=body, ics=ics)
    return delivery
