"""sitemap.xml (django.contrib.sitemaps): every public page, for search engines. Only what is published."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from meetings.sections import section_reverse
from meetings.selectors import public_meetings_queryset
from meetings.selectors.published import published_review_years
from meetings.selectors.registers import position_years, public_matters
from members.models import Body
from members.selectors import bodies_in_order

SECTION_PAGES = ["public:home", "public:meetings", "public:positions", "public:matters", "public:plan",
                 "public:members"]  # fmt: skip
PAGES = ["public:bodies", "public:api_docs", "public:accessibility", "alerts:subscribe", "seal:verify"]


def _bodies() -> list[Body]:
    """Every body, the first (whose section is at /) first."""
    return list(bodies_in_order())


class Pages(Sitemap):
    """The pages of the portal as a whole, and each body's section."""

    changefreq = "weekly"

    def items(self):
        bodies = _bodies()
        first_pk = bodies[0].pk if bodies else None
        sections = [section_reverse(name, body, default_pk=first_pk) for body in bodies for name in SECTION_PAGES]
        return sections + [reverse(name) for name in PAGES]

    def location(self, item):
        return item


class Meetings(Sitemap):
    changefreq = "monthly"

    def items(self):
        return public_meetings_queryset().order_by("-announced_date", "pk").values_list("pk", flat=True)

    def location(self, pk):
        return reverse("public:meeting", kwargs={"pk": pk})


class Notes(Sitemap):
    changefreq = "yearly"

    def items(self):
        published = public_meetings_queryset().filter(has_published_notes=True)
        return published.order_by("-announced_date", "pk").values_list("pk", flat=True)

    def location(self, pk):
        return reverse("public:minutes", kwargs={"pk": pk})


class Matters(Sitemap):
    changefreq = "monthly"

    def items(self):
        return public_matters(body=None).order_by("pk").only("pk")

    def location(self, matter):
        return reverse("public:matter", kwargs={"pk": matter.pk})


class Years(Sitemap):
    """Each body's compilation of positions for each year, and each published yearly review."""

    changefreq = "yearly"

    def items(self):
        bodies = _bodies()
        urls = []
        for body in bodies:
            years = position_years(body=body, public=True)
            reviews = published_review_years(body=body)
            urls += [section_reverse(name, body, year, default_pk=bodies[0].pk)
                     for name, chosen in (("public:compilation", years), ("public:review", reviews))
                     for year in chosen]  # fmt: skip
        return urls

    def location(self, item):
        return item


SITEMAPS = {"pages": Pages, "meetings": Meetings, "notes": Notes, "matters": Matters, "years": Years}
