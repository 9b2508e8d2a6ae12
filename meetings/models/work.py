"""The background worker's own bookkeeping: when each worker was last seen, and which plain e-mails went out."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerBeat(models.Model):
    """A running worker (``manage.py worker``) says it is alive every few seconds, from a thread of its own so a
    long task does not silence it. A task whose worker has not been seen for ``WORKER_LOST_AFTER_SECONDS`` is
    taken up again (``meetings.worker``); the staff task page shows when a worker was last seen."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=200, blank=True)
    pid = models.PositiveIntegerField(_("process id"), default=0)
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("background worker")
        verbose_name_plural = _("background workers")

    def __str__(self):
        return f"{self.worker_id} ({self.host}:{self.pid})"


class SentMail(models.Model):
    """A plain e-mail the mail server took, by the key its task was given when it was queued: a task run again
    (its worker died after the server took the mail, say) finds it here and does not send it twice."""

    key = models.UUIDField(_("key"), primary_key=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")

    def __str__(self):
        return str(self.key)
