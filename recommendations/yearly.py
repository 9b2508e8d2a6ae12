"""What became of a year's recommendations, for the yearly review and the compilation ("Rekommendationer <år>"):
the hook ``recommendations_of_year`` hands the rows to meetings, and ``recommendations/public/_year.html`` prints
them (a section for a document: a heading, and per recommendation its title, answer date and counts)."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from recommendations.selectors.public import register_rows
from recommendations.selectors.standing import Summary


@dataclass(frozen=True)
class YearRecommendation:
    title: str
    url: str
    answer_by: object
    summary: Summary


def recommendations_of_year(*, body, year: int) -> list[YearRecommendation]:
    """The sent recommendations of positions taken in ``year``, oldest first, each with its counts (three queries).
    Links are absolute: the rows go into PDFs as well."""
    rows = register_rows(body=body, year=year)
    return [
        YearRecommendation(
            title=row.recommendation.title,
            url=settings.SITE_URL + reverse("public:recommendation", kwargs={"pk": row.recommendation.pk}),
            answer_by=row.recommendation.answer_by,
            summary=row.summary,
        )
        for row in reversed(rows)
    ]
