from django.urls import path

from meetings.views import public

# The public site's pages of the record. ``sro_portal.public_urls`` puts them in the ``public`` namespace beside
# open data's, and repeats ``section`` under each body's web address.

# A body's section (meetings.sections): the first body's at /, every other body's at /<its web address>/.
section = [
    path("", public.home, name="home"),
    path("meetings/", public.meeting_archive, name="meetings"),
    path("positions/", public.positions, name="positions"),
    path("positions/<year:year>/", public.compilation, name="compilation"),
    path("positions/<year:year>.pdf", public.compilation_pdf, name="compilation_pdf"),
    path("review/<year:year>/", public.review, name="review"),
    path("review/<year:year>.pdf", public.review_pdf, name="review_pdf"),
    path("review/<year:year>.pptx", public.review_pptx, name="review_pptx"),
    path("matters/", public.matters, name="matters"),
    path("annual-plan/", public.plan, name="plan"),
    path("annual-plan/<year:year>/", public.plan, name="plan_year"),
    path("members/", public.members, name="members"),
    path("search/", public.search, name="search"),
]

urlpatterns = [
    # One permanent address per meeting, attachment and matter, whichever body it belongs to.
    path("meetings/<id:pk>/", public.meeting, name="meeting"),
    path("meetings/<id:pk>/notice.pdf", public.notice_pdf, name="notice_pdf"),
    path("meetings/<id:pk>/notes/", public.minutes, name="minutes"),
    path("meetings/<id:pk>/notes.pdf", public.minutes_pdf, name="minutes_pdf"),
    path("attachments/<id:pk>/", public.attachment, name="attachment"),
    path("matters/<id:pk>/", public.matter, name="matter"),
    # The portal as a whole.
    path("bodies/", public.bodies, name="bodies"),
    path("accessibility/", public.accessibility, name="accessibility"),
]
