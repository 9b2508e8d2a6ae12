from django.contrib.auth import views as auth_views
from django.urls import path

from meetings.views.staff import meetings, minutes, notices, registers, two_factor

app_name = "staff"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="staff/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", two_factor.setup, name="two_factor"),
    path("login/code/", two_factor.verify, name="two_factor_verify"),
    path("", meetings.overview, name="overview"),
    path("start/", meetings.home, name="home"),
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

urlpatterns += [
    path("meetings/<int:pk>/minutes/start/", minutes.minutes_start, name="minutes_start"),
    path("minutes/<int:pk>/", minutes.minutes_detail, name="minutes"),
    path("minutes/<int:pk>/attendance/", minutes.minutes_attendance, name="minutes_attendance"),
    path("notes/<int:pk>/", minutes.item_notes, name="item_notes"),
    path("notes/<int:pk>/assignments/", minutes.assignment_add, name="assignment_add"),
    path("minutes/<int:pk>/send/", minutes.minutes_send, name="minutes_send"),
    path("minutes/<int:pk>/publish/", minutes.minutes_publish, name="minutes_publish"),
    path("minutes/<int:pk>/correct/", minutes.minutes_correct, name="minutes_correct"),
    path("minutes/<int:pk>/versions/<int:version>.pdf", minutes.version_pdf, name="minutes_version_pdf"),
    path("review/", minutes.review_list, name="review_list"),
    path("minutes/<int:pk>/review/", minutes.minutes_review, name="minutes_review"),
    path("minutes/<int:pk>/approve/", minutes.minutes_approve, name="minutes_approve"),
    path("minutes/<int:pk>/return/", minutes.minutes_return, name="minutes_return"),
]

urlpatterns += [
    path("positions/", registers.position_list, name="positions"),
    path("positions/new/", registers.position_create, name="position_create"),
    path("positions/<int:pk>/", registers.position_edit, name="position_edit"),
    path("positions/<int:year>/compilation/", registers.compilation, name="compilation"),
    path("positions/<int:year>/compilation.pdf", registers.compilation_pdf, name="compilation_pdf"),
    path("assignments/", registers.assignment_list, name="assignments"),
    path("assignments/<int:pk>/status/", registers.assignment_status, name="assignment_status"),
    path("meetings/<int:pk>/report/<int:assignment_pk>/", registers.assignment_report, name="assignment_report"),
    path("matters/", registers.matter_list, name="matters"),
    path("matters/<int:pk>/", registers.matter_detail, name="matter"),
    path("matters/<int:pk>/deadlines/", registers.deadline_add, name="deadline_add"),
    path("plan/", registers.plan, name="plan"),
    path("plan/<int:pk>/remove/", registers.plan_entry_remove, name="plan_entry_remove"),
    path("meetings/plan/", registers.meeting_plan, name="meeting_plan"),
    path("meetings/<int:pk>/cancel/", registers.meeting_cancel, name="meeting_cancel"),
]
