"""The background work (meetings.tasks) as staff see it: what was queued, its state, its tries, its error."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

FOLDERS = {"notices": gettext_lazy("the public notice"), "compilations": gettext_lazy("the yearly compilation")}


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


def _describe(path: str, kwargs: dict) -> tuple[str, str]:
    name = path.rsplit(".", 1)[-1]
    if name == "send_notice_mail":
        return _("Notice by e-mail"), f"{kwargs.get('subject', '')} → {kwargs.get('to', '')}"
    if name == "send_plain_mail":
        return _("E-mail"), f"{kwargs.get('subject', '')} → {', '.join(kwargs.get('to', []))}"
    if name == "render_stored_pdf":
        folder = kwargs.get("pdf_name", "").split("/")[1:2]
        return _("PDF"), str(FOLDERS.get(folder[0], "")) if folder else ""
    return name, ""


def _state(result: DBTaskResult, now) -> str:
    if result.status == "SUCCESSFUL":
        return _("Done")
    if result.status == "FAILED":
        return _("Failed")
    if result.status == "RUNNING":
        return _("Running")
    if result.run_after and result.run_after > now and result.run_after.year < 9999:
        return _("Waiting to be tried again")
    return _("Queued")


def recent_tasks(*, limit: int = 100) -> list[TaskRow]:
    """The newest background tasks, newest first, in words a secretary reads."""
    now = timezone.now()
    rows = []
    for result in DBTaskResult.objects.order_by("-enqueued_at")[:limit]:
        kwargs = (result.args_kwargs or {}).get("kwargs", {})
        what, detail = _describe(result.task_path, kwargs)
        error = result.exception_class_path.rsplit(".", 1)[-1] if result.status == "FAILED" else ""
        if error and result.traceback:
            error += ": " + result.traceback.strip().splitlines()[-1].split(": ", 1)[-1][:300]
        rows.append(TaskRow(what=what, detail=detail, state=_state(result, now), attempt=kwargs.get("attempt", 1),
                            enqueued_at=result.enqueued_at, finished_at=result.finished_at,
                            run_after=result.run_after if result.run_after.year < 9999 else None,
                            error=error, failed=result.status == "FAILED"))  # fmt: skip
    return rows
