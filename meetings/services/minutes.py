"""The notes of a held meeting: from the agenda to notes the chair approves, frozen and published.

Lifecycle: draft → sent to the chair → (returned → sent again …) → approved → published.
Approval freezes a version (HTML, PDF, SHA-256) that nothing can change afterwards; a correction
is a new version that needs approval again.
"""

import datetime
import hashlib
import re
from copy import copy as shallow_copy
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import hooks
from meetings.dates import long_date
from meetings.models import (
    Assignment,
    Attendance,
    FrozenItem,
    ItemNote,
    Meeting,
    Minutes,
    MinutesVersion,
    MinutesWithdrawal,
    Position,
    QuestionAnswer,
)
from meetings.pdf import render_pdf
from meetings.sanitize import clean_html, html_to_text, is_empty_html
from meetings.selectors import (
    account_may_approve,
    fingerprint,
    minutes_approvers,
    minutes_context,
    minutes_document,
    minutes_reviewers,
    notes_not_yet,
    text_changes,
)
from meetings.selectors.notices import meeting_snapshot, notice_items
from meetings.services import ServiceError, announce, claim_version, two_factor
from meetings.services.log import log_change, recorded_note
from members.models import Membership
from members.selectors import called_memberships, presidium, secretary_addresses, user_name

_NOTES_ONLY = re.compile(r"noterar informationen\.?$", re.IGNORECASE)


def only_notes_information(text: str, clauses: str = "") -> bool:
    """ "SRO noterar informationen." and nothing more (one line, no clauses): left out of the yearly
    compilation."""
    text = text.strip()
    return bool(_NOTES_ONLY.search(text)) and "\n" not in text and not clauses.strip()


def positions_save(*, item, meeting: Meeting, texts: list[str]) -> list[Position]:
    """The positions taken on an item (working copy), in the order given, each cleaned rich text.

    Rows already there are rewritten in place, so an assignment a position gave stays with it; positions
    beyond the new list are removed, their assignments passed to the last position kept. Removing every
    position of an item that gave assignments is refused (the assignments would lose where they came from).
    """
    texts = [html for html in (clean_html(t) for t in texts) if not is_empty_html(html)]
    existing = list(Position.objects.filter(item=item, minutes_version__isnull=True).order_by("order", "pk"))
    removed = existing[len(texts) :]
    if removed and not texts and Assignment.objects.filter(position__in=removed).exists():
        raise ServiceError(_("A position here gives an assignment: keep at least one position on the item."))
    if removed:
        Assignment.objects.filter(position__in=removed).update(position=existing[len(texts) - 1])
        Position.objects.filter(pk__in=[p.pk for p in removed]).delete()
    kept = []
    for index, html in enumerate(texts):
        position = existing[index] if index < len(existing) else Position(item=item)
        text = html_to_text(html)
        position.body, position.how, position.taken_on = meeting.body, Position.How.MEETING, meeting.date
        position.matter, position.order = item.matter, index
        position.text_html, position.text, position.clauses = html, text, ""
        position.notes_information = only_notes_information(text)
        position.save()
        kept.append(position)
    return kept


class WrongPasswordError(ServiceError):
    """The chair's password did not match: the view counts it like a failed login."""


class ContentChangedError(ServiceError):
    """The notes differ from what the chair read: she is shown what changed, nothing is approved."""

    def __init__(self, changes):
        super().__init__(_("The notes have changed since you opened them. Read the changes below and approve again."))
        self.changes = changes


def _locked(minutes: Minutes) -> Minutes:
    return (
        Minutes.objects.select_for_update(no_key=True, of=("self",))
        .select_related("meeting", "meeting__body")
        .get(pk=minutes.pk)
    )


def _require_editable(minutes: Minutes) -> None:
    if not minutes.is_editable:
        raise ServiceError(
            _("The notes are %(status)s and cannot be edited now.") % {"status": minutes.get_status_display().lower()}
        )


@transaction.atomic
def minutes_start(*, meeting: Meeting, by) -> Minutes:
    """Start the notes from the agenda: everyone called present but those who said they do not come, the known
    substitutes noted, the invited present, and each item's proposed position as the position taken until changed."""
    meeting = Meeting.objects.select_for_update(no_key=True).get(pk=meeting.pk)
    if hasattr(meeting, "minutes"):
        raise ServiceError(_("The notes of this meeting are already started."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise ServiceError(_("A cancelled meeting has no notes."))
    minutes = Minutes.objects.create(meeting=meeting)
    substitutes = {s.replaces_id: s.substitute for s in meeting.substitutions.select_related("substitute")}
    # Who said in "Mina möten" that they do not come starts as absent: the expected attendance.
    not_coming = set(meeting.replies.filter(attending=False).values_list("person_id", flat=True))
    order = 0
    for membership in called_memberships(body=meeting.body, on=meeting.date):
        substitute = substitutes.get(membership.person_id)
        absent = substitute or membership.person_id in not_coming
        Attendance.objects.create(
            minutes=minutes,
            person=membership.person,
            membership=membership,
            status=Attendance.Status.ABSENT if absent else Attendance.Status.PRESENT,
            substitute=substitute,
            order=order,
        )
        order += 1
    for invitation in meeting.invitations.select_related("person"):
        order += 1
        Attendance.objects.create(minutes=minutes, person=invitation.person, order=order)
    notes_follow_agenda(meeting=meeting)  # every item's notes, its proposals as the positions taken
    previous = meeting.status
    if meeting.status != Meeting.Status.HELD:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status", "updated_at"])
    log_change(meeting=meeting, action="minutes_started", by=by, from_state=previous, to_state=minutes.status)
    return minutes


def notes_follow_agenda(*, meeting: Meeting) -> int:
    """Every item of the agenda without notes gets them, with its proposed positions as the positions taken:
    all items when the notes start, and those added to the agenda (or moved to it) later. Returns how many."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or not minutes.is_editable:
        return 0
    with_notes = minutes.item_notes.values("item_id")
    added = 0
    for item in meeting.agenda_items.exclude(pk__in=with_notes).exclude(kind="break").select_related("matter"):
        ItemNote.objects.create(minutes=minutes, item=item)
        if not Position.objects.filter(item=item, minutes_version__isnull=True).exists():
            positions_save(item=item, meeting=meeting, texts=item.proposal_list)
        added += 1
    return added


@transaction.atomic
def attendance_update(*, minutes: Minutes, rows: list[dict], by, loaded_version: int | None = None) -> None:
    """Save who was there: each row has attendance (an Attendance), status, note and substitute.
    Only over the version of the notes the editor loaded (``ConflictError`` otherwise)."""
    minutes = _locked(minutes)
    _require_editable(minutes)
    claim_version(minutes, loaded_version)
    for row in rows:
        attendance = row["attendance"]
        if attendance.minutes_id != minutes.pk:
            raise ServiceError(_("The attendance list has been changed. Reload the page."))
        attendance.status = row["status"]
        attendance.note = row.get("note", "")
        attendance.substitute = row.get("substitute")
        attendance.save()
    minutes.save(update_fields=["lock_version", "updated_at"])
    log_change(meeting=minutes.meeting, action="attendance_saved", by=by)


@transaction.atomic
def item_notes_save(
    *,
    note: ItemNote,
    text: str,
    closing_text: str,
    questions: list[tuple[str, str]],
    positions: list[str],
    by,
    loaded_version: int | None = None,
) -> ItemNote:
    """Save what was said on one item, its questions and answers in order, and the positions taken.
    Only over the version of the item's notes the editor loaded (``ConflictError`` otherwise)."""
    minutes = _locked(note.minutes)
    _require_editable(minutes)
    claim_version(note, loaded_version)
    note.text = clean_html(text)
    note.closing_text = clean_html(closing_text)
    note.save()
    note.questions.all().delete()
    QuestionAnswer.objects.bulk_create(
        QuestionAnswer(note=note, order=index, question=question, answer=answer)
        for index, (question, answer) in enumerate(questions)
        if question.strip()
    )
    item = note.item
    positions_save(item=item, meeting=minutes.meeting, texts=positions)
    log_change(meeting=minutes.meeting, action="item_notes_saved", by=by, note=item.title)
    return note


@transaction.atomic
def assignment_add(*, note: ItemNote, assignees: str, description: str, due_date=None, due_meeting=None, by):
    """An assignment given by the positions taken on the item (held by the last of them: "… ger X i uppdrag")."""
    minutes = _locked(note.minutes)
    _require_editable(minutes)
    position = Position.objects.filter(item=note.item, minutes_version__isnull=True).order_by("order").last()
    if position is None:
        raise ServiceError(_("Write the position that gives the assignment first."))
    assignment = Assignment.objects.create(
        body=minutes.meeting.body,
        position=position,
        matter=note.item.matter,
        assignees=assignees,
        description=description,
        due_date=due_date,
        due_meeting=due_meeting,
    )
    log_change(meeting=minutes.meeting, action="assignment_added", by=by, note=assignees)
    return assignment


@transaction.atomic
def minutes_send_to_chair(*, minutes: Minutes, by, remind: bool = True) -> Minutes:
    """The secretary sends the notes to the chair (and the vice chair as deputy), by e-mail with a link."""
    minutes = _locked(minutes)
    if minutes.status not in (Minutes.Status.DRAFT, Minutes.Status.RETURNED):
        raise ServiceError(_("Only a draft or returned notes can be sent to the chair."))
    if refusal := notes_not_yet(minutes.meeting):
        raise ServiceError(refusal)
    previous = minutes.status
    minutes.status = Minutes.Status.SENT_TO_CHAIR
    minutes.sent_html = minutes_document(minutes=minutes)
    minutes.save(update_fields=["status", "sent_html", "updated_at"])
    log_change(meeting=minutes.meeting, action="minutes_sent_to_chair", by=by, from_state=previous,
               to_state=minutes.status)  # fmt: skip
    reviewers = minutes_approvers(meeting=minutes.meeting)
    transaction.on_commit(lambda: _mail_reviewers(minutes, reviewers))
    if remind:  # not for a record entered after the fact (the demo's history)
        transaction.on_commit(lambda: _remind_later(minutes))
    return minutes


def _remind_later(minutes: Minutes) -> None:
    """Queue one reminder to the chair, ``APPROVAL_REMINDER_DAYS`` after the sending; it is sent only if the
    notes then still wait for her in the same round (``remind_reviewers``). Needs a queue that can hold a
    task until later (the database queue of ``make run``); the test queue runs at once, so none is queued."""
    from meetings.tasks import remind_reviewers

    if not settings.APPROVAL_REMINDER_DAYS or not remind_reviewers.get_backend().supports_defer:
        return
    run_after = timezone.now() + datetime.timedelta(days=settings.APPROVAL_REMINDER_DAYS)
    remind_reviewers.using(run_after=run_after).enqueue(minutes_id=minutes.pk, round=approval_round(minutes))


def approval_round(minutes: Minutes) -> int:
    """Which sending to the chair this is (1, 2 … after each return): a reminder belongs to its round."""
    return minutes.meeting.log.filter(action="minutes_sent_to_chair").count()


def remind_reviewers(*, minutes_id: int, round: int) -> bool:
    """The reminder, if the notes still wait for the chair in the round it was queued for."""
    minutes = Minutes.objects.select_related("meeting__body").filter(pk=minutes_id).first()
    if minutes is None or minutes.status != Minutes.Status.SENT_TO_CHAIR or approval_round(minutes) != round:
        return False
    _mail_reviewers(minutes, minutes_approvers(meeting=minutes.meeting), reminder=True)
    return True


def _mail_secretaries(minutes: Minutes, *, subject: str, template: str, **context) -> None:
    addresses = secretary_addresses(body=minutes.meeting.body)
    if not addresses:
        return
    from meetings.tasks import mail_enqueue

    link = f"{settings.SITE_URL}{minutes.get_absolute_url()}"
    body = render_to_string(template, {"minutes": minutes, "link": link, **context})
    subject %= {"body": minutes.meeting.body.short_name, "date": f"{minutes.meeting.date:%Y-%m-%d}"}
    mail_enqueue(subject=subject, body=body, to=addresses, body_id=minutes.meeting.body_id)


def _mail_reviewers(minutes, reviewers, reminder: bool = False):
    link = f"{settings.SITE_URL}{minutes.get_review_url()}"
    body = render_to_string("emails/minutes_for_approval.txt", {"minutes": minutes, "link": link,
                                                                "reminder": reminder})  # fmt: skip
    subject = (
        _("Reminder: meeting notes to approve: %(body)s %(date)s")
        if reminder
        else _("Meeting notes to approve: %(body)s %(date)s")
    ) % {
        "body": minutes.meeting.body.short_name,
        "date": f"{minutes.meeting.date:%Y-%m-%d}",
    }
    addresses = sorted({m.person.email or (m.person.user.email if m.person.user_id else "") for m in reviewers} - {""})
    if addresses:
        from meetings.tasks import mail_enqueue

        mail_enqueue(subject=subject, body=body, to=addresses, body_id=minutes.meeting.body_id)


def approval_refusal(*, user, meeting: Meeting) -> str:
    """Why ``user`` may not approve the meeting's notes, in words: her seat had ended (or not begun) on the
    meeting's date, or she held no chair's seat then."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    seats = list(person.memberships.filter(body=meeting.body).order_by("-start_date")) if person else []
    chairs = [m for m in seats if m.is_presidium]
    ended = [m for m in chairs if m.end_date and m.end_date < meeting.date]
    in_force = [m for m in chairs if m.start_date <= meeting.date and not (m.end_date and m.end_date < meeting.date)]
    if ended and not in_force:
        return _("Your seat as %(role)s of %(body)s ended on %(end)s; the meeting of %(date)s is after it. Its "
                 "chair or vice chair on that day approves the notes.") % {
            "role": ended[0].get_role_display(), "body": meeting.body.short_name,
            "end": f"{ended[0].end_date:%Y-%m-%d}", "date": f"{meeting.date:%Y-%m-%d}"}  # fmt: skip
    return _("Only the chair or the vice chair of the meeting can approve the notes.")


def chair_can_approve(*, user, meeting: Meeting) -> bool:
    """The chair, or the vice chair as deputy, by membership on the meeting's date, holding the chair's role in the
    meeting's body; never the secretary, never another body's chair given a seat there."""
    if not (user.is_authenticated and account_may_approve(user, body=meeting.body)):
        return False
    return any(m.person.user_id == user.pk for m in minutes_reviewers(meeting=meeting))


@transaction.atomic
def minutes_return(*, minutes: Minutes, by, comment: str) -> Minutes:
    """The chair sends the notes back to the secretary with a comment."""
    minutes = _locked(minutes)
    if not chair_can_approve(user=by, meeting=minutes.meeting):
        raise ServiceError(_("Only the chair or the vice chair of the meeting can do that."))
    if minutes.status != Minutes.Status.SENT_TO_CHAIR:
        raise ServiceError(_("The notes are not waiting for the chair."))
    if not comment.strip():
        raise ServiceError(_("Say what should be changed."))
    minutes.status = Minutes.Status.RETURNED
    minutes.returned_html = minutes_document(minutes=minutes)  # what she read: the next round shows what changed
    minutes.save(update_fields=["status", "returned_html", "updated_at"])
    log_change(meeting=minutes.meeting, action="minutes_returned", by=by, from_state=Minutes.Status.SENT_TO_CHAIR,
               to_state=minutes.status, note=comment.strip())  # fmt: skip
    name = user_name(by)
    transaction.on_commit(lambda: _mail_secretaries(
        minutes, subject=_("Meeting notes sent back: %(body)s %(date)s"), template="emails/minutes_returned.txt",
        comment=comment.strip(), name=name,
    ))  # fmt: skip
    return minutes


def _require_approvable(minutes: Minutes, by) -> None:
    if not chair_can_approve(user=by, meeting=minutes.meeting):
        raise ServiceError(approval_refusal(user=by, meeting=minutes.meeting))
    if minutes.status != Minutes.Status.SENT_TO_CHAIR:
        raise ServiceError(_("The notes are not waiting for the chair."))


class RecordedDateError(ServiceError):
    """A day of approval recorded afterwards that cannot be: the form shows it beside the date field."""


def require_recorded_approved_on(*, meeting: Meeting, day: datetime.date | None) -> None:
    """A past year's notes may be approved with the day the chair really approved them: on or after the meeting's
    day, and not in the future."""
    if day is None:
        return
    if day > timezone.localdate():
        raise RecordedDateError(_("The day of the approval cannot be in the future."))
    if day < meeting.date:
        raise RecordedDateError(_("Notes are approved after their meeting: give %(date)s or a later day.")
                                % {"date": long_date(meeting.date)})  # fmt: skip


def minutes_approve(
    *,
    minutes: Minutes,
    by,
    password: str,
    code: str = "",
    read: str | None = None,
    recorded_approved_on: datetime.date | None = None,
) -> MinutesVersion:
    """The chair approves, confirming with the password again (and, with OTP_REQUIRED_FOR_APPROVAL, a code
    from the authenticator app): the version is frozen as HTML and PDF.

    ``read`` is the fingerprint of the document her review page showed her: the approval binds to it, and
    if the notes now differ (anything in them, the agenda and the annual plan included) nothing is approved
    (``ContentChangedError``, with the changes since they were sent to her). ``None`` is for callers that
    show no page, such as the demo loader.

    The password check, the PDF and its seal (seconds, together) are done before the transaction, which then
    only writes: on SQLite a transaction takes the write lock as it begins, and holding it while sealing would
    hold back every other save and the worker. In the transaction the notes are locked and rendered again;
    if they moved since the seal was made, nothing is approved and she is shown what changed.

    ``recorded_approved_on``: entering a past year, the day she really approved them
    (``require_recorded_approved_on``): the approved version prints it and keeps it beside the moment of this
    approval (its seal's time), and the log says it was recorded afterwards. Decided now: the version never
    changes."""
    minutes = Minutes.objects.select_related("meeting", "meeting__body").get(pk=minutes.pk)
    _require_approvable(minutes, by)
    require_recorded_approved_on(meeting=minutes.meeting, day=recorded_approved_on)
    if not by.check_password(password):
        raise WrongPasswordError(_("The password was wrong. The notes are not approved."))
    html = minutes_document(minutes=minutes)
    if read is not None and read != fingerprint(html):
        raise ContentChangedError(text_changes(minutes.sent_html, html))
    if settings.OTP_REQUIRED_FOR_APPROVAL:
        device = two_factor.confirmed_device(by)
        if device is None:
            raise ServiceError(_("Approving requires two-factor sign-in: turn it on under “Two-factor sign-in” "
                                 "first. The notes are not approved."))  # fmt: skip
        two_factor.check_code(device, code)
    person = by.person
    # Frozen as rendered again with the approval on it ("Godkänd av …"): the same content she read.
    now = timezone.now()
    sealed = freeze_render(minutes=minutes, approved_by=by, approved_by_name=person.name, now=now,
                           recorded_on=recorded_approved_on)  # fmt: skip
    with transaction.atomic():
        locked = _locked(minutes)
        _require_approvable(locked, by)
        now_html = minutes_document(minutes=locked)
        if locked.version != sealed.version or now_html != html:
            raise ContentChangedError(text_changes(html, now_html))
        version = freeze_store(minutes=locked, sealed=sealed)
        published = locked.meeting.body.publish_on_approval
        transaction.on_commit(lambda: _mail_secretaries(
            locked, subject=_("Meeting notes approved: %(body)s %(date)s"), template="emails/minutes_approved.txt",
            name=person.name, published=published,
        ))  # fmt: skip
        if published:
            return minutes_publish(minutes=locked, by=by, now=now)
        return version


@dataclass(frozen=True)
class SealedNotes:
    """The approved version as rendered and sealed, before anything is stored (``freeze_render``)."""

    version: int
    html: str
    pdf: bytes
    signature: object  # seal.services.Signature or None
    approved_by: object
    approved_by_name: str
    approved_at: datetime.datetime
    recorded_on: datetime.date | None = None  # the day really approved, entered afterwards


def freeze(*, minutes: Minutes, approved_by, approved_by_name: str, now) -> MinutesVersion:
    """Render and store the approved version, then mark the notes approved (in the caller's transaction)."""
    sealed = freeze_render(minutes=minutes, approved_by=approved_by, approved_by_name=approved_by_name, now=now)
    return freeze_store(minutes=minutes, sealed=sealed)


def freeze_render(*, minutes: Minutes, approved_by, approved_by_name: str, now, recorded_on=None) -> SealedNotes:
    """The approved version's HTML and sealed PDF, as the notes read now with the approval on them (on
    ``recorded_on``, the day really approved, where a past year is entered). Writes nothing (the notes are marked
    approved on a copy), so it can run outside any transaction."""
    approved = shallow_copy(minutes)
    approved.status = Minutes.Status.APPROVED
    approved.approved_by = approved_by
    approved.approved_by_name = approved_by_name
    approved.approved_at = now
    approved.recorded_approved_on = recorded_on
    context = minutes_context(minutes=approved)
    html = render_to_string("documents/_minutes.html", context)
    # Sealed as approved (an incremental update of the PDF/A): the hash kept is the sealed file's.
    pdf, signature = hooks.call("seal_approved_notes", render_pdf("pdf/minutes.html", context), name=approved_by_name,
                                chair=_approver_is_chair(minutes.meeting, approved_by), when=now)  # fmt: skip
    return SealedNotes(version=minutes.version, html=html, pdf=pdf, signature=signature, approved_by=approved_by,
                       approved_by_name=approved_by_name, approved_at=now, recorded_on=recorded_on)  # fmt: skip


def freeze_store(*, minutes: Minutes, sealed: SealedNotes) -> MinutesVersion:
    """Store the approved version (``freeze_render``'s), then mark the notes approved (in the caller's
    transaction, the notes locked)."""
    previous = minutes.status
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_by = approved_by = sealed.approved_by
    minutes.approved_by_name = sealed.approved_by_name
    minutes.approved_at = sealed.approved_at
    minutes.recorded_approved_on = sealed.recorded_on
    pdf, signature = sealed.pdf, sealed.signature
    reason = _correction_reason(minutes) if minutes.version > 1 else ""
    version = MinutesVersion(
        minutes=minutes,
        version=minutes.version,
        html=sealed.html,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        pdf_sha512=hashlib.sha512(pdf).hexdigest(),
        seal_level=signature.level if signature else "",
        sealed_by=signature.signed_by if signature else "",
        approved_by=approved_by,
        approved_by_name=sealed.approved_by_name,
        approved_at=sealed.approved_at,
        recorded_approved_on=sealed.recorded_on,
        correction_reason=reason,
        snapshot={"meeting": meeting_snapshot(minutes.meeting)},
    )
    version.pdf.save(f"minnesanteckningar-{minutes.meeting.date:%Y-%m-%d}-v{minutes.version}.pdf", ContentFile(pdf),
                     save=False)  # fmt: skip
    version.save()
    # The positions as approved: the public register, feeds, search and API read these copies.
    copies = list(Position.objects.filter(item__meeting=minutes.meeting, minutes_version__isnull=True))
    given = _assignments_given(copies)
    for copy in copies:
        copy.assignments_given = given.get(copy.pk, [])
        copy.pk, copy.minutes_version = None, version
    Position.objects.bulk_create(copies)
    items = notice_items(minutes.meeting)
    for item in items:
        item.minutes_version = version
    FrozenItem.objects.bulk_create(items)
    # The content rows are checked by the database against the status: save the status last.
    minutes.save(update_fields=["status", "approved_by", "approved_by_name", "approved_at", "recorded_approved_on",
                                "updated_at"])  # fmt: skip
    _assignments_reported(meeting=minutes.meeting, by=approved_by)
    note = f"v{minutes.version} sha256 {version.pdf_sha256}"
    if sealed.recorded_on:
        note += f", {recorded_note(approved_on=sealed.recorded_on)}"
    log_change(meeting=minutes.meeting, action="minutes_approved", by=approved_by, from_state=previous,
               to_state=minutes.status, note=note)  # fmt: skip
    return version


def _assignments_given(positions) -> dict[int, list[dict]]:
    """The assignments each position gives, as the approved notes print them: kept with its frozen copy, so that
    the public reads them as approved, whatever is edited later."""
    given: dict[int, list[dict]] = {}
    for assignment in Assignment.objects.filter(position__in=positions).select_related("due_meeting").order_by("pk"):
        given.setdefault(assignment.position_id, []).append(assignment.record())
    return given


def _approver_is_chair(meeting: Meeting, user) -> bool:
    """Whether who approves is the chair (not a vice chair) on the meeting's date, for the seal's reason."""
    person = getattr(user, "person", None) if user is not None else None
    return person is None or any(m.person_id == person.pk and m.role == Membership.Role.CHAIR
                                 for m in presidium(body=meeting.body, on=meeting.date))  # fmt: skip


def _assignments_reported(*, meeting: Meeting, by) -> None:
    """Approved notes record that the assignments on this agenda's report-back items were reported back."""
    reported = Assignment.objects.filter(report_item__meeting=meeting, status=Assignment.Status.OPEN).update(
        status=Assignment.Status.REPORTED
    )
    if reported:
        log_change(meeting=meeting, action="assignments_reported", by=by, note=str(reported))


def _correction_reason(minutes: Minutes) -> str:
    entry = minutes.meeting.log.filter(action="minutes_correction_started").order_by("-created_at", "-pk").first()
    return entry.note if entry else ""


@transaction.atomic
def minutes_publish(*, minutes: Minutes, by, now=None, alert: bool = True) -> MinutesVersion:
    """Publish the approved version on the public site (one click, by the secretary)."""
    minutes = _locked(minutes)
    if minutes.status != Minutes.Status.APPROVED:
        raise ServiceError(_("Only approved notes can be published."))
    now = now or timezone.now()
    version = minutes.versions.get(version=minutes.version)
    version.published_at = now
    version.save(update_fields=["published_at"])
    minutes.status = Minutes.Status.PUBLISHED
    minutes.published_at = now
    minutes.save(update_fields=["status", "published_at", "updated_at"], _allow_frozen=True)
    announce(minutes.meeting_id)
    if alert:  # not for a record entered after the fact (the demo's history)
        hooks.call("published", minutes_version=version)  # the alerts go out after the commit, as a background task
    log_change(meeting=minutes.meeting, action="minutes_published", by=by, from_state=Minutes.Status.APPROVED,
               to_state=minutes.status, note=f"v{minutes.version}")  # fmt: skip
    return version


@transaction.atomic
def minutes_withdraw(*, version: MinutesVersion, by, reason: str) -> MinutesWithdrawal:
    """Take a published version down from the public site (a name that must come down, say), without deleting it:
    the public site, the API, search and feeds no longer read it; the record and the archive keep it; the log says
    who withdrew it and why. An older published version, if any, is public again unless withdrawn too."""
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("Write why the version is withdrawn: the log keeps it."))
    version = MinutesVersion.objects.select_for_update().select_related("minutes__meeting").get(pk=version.pk)
    if version.published_at is None:
        raise ServiceError(_("Only a published version can be withdrawn from the public site."))
    if MinutesWithdrawal.objects.filter(version=version).exists():
        raise ServiceError(_("That version is withdrawn already."))
    withdrawal = MinutesWithdrawal.objects.create(version=version, withdrawn_by=by, withdrawn_by_name=user_name(by),
                                                  withdrawn_at=timezone.now(), reason=reason)  # fmt: skip
    announce(version.minutes.meeting_id)  # as the version public now approved them, or the notice sent them
    log_change(meeting=version.minutes.meeting, action="minutes_withdrawn", by=by,
               note=f"v{version.version}: {reason}")  # fmt: skip
    return withdrawal


@transaction.atomic
def minutes_correct(*, minutes: Minutes, by, reason: str) -> Minutes:
    """Start a correction of approved notes: a new draft version; the approved one stays as it was."""
    minutes = _locked(minutes)
    if not minutes.is_frozen:
        raise ServiceError(_("Only approved notes can be corrected; edit the draft instead."))
    if not reason.strip():
        raise ServiceError(_("Say what is corrected: it is shown with the new version."))
    previous = minutes.status
    minutes.status = Minutes.Status.DRAFT
    minutes.version += 1
    minutes.approved_by = None
    minutes.approved_by_name = ""
    minutes.approved_at = None
    minutes.recorded_approved_on = None
    minutes.save(update_fields=["status", "version", "approved_by", "approved_by_name", "approved_at",
                                "recorded_approved_on", "updated_at"], _allow_frozen=True)  # fmt: skip
    log_change(meeting=minutes.meeting, action="minutes_correction_started", by=by, from_state=previous,
               to_state=minutes.status, note=reason.strip())  # fmt: skip
    return minutes
