"""The background work (meetings.tasks) as staff see it: what was queued, its state, its tries, its error, and
whether a worker is running to do it.

Each secretary sees the work of her own bodies only: a notice's mails and its public PDF, the chair's reminder,
the mails about a body's notes and cancellations, the reading of its attachments. Work that belongs to no body
is of two kinds: the PDFs of public documents (a yearly compilation, a review), which every secretary may see,
and mails to the public (sign-in links to "Mina möten", alert confirmations and alerts), whose addresses only an
administrator sees.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from meetings import dates

FOLDERS = {
    "notices": gettext_lazy("the public notice"),
    "compilations": gettext_lazy("the yearly compilation"),
    "reviews": gettext_lazy("the yearly review"),
}
# Task names as words.
NAMES = {
    "send_notice_mail": gettext_lazy("Notice by e-mail"),
    "send_plain_mail": gettext_lazy("E-mail"),
    "remind_reviewers": gettext_lazy("Reminder to the chair"),
    "make_public_notice_pdf": gettext_lazy("The notice's PDF for the web"),
    "render_stored_pdf": gettext_lazy("PDF for the web"),
    "read_document_text": gettext_lazy("An attachment's text, for search"),
    "send_sign_in_link": gettext_lazy("Sign-in link to My meetings"),
    "send_alerts": gettext_lazy("Alerts to subscribers"),
    "send_mail_task": gettext_lazy("E-mail about changed details"),
    "send_recommendation_mail": gettext_lazy("A recommendation by e-mail"),
    "send_recommendation_reminders": gettext_lazy("Reminders of recommendations"),
}
ALL = object()  # a body-less task every secretary may see (a public document's PDF)


@dataclass
class TaskRow:
    what: str
    detail: str
    state: str
    attempt: int
    enqueued_at: object
    finished_at: object
    run_after: object
    error: str
    failed: bool


@dataclass
class WorkerState:
    last_seen: datetime.datetime | None
    running: bool


def when(moment) -> str:
    """A moment as the portal writes it: "7 december 2026 kl. 15.14" (local time); nothing for none."""
    if not moment:
        return ""
    local = timezone.localtime(moment)
    return _("%(date)s at %(time)s") % {"date": dates.long_date(local), "time": f"{local:%H.%M}"}


def worker_state(*, now=None) -> WorkerState:
    """When a worker was last seen (``manage.py worker`` beats every few seconds), and whether one runs now."""
    from meetings.models import WorkerBeat

    now = now or timezone.now()
    last = WorkerBeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    lost_after = datetime.timedelta(seconds=settings.WORKER_LOST_AFTER_SECONDS)
    return WorkerState(last_seen=last, running=bool(last and now - last < lost_after))


def _name(result: DBTaskResult) -> str:
    return result.task_path.rsplit(".", 1)[-1]


def _bodies_of(results: list[DBTaskResult]) -> dict:
    """Each task's body id (``ALL`` for a public document's PDF, None for a mail to the public)."""
    from meetings.models import Attachment, Minutes, NoticeDispatch

    wanted = {"dispatch_id": set(), "minutes_id": set(), "attachment_id": set()}
    for result in results:
        kwargs = (result.args_kwargs or {}).get("kwargs", {})
        for key, ids in wanted.items():
            if isinstance(kwargs.get(key), int):
                ids.add(kwargs[key])
    dispatches = dict(NoticeDispatch.objects.filter(pk__in=wanted["dispatch_id"]).values_list("pk", "meeting__body"))
    minutes = dict(Minutes.objects.filter(pk__in=wanted["minutes_id"]).values_list("pk", "meeting__body"))
    attachments = dict(
        Attachment.objects.filter(pk__in=wanted["attachment_id"]).values_list("pk", "item__meeting__body")
    )
    found = {}
    for result in results:
        kwargs, name = (result.args_kwargs or {}).get("kwargs", {}), _name(result)
        if name in ("send_notice_mail", "make_public_notice_pdf"):
            found[result.pk] = dispatches.get(kwargs.get("dispatch_id"))
        elif name == "remind_reviewers":
            found[result.pk] = minutes.get(kwargs.get("minutes_id"))
        elif name == "read_document_text":
            found[result.pk] = attachments.get(kwargs.get("attachment_id"))
        elif name == "render_stored_pdf":
            found[result.pk] = ALL
        else:  # a plain mail names its body when it has one; one to the public has none
            found[result.pk] = kwargs.get("body_id")
    return found


def _describe(name: str, kwargs: dict) -> tuple[str, str]:
    what = str(NAMES.get(name, name))
    if name == "send_notice_mail":
        return what, f"{kwargs.get('subject', '')} → {kwargs.get('to', '')}"
    if name in ("send_plain_mail", "send_mail_task"):
        return what, f"{kwargs.get('subject', '')} → {', '.join(kwargs.get('to', []))}"
    if name == "send_sign_in_link":
        return what, str(kwargs.get("email", ""))
    if name == "render_stored_pdf":
        folder = kwargs.get("pdf_name", "").split("/")[1:2]
        return what, str(FOLDERS.get(folder[0], "")) if folder else ""
    return what, ""


def _state(result: DBTaskResult, attempt: int, now) -> str:
    if result.status == "SUCCESSFUL":
        return _("Done")
    if result.status == "FAILED":
        return _("Failed")
    if result.status == "RUNNING":
        return _("Running")
    if result.run_after and result.run_after > now and result.run_after.year < 9999:
        # A first run set for later (the chair's reminder) is planned; a later try waits to be tried again.
        return _("Waiting to be tried again") if attempt > 1 else _("planned")
    return _("Queued")


def _error(result: DBTaskResult) -> str:
    if result.status != "FAILED":
        return ""
    if result.exception_class_path == "meetings.worker.WorkerLost":
        return _("The worker stopped during the task %(count)s times: it is not tried again.") % {
            "count": len(result.worker_ids)
        }
    error = result.exception_class_path.rsplit(".", 1)[-1]
    if error and result.traceback:
        error += ": " + result.traceback.strip().splitlines()[-1].split(": ", 1)[-1][:300]
    return error


def recent_tasks(*, user, limit: int = 100) -> list[TaskRow]:
    """The newest background tasks ``user`` may see (see the module's docstring), newest first, in words a
    secretary reads."""
    from meetings.roles import bodies_for  # the bodies she keeps, as meetings.permissions.secretary_bodies says

    now = timezone.now()
    mine = set(bodies_for(user, "secretary").values_list("pk", flat=True))
    results = list(DBTaskResult.objects.order_by("-enqueued_at").defer("return_value")[: limit * 5])
    bodies = _bodies_of(results)
    rows = []
    for result in results:
        body = bodies[result.pk]
        if not (body is ALL or body in mine or (body is None and user.is_superuser)):
            continue
        kwargs = (result.args_kwargs or {}).get("kwargs", {})
        attempt = kwargs.get("attempt", 1)
        what, detail = _describe(_name(result), kwargs)
        rows.append(TaskRow(what=what, detail=detail, state=_state(result, attempt, now), attempt=attempt,
                            enqueued_at=when(result.enqueued_at), finished_at=when(result.finished_at),
                            run_after=when(result.run_after) if result.run_after.year < 9999 else "",
                            error=_error(result), failed=result.status == "FAILED"))  # fmt: skip
        if len(rows) == limit:
            break
    return rows
