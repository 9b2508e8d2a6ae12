"""Sending and publishing the notice (kallelse)."""

import datetime
import hashlib
from dataclasses import dataclass
from email import message_from_string

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import vCalAddress, vText

from meetings.dates import long_date
from meetings.ics import meeting_event, new_calendar
from meetings.models import AgendaItem, Attachment, FrozenItem, Meeting, NoticeDelivery, NoticeDispatch, Presenter
from meetings.pdf import html_to_pdf, render_pdf
from meetings.selectors import notice_context
from meetings.selectors.notices import last_sent, meeting_snapshot, notice_changes, notice_items
from meetings.services import ServiceError, announce, create_once, require_agenda_editable
from meetings.services.agenda import require_facts_changeable
from meetings.services.log import log_change, recorded_note
from members.models import Person
from members.selectors import called_memberships


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    person_id: int | None = None


def _called_people(meeting: Meeting) -> list[Person]:
    """Everyone called (the members on the meeting's date), the known substitutes, and the invited; each once."""
    people = [m.person for m in called_memberships(body=meeting.body, on=meeting.date)]
    people += [s.substitute for s in meeting.substitutions.select_related("substitute")]
    people += [i.person for i in meeting.invitations.select_related("person")]
    return list({p.pk: p for p in people}.values())


def notice_recipients(meeting: Meeting) -> list[Recipient]:
    return [Recipient(name=p.name, email=p.email, person_id=p.pk) for p in _called_people(meeting)]


def recipients_without_address(meeting: Meeting) -> list[Person]:
    """The called, substitutes and invited that a sending would not reach: they have no e-mail address."""
    return [person for person in _called_people(meeting) if not person.email]


def notice_filename(meeting: Meeting, version: int) -> str:
    suffix = f"-v{version}" if version > 1 else ""
    return f"Kallelse {meeting.body.short_name} {meeting.date:%Y-%m-%d}{suffix}.pdf"


def notice_pdf(*, meeting: Meeting, version: int | None = None, draft: bool = False) -> bytes:
    """The notice as a PDF; ``draft``: the agenda as it is being edited, marked "UTKAST" on every page so it is
    never taken for the notice that was sent."""
    return render_pdf("pdf/notice.html", {**notice_context(meeting=meeting, version=version), "draft": draft})


def meeting_link(meeting: Meeting) -> str:
    """Where the called read about the meeting: its public page once the notice is published, else its page in the
    members' area (never the staff pages, which members and guests cannot use)."""
    name = "public:meeting" if meeting.notice_published_at else "mymeetings:meeting"
    return f"{settings.SITE_URL}{reverse(name, kwargs={'pk': meeting.pk})}"


def notice_ics(*, meeting: Meeting, version: int) -> bytes:
    """An iCalendar invitation; its SEQUENCE follows the notice's version so calendars update it."""
    calendar = new_calendar(method="REQUEST")
    event = meeting_event(meeting)
    event.add("sequence", version - 1)
    # The meeting link goes only to the called and invited: the public calendar (``meeting_event``) never has it.
    description = f"{meeting_link(meeting)}\n{meeting.online_link}" if meeting.online_link else meeting_link(meeting)
    event.add("description", description)
    if meeting.online_link:
        event.add("url", meeting.online_link)
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText(meeting.body.short_name)
    event.add("organizer", organizer)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _notice_html(meeting: Meeting, version: int) -> dict:
    """The sent version's documents as HTML (cheap to render): as sent, as the public reads it, and the PDF's
    source. Two renders of an unchanged meeting give the same strings, so they also tell whether it moved."""
    full = notice_context(meeting=meeting, version=version)
    public = notice_context(meeting=meeting, version=version, public=True)
    on_the_page = {**public, "link_base": "", "embedded": True}
    return {
        "pdf_html": render_to_string("pdf/notice.html", full),
        "html": render_to_string("documents/_notice.html", full),
        "public_html": render_to_string("documents/_notice.html", on_the_page),
        "public_pdf_html": render_to_string("pdf/notice.html", public),
    }


def _freeze_notice(meeting: Meeting, version: int, *, with_pdf: bool = True) -> dict:
    """Everything a sent version keeps: the notice as sent (HTML, PDF) and as the public reads it."""
    frozen = _notice_html(meeting, version)
    return {**frozen, "pdf": html_to_pdf(frozen["pdf_html"]) if with_pdf else b""}


def notice_dispatch_create(
    *,
    meeting: Meeting,
    version: int,
    by,
    recipients: list[Recipient],
    now,
    frozen: dict | None = None,
    recorded_sent_on: datetime.date | None = None,
) -> tuple[NoticeDispatch, bytes]:
    """Freeze what is sent as version ``version``: its HTML, PDF and hash, its items, who got it.
    ``frozen`` is the notice already rendered (``_freeze_notice``) from the meeting as it is now; without it, it
    is rendered here. Returns the sent version and its PDF (for the mail)."""
    frozen = frozen or _freeze_notice(meeting, version)
    dispatch = NoticeDispatch(
        meeting=meeting,
        version=version,
        sent_at=now,
        sent_by=by,
        recipients=[{"name": r.name, "email": r.email} for r in recipients],
        pdf_sha256=hashlib.sha256(frozen["pdf"]).hexdigest(),
        html=frozen["html"],
        public_html=frozen["public_html"],
        public_pdf_html=frozen["public_pdf_html"],
        snapshot={"meeting": meeting_snapshot(meeting)},
        recorded_sent_on=recorded_sent_on,
    )
    dispatch.pdf.save(notice_filename(meeting, version), ContentFile(frozen["pdf"]), save=False)
    dispatch.save()
    announce(meeting.pk)  # what the called, and the public once it is published, read of the meeting now
    rows = notice_items(meeting)
    for row in rows:
        row.dispatch = dispatch
    FrozenItem.objects.bulk_create(rows)
    transaction.on_commit(lambda: _make_public_pdf(dispatch.pk))
    return dispatch, frozen["pdf"]


def _make_public_pdf(dispatch_id: int) -> None:
    from meetings.tasks import make_public_notice_pdf

    make_public_notice_pdf.enqueue(dispatch_id=dispatch_id)


class NoticeAlreadySent(ServiceError):
    """The notice was sent after the secretary's page was shown (a double click, or a colleague): nothing is sent
    again; ``dispatch`` is the version that was."""

    def __init__(self, dispatch: NoticeDispatch | None):
        self.dispatch = dispatch
        super().__init__(_("The notice was already sent (version %(version)s); it was not sent again.")
                         % {"version": dispatch.version if dispatch else "?"})  # fmt: skip


# How many times the notice is rendered outside the transaction before, the agenda still changing under it, it is
# rendered inside (holding the write lock for those seconds: the sending then cannot fail).
NOTICE_RENDER_TRIES = 2


def _require_sendable(meeting: Meeting) -> None:
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        raise ServiceError(_("The notice of a meeting that is held or cancelled cannot be sent."))


class RecordedDateError(ServiceError):
    """A day recorded afterwards that cannot be: the form shows it beside the date field."""


def require_recorded_sent_on(*, meeting: Meeting, day: datetime.date | None) -> None:
    """A past year's notice may be entered with the day the body really sent it: only for a meeting whose day is
    past, on a day not in the future, before the meeting, and not before the version sent before it."""
    if day is None:
        return
    today = timezone.localdate()
    if meeting.date >= today:
        raise RecordedDateError(_("Only the notice of a meeting already past is entered with the day it was "
                                  "really sent: this one is sent today."))  # fmt: skip
    if day > today:
        raise RecordedDateError(_("The day the notice was sent cannot be in the future."))
    if day >= meeting.date:
        raise RecordedDateError(_("A notice is sent before its meeting: give a day before %(date)s.")
                                % {"date": long_date(meeting.date)})  # fmt: skip
    previous = last_sent(meeting=meeting)
    if previous is not None and day < previous.sent_on:
        raise RecordedDateError(_("Version %(version)s was sent on %(date)s: the next version cannot have been sent "
                                  "before it.") % {"version": previous.version,
                                                   "date": long_date(previous.sent_on)})  # fmt: skip


def notice_send(
    *, meeting: Meeting, by, seen_version: int | None = None, recorded_sent_on: datetime.date | None = None
) -> NoticeDispatch:
    """Send the notice, with its PDF and an iCalendar invitation, to everyone called and invited.

    What is sent is frozen as that version (``NoticeDispatch`` and its items): the public site reads
    it, and later edits only show as changes until a revised notice ("Reviderad kallelse", the next
    version) is sent. The mail goes out once the transaction has committed.

    ``seen_version`` is the version the secretary's page showed as the last sent: if one was sent since (a
    double click, a colleague), nothing is sent and ``NoticeAlreadySent`` names it.

    ``recorded_sent_on``: entering a past year, the day the body really sent it (``require_recorded_sent_on``). It is
    kept beside the moment of this sending, which is never overwritten, and the log says it was recorded afterwards.

    The PDF is rendered before the transaction, which then only writes: on SQLite a transaction takes the
    write lock as it begins, and a second or more of rendering inside it would hold back every other save and
    the worker. In the transaction the meeting row is locked and the notice rendered again as HTML; if the
    meeting or its agenda moved meanwhile, the PDF is made again from what is there now, so a save is never
    crossed or lost; the last try renders inside the transaction, the saves waiting for it.
    """
    meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)
    expected = meeting.notice_version if seen_version is None else seen_version
    for try_ in range(1, NOTICE_RENDER_TRIES + 2):
        frozen = None
        if try_ <= NOTICE_RENDER_TRIES:
            _require_sendable(meeting)
            if meeting.notice_version != expected:
                raise NoticeAlreadySent(last_sent(meeting=meeting))
            require_recorded_sent_on(meeting=meeting, day=recorded_sent_on)
            frozen = _freeze_notice(meeting, expected + 1)
        with transaction.atomic():
            meeting = (
                Meeting.objects.select_for_update(no_key=True, of=("self",)).select_related("body").get(pk=meeting.pk)
            )
            _require_sendable(meeting)
            if meeting.notice_version != expected:
                raise NoticeAlreadySent(last_sent(meeting=meeting))
            require_recorded_sent_on(meeting=meeting, day=recorded_sent_on)
            if frozen is None:
                frozen = _freeze_notice(meeting, expected + 1)
            elif _notice_html(meeting, expected + 1) != {k: v for k, v in frozen.items() if k != "pdf"}:
                continue  # the agenda moved while the PDF was made: make it again
            return _notice_sent(meeting=meeting, by=by, version=expected + 1, frozen=frozen,
                                recorded_sent_on=recorded_sent_on)  # fmt: skip
    raise AssertionError("unreachable: the last try renders in the transaction")


def _notice_sent(*, meeting: Meeting, by, version: int, frozen: dict, recorded_sent_on=None) -> NoticeDispatch:
    """Record and queue the sending of version ``version`` (in the caller's transaction, the meeting locked)."""
    recipients = notice_recipients(meeting)
    changes = notice_changes(meeting=meeting)  # since the version before: the revised notice's mail says what
    now = timezone.now()
    dispatch, _pdf = notice_dispatch_create(meeting=meeting, version=version, by=by, recipients=recipients, now=now,
                                            frozen=frozen, recorded_sent_on=recorded_sent_on)  # fmt: skip
    ics = notice_ics(meeting=meeting, version=version)

    previous_status = meeting.status
    meeting.notice_version = version
    meeting.notice_sent_at = now
    meeting.status = Meeting.Status.NOTICE_SENT
    meeting.save(update_fields=["notice_version", "notice_sent_at", "status", "updated_at"])
    log_change(
        meeting=meeting,
        action="notice_sent",
        by=by,
        from_state=previous_status,
        to_state=meeting.status,
        note=f"v{version}" + (f", {recorded_note(sent_on=recorded_sent_on)}" if recorded_sent_on else ""),
    )
    if meeting.body.publish_notice_on_send and not meeting.notice_published_at:
        # Published with the sending, so the mail's public links and the calendar's link work at once.
        meeting.notice_published_at = now
        meeting.save(update_fields=["notice_published_at", "updated_at"])
        log_change(meeting=meeting, action="notice_published", by=by, to_state="published")
    ics = notice_ics(meeting=meeting, version=version)  # its link: the public page once published
    transaction.on_commit(lambda: _mail_notice(meeting, dispatch, ics, recipients, changes))
    return dispatch


def _notice_mail(meeting, dispatch, changes=()) -> tuple[str, str]:
    """The notice e-mail's subject and text ("Reviderad kallelse" from version 2, with what changed): each
    attachment of the version as sent (its frozen items, in agenda order) by name, a public one with its link,
    and the meeting's page in the members' area, where every document is, public or not."""
    # A public attachment's public address answers only once the notice is published: until then every
    # document is linked in the members' area, where the called read it.
    public = bool(meeting.notice_published_at)

    def link(attachment: dict) -> str:
        if public and attachment.get("is_public"):
            return reverse("public:attachment", kwargs={"pk": attachment["id"]})
        return reverse("mymeetings:attachment", kwargs={"pk": meeting.pk, "attachment_pk": attachment["id"]})

    attachments = [
        (attachment, f"{settings.SITE_URL}{link(attachment)}")
        for item in dispatch.items.order_by("sequence")
        for attachment in item.attachments
    ]
    version = dispatch.version
    my_meeting = f"{settings.SITE_URL}{reverse('mymeetings:meeting', kwargs={'pk': meeting.pk})}"
    context = {"meeting": meeting, "version": version, "revised": version > 1, "SITE_URL": settings.SITE_URL,
               "attachments": attachments, "changes": changes, "my_meeting": my_meeting}  # fmt: skip
    title = _("Revised notice") if version > 1 else _("Notice")
    subject = f"{title} {meeting.body.short_name} {meeting.date:%Y-%m-%d}"
    return subject, render_to_string("emails/notice.txt", context)


def _mail_notice(meeting, dispatch, ics, recipients, changes=()):
    """One background task per recipient (meetings.tasks): sending takes no time from the secretary's
    request, and a recipient whose server refuses is tried again without anyone getting it twice."""
    subject, body = _notice_mail(meeting, dispatch, changes)
    for recipient in recipients:
        delivery = NoticeDelivery.objects.create(
            dispatch=dispatch, person_id=recipient.person_id, name=recipient.name, email=recipient.email,
            status=NoticeDelivery.Status.QUEUED if recipient.email else NoticeDelivery.Status.NO_ADDRESS,
        )  # fmt: skip
        if recipient.email:
            _enqueue_notice_mail(meeting, dispatch, delivery, subject=subject, body=body, ics=ics.decode())


def _enqueue_notice_mail(meeting, dispatch, delivery, *, subject: str, body: str, ics: str) -> None:
    """One recipient's notice, as one background task (``meetings.tasks.send_notice_mail``)."""
    from meetings.tasks import send_notice_mail

    send_notice_mail.enqueue(dispatch_id=dispatch.pk, to=f"{delivery.name} <{delivery.email}>", subject=subject,
                             body=body, pdf_name=notice_filename(meeting, dispatch.version), ics=ics,
                             delivery_id=delivery.pk)  # fmt: skip


def not_reached(meeting: Meeting) -> list[NoticeDelivery]:
    """The recipients of the newest sent version not reached: failed, or without an address, or still queued."""
    dispatch = last_sent(meeting=meeting)
    if dispatch is None:
        return []
    return list(dispatch.deliveries.exclude(status=NoticeDelivery.Status.SENT).select_related("person"))


@transaction.atomic
def notice_resend(*, meeting: Meeting, by) -> int:
    """Send the newest version again, to those it did not reach and only them: with the address they have now
    (one filled in since counts). The same frozen PDF; nothing else changes. Returns how many were queued."""
    dispatch = last_sent(meeting=meeting)
    if dispatch is None:
        raise ServiceError(_("The notice has not been sent yet."))
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        raise ServiceError(_("The notice of a meeting that is held or cancelled cannot be sent."))
    again = []
    for delivery in dispatch.deliveries.select_for_update().exclude(status=NoticeDelivery.Status.SENT):
        email = delivery.person.email if delivery.person_id else delivery.email
        if email:
            delivery.email, delivery.status, delivery.error = email, NoticeDelivery.Status.QUEUED, ""
            delivery.save(update_fields=["email", "status", "error", "updated_at"])
            again.append(delivery)
    if not again:
        raise ServiceError(_("Nobody left to send to: those not reached still have no e-mail address."))
    log_change(meeting=meeting, action="notice_resent", by=by, note=f"v{dispatch.version}: {len(again)}")
    transaction.on_commit(lambda: _mail_again(meeting, dispatch, again))
    return len(again)


def _mail_again(meeting, dispatch, deliveries):
    subject, body = _notice_mail(meeting, dispatch)
    ics = notice_ics(meeting=meeting, version=dispatch.version).decode()
    for delivery in deliveries:
        _enqueue_notice_mail(meeting, dispatch, delivery, subject=subject, body=body, ics=ics)


def cancellation_send(*, meeting: Meeting, by, message: str = "", token=None) -> int:
    """Tell everyone called and invited that the meeting is cancelled, and how its matters are handled
    (one e-mail each, in the background). Returns how many have an address to send to.

    ``token`` is the form's (``SubmittedOnce``): the same form sent again (a double click) sends nothing and
    gets the first sending's count."""
    entry, _created = create_once(
        token=token, create=lambda: _cancellation_sent(meeting=meeting, by=by, message=message)
    )
    return int(entry.note)


@transaction.atomic
def _cancellation_sent(*, meeting: Meeting, by, message: str):
    meeting = Meeting.objects.select_for_update(no_key=True).select_related("body").get(pk=meeting.pk)
    if meeting.status != Meeting.Status.CANCELLED:
        raise ServiceError(_("Only a cancelled meeting has a notice of cancellation."))
    addresses = [f"{r.name} <{r.email}>" for r in notice_recipients(meeting) if r.email]
    if not addresses:
        raise ServiceError(_("Nobody called to the meeting has an e-mail address."))
    body = render_to_string("emails/cancellation.txt", {"meeting": meeting, "message": message.strip()})
    subject = _("Cancelled: %(body)s %(date)s") % {"body": meeting.body.short_name, "date": f"{meeting.date:%Y-%m-%d}"}

    def enqueue():
        from meetings.tasks import mail_enqueue

        mail_enqueue(subject=subject, body=body, to=addresses, body_id=meeting.body_id)

    transaction.on_commit(enqueue)
    return log_change(meeting=meeting, action="cancellation_sent", by=by, note=str(len(addresses)))


@transaction.atomic
def notice_publish(*, meeting: Meeting, by) -> Meeting:
    """Publish the notice on the public site: the newest sent version, never the agenda being edited."""
    meeting = Meeting.objects.select_for_update(no_key=True).get(pk=meeting.pk)
    if meeting.notice_published_at:
        raise ServiceError(_("The notice is already published."))
    if meeting.notice_version == 0:
        raise ServiceError(_("Send the notice first: the public site shows the version that was sent."))
    meeting.notice_published_at = timezone.now()
    meeting.save(update_fields=["notice_published_at", "updated_at"])
    log_change(meeting=meeting, action="notice_published", by=by, to_state="published")
    return meeting


@transaction.atomic
def notice_unpublish(*, meeting: Meeting, by) -> Meeting:
    meeting = Meeting.objects.select_for_update(no_key=True).get(pk=meeting.pk)
    meeting.notice_published_at = None
    meeting.save(update_fields=["notice_published_at", "updated_at"])
    log_change(meeting=meeting, action="notice_unpublished", by=by, from_state="published")
    return meeting


@transaction.atomic
def notice_changes_undo(*, meeting: Meeting, by) -> list[str]:
    """Put the meeting and its agenda back as the last sent version had them: items added since go, items
    changed or removed since come back with their texts, times, presenters and order.

    Returns the titles of attachments that were deleted since and cannot come back (their files are gone).
    """
    meeting = Meeting.objects.select_for_update(no_key=True).get(pk=meeting.pk)
    require_agenda_editable(meeting)
    dispatch = last_sent(meeting=meeting)
    if dispatch is None:
        raise ServiceError(_("The notice has not been sent: there is nothing to go back to."))
    for name, value in dispatch.snapshot.get("meeting", {}).items():
        setattr(meeting, name, value)
    require_facts_changeable(meeting)
    meeting.save()
    rows = list(dispatch.items.order_by("sequence"))
    kept = {row.item_id for row in rows}
    for gone in Attachment.objects.filter(item__meeting=meeting).exclude(item_id__in=kept):
        gone.file.delete(save=False)
    AgendaItem.objects.filter(meeting=meeting, parent__isnull=False).exclude(pk__in=kept).delete()
    AgendaItem.objects.filter(meeting=meeting).exclude(pk__in=kept).delete()
    # Out of the way of the unique order first, then each item to its place.
    AgendaItem.objects.filter(meeting=meeting).update(order=F("order") + 1000)
    existing = AgendaItem.objects.in_bulk(kept)
    orders: dict[int | None, int] = {}
    lost = []
    for row in rows:
        item = existing.get(row.item_id) or AgendaItem(pk=row.item_id, meeting=meeting)
        orders[row.parent_item_id] = orders.get(row.parent_item_id, 0) + 1
        for name in ("kind", "kind_note", "standing", "title", "duration_minutes", "show_time", "body", "matter_id"):
            setattr(item, name, getattr(row, name))
        item.proposals = row.proposal_list
        item.parent_id, item.order = row.parent_item_id, orders[row.parent_item_id]
        item.save()
        item.presenters.all().delete()
        Presenter.objects.bulk_create(
            Presenter(item=item, person_id=p["person_id"], description=p["description"], order=index)
            for index, p in enumerate(row.presenters, start=1)
        )
        sent_files = {a["id"]: a for a in row.attachments}
        for attachment in item.attachments.exclude(pk__in=sent_files):
            attachment.file.delete(save=False)
            attachment.delete()
        present = set(item.attachments.values_list("pk", flat=True))
        lost += [a["title"] for pk, a in sent_files.items() if pk not in present]
    log_change(meeting=meeting, action="notice_changes_undone", by=by, note=f"v{dispatch.version}")
    return lost


def notices_freeze_legacy() -> int:
    """Freeze the notices sent before versions were frozen (migration 0010), from the agenda as it is now:
    the best record there is of them. Runs after ``migrate``; returns how many it froze."""
    from meetings.integrity import guard_disabled

    legacy = list(NoticeDispatch.objects.filter(html="").select_related("meeting", "meeting__body"))
    if not legacy:
        return 0
    with guard_disabled(), transaction.atomic():
        for dispatch in legacy:
            frozen = _freeze_notice(dispatch.meeting, dispatch.version, with_pdf=False)
            NoticeDispatch.objects.filter(pk=dispatch.pk).update(
                html=frozen["html"], public_html=frozen["public_html"], public_pdf_html=frozen["public_pdf_html"],
                snapshot={"meeting": meeting_snapshot(dispatch.meeting), "legacy": True},
            )  # fmt: skip
            rows = notice_items(dispatch.meeting)
            for row in rows:
                row.dispatch = dispatch
            FrozenItem.objects.bulk_create(rows)
    return len(legacy)


def bounces_record(message) -> list[NoticeDelivery]:
    """Record the bounce that a delivery status notification (RFC 3464: the mail server's report that a mail it
    had accepted could not be delivered) tells of. The report names the notice mail by its Message-ID (in the
    returned headers), else by its recipient: the newest delivery to that address that the server accepted.
    Returns the deliveries marked as bounced; a report of a delay or a delivery changes nothing."""
    failed, message_ids = [], set()
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            for block in part.get_payload()[1:]:  # the first block is about the message, the others per recipient
                if (block.get("Action") or "").strip().lower() == "failed":
                    recipient = (block.get("Final-Recipient") or block.get("Original-Recipient") or "").split(";")[-1]
                    reason = " ".join(
                        filter(
                            None,
                            [
                                (block.get("Status") or "").strip(),
                                (block.get("Diagnostic-Code") or "").split(";")[-1].strip(),
                            ],
                        )
                    )
                    failed.append((recipient.strip().lower(), reason))  # fmt: skip
        elif kind in ("message/rfc822", "text/rfc822-headers"):
            returned = part.get_payload()[0] if kind == "message/rfc822" else message_from_string(part.get_payload())
            if returned.get("Message-ID"):
                message_ids.add(returned["Message-ID"].strip())
    marked = []
    for recipient, reason in failed:
        deliveries = NoticeDelivery.objects.filter(email__iexact=recipient)
        delivery = (deliveries.filter(message_id__in=message_ids).first() if message_ids else None) or (
            deliveries.filter(status=NoticeDelivery.Status.SENT).order_by("-dispatch__sent_at", "-pk").first()
        )
        if delivery is not None:
            delivery.status, delivery.error = NoticeDelivery.Status.BOUNCED, (reason or _("Bounced"))[:300]
            delivery.save(update_fields=["status", "error", "updated_at"])
            marked.append(delivery)
    return marked
