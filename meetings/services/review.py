"""The yearly review: the secretary's picks and words, and publishing it as a frozen deck."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import YearlyReview
from meetings.sanitize import clean_html
from meetings.selectors.review import review_document, year_matters
from meetings.services import ServiceError


@transaction.atomic
def review_save(*, body, year: int, highlights, highlights_text: str = "", coming: str = "") -> YearlyReview:
    """Save the year's picks (only matters of that year) and the secretary's texts; the public sees nothing
    of it until it is published."""
    review, _created = YearlyReview.objects.select_for_update().get_or_create(body=body, year=year)
    allowed = set(year_matters(body=body, year=year).values_list("pk", flat=True))
    if any(matter.pk not in allowed for matter in highlights):
        raise ServiceError(_("Pick matters of that year."))
    review.highlights_text, review.coming = clean_html(highlights_text), clean_html(coming)
    review.save()
    review.highlights.set(highlights)
    return review


@transaction.atomic
def review_publish(*, review: YearlyReview, by) -> YearlyReview:
    """Publish the deck as it reads now: a frozen copy the public page and PDF read; publishing again after
    an edit makes a new version."""
    review = YearlyReview.objects.select_for_update().get(pk=review.pk)
    review.published_html = review_document(review=review)
    review.published_at = timezone.now()
    review.published_version += 1
    review.published_by = by
    review.save(update_fields=["published_html", "published_at", "published_version", "published_by", "updated_at"])
    return review
