"""The register's mails, out of the request (the worker of ``manage.py worker`` runs them)."""

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task


@task()
def send_mail_task(*, subject: str, body: str, to: list[str], log_ids: list[int] | None = None):
    """A plain mail; the register cannot reach ``meetings.tasks`` (it sits below), so it has its own.

    ``log_ids``: the changes of credentials (``PersonLogEntry``) the mail tells of, its once-only key as ``SentMail``'s
    is for ``meetings.tasks``: marked told when the server has taken the mail, so a run again (its worker stopped
    before it could say so) sends nothing twice. A task queued before it had them sends as before."""
    from members.models import PersonLogEntry

    told = PersonLogEntry.objects.filter(pk__in=log_ids or [])
    if log_ids and told.filter(old_address_told_at__isnull=False).exists():
        return 0  # taken by the server on an earlier run
    send_mail(subject, body, None, to)
    if log_ids:
        told.update(old_address_told_at=timezone.now())
    return len(to)
