"""Counts of requests per key and time window, in the database: shared by every worker and app server (a count
in a worker's own memory lets N workers allow N times the limit)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Counter(models.Model):
    # A SHA-256 of the key: the e-mail addresses and IP addresses counted are not stored in clear.
    digest = models.CharField(_("key"), max_length=64)
    window = models.BigIntegerField(_("window"))  # the window's number: seconds since the epoch // its length
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        verbose_name = _("request count")
        verbose_name_plural = _("request counts")
        constraints = [models.UniqueConstraint(fields=["digest", "window"], name="ratelimit_counter_unique")]

    def __str__(self):
        return f"{self.digest[:12]} {self.window}: {self.count}"
