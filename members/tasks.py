"""The register's mails, out of the request (the worker of ``manage.py worker`` runs them)."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_mail_task(*, subject: str, body: str, to: list[str]):
    """A plain mail; the register cannot reach ``meetings.tasks`` (it sits below), so it has its own."""
    send_mail(subject, body, None, to)
    return len(to)
