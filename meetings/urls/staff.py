from django.contrib.auth import views as auth_views
from django.urls import path

from meetings.views.staff import meetings, notices

app_name = "staff"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="staff/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", meetings.overview, name="overview"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/agenda/", meetings.agenda_partial, name="agenda"),
    path("meetings/<int:pk>/agenda/reorder/", meetings.agenda_reorder, name="agenda_reorder"),
    path("meetings/<int:pk>/items/new/", meetings.item_create, name="item_create"),
    path("items/<int:pk>/", meetings.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", meetings.item_delete, name="item_delete"),
    path("items/<int:pk>/move/", meetings.item_move, name="item_move"),
    path("items/<int:pk>/duration/", meetings.item_duration, name="item_duration"),
    path("items/<int:pk>/presenters/", meetings.presenter_add, name="presenter_add"),
    path("presenters/<int:pk>/remove/", meetings.presenter_remove, name="presenter_remove"),
    path("items/<int:pk>/attachments/", meetings.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", notices.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", meetings.attachment_delete, name="attachment_delete"),
    path("meetings/<int:pk>/participants/", notices.participants, name="participants"),
    path("meetings/<int:pk>/substitutions/", notices.substitution_add, name="substitution_add"),
    path("substitutions/<int:pk>/remove/", notices.substitution_remove, name="substitution_remove"),
    path("meetings/<int:pk>/invitations/", notices.invitation_add, name="invitation_add"),
    path("invitations/<int:pk>/remove/", notices.invitation_remove, name="invitation_remove"),
    path("meetings/<int:pk>/notice/", notices.notice_preview, name="notice_preview"),
    path("meetings/<int:pk>/notice.pdf", notices.notice_pdf, name="notice_pdf"),
    path("meetings/<int:pk>/notice/send/", notices.notice_send, name="notice_send"),
    path("meetings/<int:pk>/notice/publish/", notices.notice_publish, name="notice_publish"),
]
