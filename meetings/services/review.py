"""The yearly review: the secretary's highlights and words, and publishing it as a frozen deck."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.deck import deck_html, review_deck
from meetings.models import ReviewHighlight, YearlyReview
from meetings.sanitize import clean_html
from meetings.selectors.review import year_matters
from meetings.services import ServiceError


@transaction.atomic
def review_save(
    *, body, year: int, highlights: list[dict], highlights_text: str = "", coming: str = ""
) -> YearlyReview:
    """Save the year's highlights (lines in order, each ``{"text", "matters"}``; only matters of that year) and the
    secretary's texts; the public sees nothing of it until it is published."""
    review, _created = YearlyReview.objects.select_for_update().get_or_create(body=body, year=year)
    allowed = set(year_matters(body=body, year=year).values_list("pk", flat=True))
    if any(matter.pk not in allowed for line in highlights for matter in line["matters"]):
        raise ServiceError(_("Pick matters of that year."))
    review.highlights_text, review.coming = clean_html(highlights_text), clean_html(coming)
    review.save()
    review.highlight_lines.all().delete()
    for order, line in enumerate(highlights):
        saved = ReviewHighlight.objects.create(review=review, text=line["text"], order=order)
        saved.matters.set(line["matters"])
    return review


def review_publish(*, review: YearlyReview, by, seen_version: int | None = None) -> tuple[YearlyReview, bool]:
    """Publish the deck as it reads now: its slides and their HTML, frozen, which the public page, the PDF and the
    PowerPoint file read; publishing again after an edit makes a new version.

    ``seen_version`` is the version the secretary's page showed as published: if another was published since (the
    same form sent twice, a double click), nothing is published again. Returns the review and whether a version was
    made."""
    with transaction.atomic():
        review = YearlyReview.objects.select_for_update().get(pk=review.pk)
        if seen_version is not None and review.published_version != seen_version:
            return review, False
        deck = review_deck(review=review)
        review.published_deck = deck.as_json()
        review.published_html = deck_html(deck)
        review.published_at = timezone.now()
        review.published_version += 1
        review.published_by = by
        review.save(update_fields=["published_html", "published_deck", "published_at", "published_version",
                                   "published_by", "updated_at"])  # fmt: skip
    return review, True
