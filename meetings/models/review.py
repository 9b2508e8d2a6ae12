from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.fields import SanitizedHTMLField
from members.models import Body


class YearlyReview(models.Model):
    """ "Återblick ÅR och på gång ÅR+1": the deck SRO presents each year, built from the portal's data.

    The secretary writes the year's highlights (``ReviewHighlight``, each linking the matters it covers) and what
    is coming; the rest (what SRO is, who sits in it, the recurring areas, the coming year's plan, every position
    of the year) comes from the record. Publishing freezes the deck as it then reads: its slides
    (``published_deck``, which the PDF and the PowerPoint file are made from) and their HTML
    (``published_html``, the public page). A later edit is seen only when published again, as a new version."""

    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="reviews", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))
    highlights_text = SanitizedHTMLField(_("about the most important matters"), blank=True)
    coming = SanitizedHTMLField(_("coming next year"), blank=True)
    published_html = models.TextField(_("as published"), blank=True, editable=False)
    published_deck = models.JSONField(_("slides as published"), null=True, blank=True, editable=False)
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


class ReviewHighlight(models.Model):
    """One line of "Det viktigaste under året" as the secretary writes it, linking the matters it covers (SRO's
    own deck has a line that covers four)."""

    review = models.ForeignKey(
        YearlyReview, verbose_name=_("yearly review"), related_name="highlight_lines", on_delete=models.CASCADE
    )
    text = models.CharField(_("line"), max_length=300)
    matters = models.ManyToManyField(
        "meetings.Matter", verbose_name=_("matters it covers"), related_name="review_highlights", blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("highlight of the year")
        verbose_name_plural = _("highlights of the year")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text
