"""Every change of state goes through a service here: locked, checked, logged, side effects after commit.

Rows are locked ``FOR NO KEY UPDATE`` (``select_for_update(no_key=True)``), on the row itself only: no
service changes a key, and this lock does not block the foreign-key checks of other transactions (which
Django defers to their commit on PostgreSQL). A ``FOR UPDATE`` on a meeting made a notice sent while an item
was saved deadlock at commit: each waited for the other's lock (tests/test_concurrency.py).
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from meetings.errors import ServiceError


def conflict_message() -> str:
    """What an editor is told when someone else saved the same thing after they opened it."""
    return _(
        "Someone else saved this after you opened it. Your text is kept below: "
        "compare it with the saved version (open it in a new tab) and save again."
    )


class ConflictError(ServiceError):
    """Someone else saved the same thing after this editor loaded it: nothing was saved."""

    def __init__(self, message: str | None = None):
        super().__init__(message or conflict_message())


def claim_version(instance, expected: int | None) -> None:
    """The optimistic lock: raise the row's ``lock_version`` from ``expected`` in one conditional UPDATE.

    Of two saves that loaded the same version, the database lets exactly one through (the second waits
    for the first's row lock, then finds the version moved on) and the other gets ``ConflictError``.
    ``expected=None`` (a caller with no loaded form, such as the demo loader) claims the current version.
    """
    model = type(instance)
    rows = model.objects.filter(pk=instance.pk)
    if expected is not None:
        rows = rows.filter(lock_version=expected)
    if rows.update(lock_version=F("lock_version") + 1) != 1:
        raise ConflictError()
    instance.lock_version = model.objects.filter(pk=instance.pk).values_list("lock_version", flat=True).get()


def _closed_notes(meeting):
    """The meeting's notes, while the chair reads them or once they are approved (until a correction opens them);
    otherwise None."""
    minutes = getattr(meeting, "minutes", None)
    return minutes if minutes is not None and not minutes.is_editable else None


def require_agenda_editable(meeting) -> None:
    """The agenda is part of the notes: read-only while the chair reads them and once they are approved."""
    if minutes := _closed_notes(meeting):
        raise ServiceError(_(
            "The meeting notes are %(status)s: the agenda is part of them and cannot be changed now."
        ) % {"status": minutes.get_status_display().lower()})  # fmt: skip


def meeting_facts_lock(meeting) -> str | None:
    """Why the meeting's date, times, kind, form and place cannot be changed now, or None if they can.

    They are part of its notes: fixed, like the agenda, while the chair reads them and once they are approved (the
    database refuses the change too, ``meetings.integrity``). A correction of approved notes opens them again; each
    approved version keeps them as it approved them, and the public reads those until a new one is published
    (``announce``)."""
    if minutes := _closed_notes(meeting):
        return _(
            "The meeting notes are %(status)s: the meeting's date, times and place are part of them and cannot be "
            "changed now."
        ) % {"status": minutes.get_status_display().lower()}  # fmt: skip
    return None


def announce(meeting_id: int) -> None:
    """Write what the public and the called read of a meeting's date, times, kind, form and place
    (``Meeting.announced``) from the record: as the public version of its notes approved them, else as its newest
    sent notice printed them, else nothing (the meeting's own). Every service that changes one of those calls it:
    a sending, a publication, a withdrawal."""
    import datetime

    from meetings.models import Meeting, MinutesVersion, NoticeDispatch

    approved = MinutesVersion.objects.filter(minutes__meeting_id=meeting_id, public__isnull=False)
    facts = (approved.values_list("snapshot", flat=True).first() or {}).get("meeting")
    if not facts:
        sent = NoticeDispatch.objects.filter(meeting_id=meeting_id).order_by("-version")
        facts = (sent.values_list("snapshot", flat=True).first() or {}).get("meeting")
    date = datetime.date.fromisoformat(facts["date"]) if facts else F("date")
    Meeting.objects.filter(pk=meeting_id).update(announced=facts, announced_date=date)


def create_once(*, token, create):
    """Run ``create`` (a service that creates one object) once per form token: the same form sent again
    gets back what it created the first time. Returns ``(object, created)``.

    Two sendings at the same moment meet at the token's unique index: the second waits for the first,
    then finds its object."""
    from meetings.models import Submission

    if token is None:
        return create(), True
    if found := Submission.objects.filter(token=token).first():
        return found.target(), False
    try:
        with transaction.atomic():
            created = create()
            Submission.objects.create(token=token, label=created._meta.label, object_id=created.pk)
    except IntegrityError:
        found = Submission.objects.filter(token=token).first()
        if found is None:
            raise  # another constraint: not a second sending
        return found.target(), False
    return created, True
