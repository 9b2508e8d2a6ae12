from django.urls import path

import meetings.urls  # noqa: F401  (registers the ``id`` converter)
from mymeetings import answers, views

app_name = "mymeetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("meetings/<id:pk>/", views.meeting, name="meeting"),
    path("meetings/<id:pk>/answer/", answers.answer, name="answer"),
    path("meetings/<id:pk>/notice.pdf", views.notice_pdf, name="notice_pdf"),
    path("meetings/<id:pk>/meeting.pdf", views.meeting_pdf, name="meeting_pdf"),
    path("meetings/<id:pk>/attachments/<id:attachment_pk>/", views.attachment, name="attachment"),
]
