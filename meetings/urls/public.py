from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from meetings import feeds
from meetings.sitemaps import SITEMAPS
from meetings.views import public

app_name = "public"

# A body's section (meetings.sections): the first body's at /, every other body's at /<its web address>/.
section = [
    path("", public.home, name="home"),
    path("meetings/", public.meeting_archive, name="meetings"),
    path("positions/", public.positions, name="positions"),
    path("positions/<year:year>/", public.compilation, name="compilation"),
    path("positions/<year:year>.pdf", public.compilation_pdf, name="compilation_pdf"),
    path("positions/<year:year>.csv", public.positions_csv, name="positions_csv"),
    path("positions/<year:year>.json", public.positions_json, name="positions_json"),
    path("review/<year:year>/", public.review, name="review"),
    path("review/<year:year>.pdf", public.review_pdf, name="review_pdf"),
    path("matters/", public.matters, name="matters"),
    path("annual-plan/", public.plan, name="plan"),
    path("members/", public.members, name="members"),
    path("search/", public.search, name="search"),
    path("feeds/notes.atom", feeds.MinutesFeed(), name="feed_minutes"),
    path("feeds/positions.atom", feeds.PositionsFeed(), name="feed_positions"),
    path("calendar.ics", feeds.meetings_calendar, name="calendar"),
]

urlpatterns = [
    *section,
    # One permanent address per meeting, attachment and matter, whichever body it belongs to.
    path("meetings/<id:pk>/", public.meeting, name="meeting"),
    path("meetings/<id:pk>/notice.pdf", public.notice_pdf, name="notice_pdf"),
    path("meetings/<id:pk>/notes/", public.minutes, name="minutes"),
    path("meetings/<id:pk>/notes.pdf", public.minutes_pdf, name="minutes_pdf"),
    path("attachments/<id:pk>/", public.attachment, name="attachment"),
    path("matters/<id:pk>/", public.matter, name="matter"),
    # The portal as a whole.
    path("bodies/", public.bodies, name="bodies"),
    path("bodies/feeds/notes.atom", feeds.MinutesFeed(), {"everywhere": True}, name="feed_minutes_all"),
    path("bodies/feeds/positions.atom", feeds.PositionsFeed(), {"everywhere": True}, name="feed_positions_all"),
    path("bodies/calendar.ics", feeds.meetings_calendar, {"everywhere": True}, name="calendar_all"),
    path("open-data/", public.api_docs, name="api_docs"),
    path("accessibility/", public.accessibility, name="accessibility"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("<body:body>/", include(section)),
]
