from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.fields import SanitizedHTMLField
from members.models import Body


class YearlyReview(models.Model):
    """ "Återblick ÅR och på gång ÅR+1": the deck SRO presents each year, built from the portal's data.

    The secretary picks the year's most important matters and writes what is coming; the rest (what SRO is,
    the recurring matters, the coming year's plan, every position of the year) comes from the record.
    Publishing freezes the deck as it then reads (``published_html``): the public reads that, and a later
    edit is seen only when published again, as a new version."""

    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="reviews", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))
    highlights = models.ManyToManyField(
        "meetings.Matter", verbose_name=_("the most important matters"), related_name="reviews", blank=True
    )
    highlights_text = SanitizedHTMLField(_("about the most important matters"), blank=True)
    coming = SanitizedHTMLField(_("coming next year"), blank=True)
    published_html = models.TextField(_("as published"), blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_version = models.PositiveSmallIntegerField(_("published version"), default=0, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("yearly review")
        verbose_name_plural = _("yearly reviews")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="yearly_review_one_per_year")]

    def __str__(self):
        return f"{self.body.short_name} {self.year}"
