"""sitemap.xml (django.contrib.sitemaps): every public page, for search engines. Only what is published."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from meetings.models import YearlyReview
from meetings.selectors import public_meetings_queryset
from meetings.selectors.registers import position_years, public_matters
from members.selectors import default_body

PAGES = ["public:home", "public:meetings", "public:positions", "public:matters", "public:plan", "public:members",
         "public:api_docs", "public:accessibility", "alerts:subscribe", "seal:verify"]  # fmt: skip


class Pages(Sitemap):
    changefreq = "weekly"

    def items(self):
        return PAGES

    def location(self, item):
        return reverse(item)


class Meetings(Sitemap):
    changefreq = "monthly"

    def items(self):
        return public_meetings_queryset().filter(body=default_body()).order_by("-date", "pk").only("pk", "date")

    def location(self, meeting):
        return reverse("public:meeting", kwargs={"pk": meeting.pk})


class Notes(Sitemap):
    changefreq = "yearly"

    def items(self):
        published = public_meetings_queryset().filter(body=default_body(), has_published_notes=True)
        return published.order_by("-date", "pk").only("pk", "date")

    def location(self, meeting):
        return reverse("public:minutes", kwargs={"pk": meeting.pk})


class Matters(Sitemap):
    changefreq = "monthly"

    def items(self):
        return public_matters(body=default_body()).order_by("pk").only("pk")

    def location(self, matter):
        return reverse("public:matter", kwargs={"pk": matter.pk})


class Years(Sitemap):
    """Each year's compilation of positions, and each published yearly review."""

    changefreq = "yearly"

    def items(self):
        body = default_body()
        years = [("public:compilation", year) for year in position_years(body=body, public=True)]
        reviews = YearlyReview.objects.filter(body=body, published_at__isnull=False).values_list("year", flat=True)
        return years + [("public:review", year) for year in reviews]

    def location(self, item):
        name, year = item
        return reverse(name, kwargs={"year": year})


SITEMAPS = {"pages": Pages, "meetings": Meetings, "notes": Notes, "matters": Matters, "years": Years}
