"""Open data's public addresses, in the ``public`` namespace that ``sro_portal.public_urls`` composes: what a
body's section offers machines (its feeds, its calendar, its register as CSV and JSON), and the portal's own."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

import meetings.urls  # noqa: F401  (registers the ``id`` and ``year`` converters)
from opendata import feeds
from opendata.recommendation_feeds import RecommendationDecisionsFeed
from opendata.sitemaps import SITEMAPS
from opendata.views import public
from opendata.views import recommendations as recommendation_data

section = [
    path("positions/<year:year>.csv", public.positions_csv, name="positions_csv"),
    path("positions/<year:year>.json", public.positions_json, name="positions_json"),
    path("feeds/notes.atom", feeds.MinutesFeed(), name="feed_minutes"),
    path("feeds/positions.atom", feeds.PositionsFeed(), name="feed_positions"),
    path("calendar.ics", feeds.meetings_calendar, name="calendar"),
    path("recommendations.csv", recommendation_data.recommendations_csv, name="recommendations_csv"),
    path("recommendations.json", recommendation_data.recommendations_json, name="recommendations_json"),
    path("feeds/recommendations.atom", RecommendationDecisionsFeed(), name="feed_recommendations"),
]

urlpatterns = [
    path("bodies/feeds/notes.atom", feeds.MinutesFeed(), {"everywhere": True}, name="feed_minutes_all"),
    path("bodies/feeds/positions.atom", feeds.PositionsFeed(), {"everywhere": True}, name="feed_positions_all"),
    path("bodies/calendar.ics", feeds.meetings_calendar, {"everywhere": True}, name="calendar_all"),
    path("recommendations/<id:pk>.csv", recommendation_data.recommendation_csv, name="recommendation_csv"),
    path("recommendations/<id:pk>.json", recommendation_data.recommendation_json, name="recommendation_json"),
    path("open-data/", public.api_docs, name="api_docs"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
