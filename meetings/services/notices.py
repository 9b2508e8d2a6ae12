"""Sending and publishing the notice (kallelse)."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import vCalAddress, vText

from meetings.ics import meeting_event, new_calendar
from meetings.models import Meeting, NoticeDispatch
from meetings.pdf import render_pdf
from meetings.selectors import notice_context
from meetings.services import ServiceError
from meetings.services.log import log_change
from members.selectors import called_memberships


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str


def notice_recipients(meeting: Meeting) -> list[Recipient]:
    """Everyone called (the members on the meeting's date), the known substitutes, and the invited."""
    people = [m.person for m in called_memberships(body=meeting.body, on=meeting.date)]
    people += [s.substitute for s in meeting.substitutions.select_related("substitute")]
    people += [i.person for i in meeting.invitations.select_related("person")]
    seen, recipients = set(), []
    for person in people:
        if person.pk not in seen:
            seen.add(person.pk)
            recipients.append(Recipient(name=person.name, email=person.email))
    return recipients


def notice_filename(meeting: Meeting, version: int) -> str:
    suffix = f"-v{version}" if version > 1 else ""
    return f"Kallelse {meeting.body.short_name} {meeting.date:%Y-%m-%d}{suffix}.pdf"


def notice_pdf(*, meeting: Meeting, version: int | None = None) -> bytes:
    return render_pdf("pdf/notice.html", notice_context(meeting=meeting, version=version))


def notice_ics(*, meeting: Meeting, version: int) -> bytes:
    """An iCalendar invitation; its SEQUENCE follows the notice's version so calendars update it."""
    calendar = new_calendar(method="REQUEST")
    event = meeting_event(meeting)
    event.add("sequence", version - 1)
    event.add("description", f"{settings.SITE_URL}{meeting.get_absolute_url()}")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText(meeting.body.short_name)
    event.add("organizer", organizer)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


@transaction.atomic
def notice_send(*, meeting: Meeting, by) -> NoticeDispatch:
    """Send the notice, with its PDF and an iCalendar invitation, to everyone called and invited.

    Sending again after a change makes it a revised notice ("Reviderad kallelse") with the next
    version number. The mail goes out once the transaction has committed.
    """
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        raise ServiceError(_("The notice of a meeting that is held or cancelled cannot be sent."))
    version = meeting.notice_version + 1
    pdf = notice_pdf(meeting=meeting, version=version)
    ics = notice_ics(meeting=meeting, version=version)
    recipients = notice_recipients(meeting)
    now = timezone.now()

    previous_status = meeting.status
    meeting.notice_version = version
    meeting.notice_sent_at = now
    meeting.status = Meeting.Status.NOTICE_SENT
    meeting.save(update_fields=["notice_version", "notice_sent_at", "status", "updated_at"])
    dispatch = NoticeDispatch.objects.create(
        meeting=meeting,
        version=version,
        sent_at=now,
        sent_by=by,
        recipients=[{"name": r.name, "email": r.email} for r in recipients],
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
    )
    log_change(
        meeting=meeting,
        action="notice_sent",
        by=by,
        from_state=previous_status,
        to_state=meeting.status,
        note=f"v{version}",
    )
    transaction.on_commit(lambda: _mail_notice(meeting, version, pdf, ics, recipients))
    return dispatch


def _mail_notice(meeting, version, pdf, ics, recipients):
    context = {"meeting": meeting, "version": version, "revised": version > 1, "SITE_URL": settings.SITE_URL}
    body = render_to_string("emails/notice.txt", context)
    title = _("Revised notice") if version > 1 else _("Notice")
    subject = f"{title} {meeting.body.short_name} {meeting.date:%Y-%m-%d}"
    messages = []
    for recipient in recipients:
        if not recipient.email:
            continue
        message = EmailMessage(subject=subject, body=body, to=[f"{recipient.name} <{recipient.email}>"])
        message.attach(notice_filename(meeting, version), pdf, "application/pdf")
        message.attach("kallelse.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")
        messages.append(message)
    get_connection().send_messages(messages)


@transaction.atomic
def notice_publish(*, meeting: Meeting, by) -> Meeting:
    """Publish the notice on the public site."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.notice_published_at:
        raise ServiceError(_("The notice is already published."))
    meeting.notice_published_at = timezone.now()
    meeting.save(update_fields=["notice_published_at", "updated_at"])
    log_change(meeting=meeting, action="notice_published", by=by, to_state="published")
    return meeting


@transaction.atomic
def notice_unpublish(*, meeting: Meeting, by) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.notice_published_at = None
    meeting.save(update_fields=["notice_published_at", "updated_at"])
    log_change(meeting=meeting, action="notice_unpublished", by=by, from_state="published")
    return meeting
