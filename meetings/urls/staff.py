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
    path("meetings/<id:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<id:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<id:pk>/agenda/", meetings.agenda_partial, name="agenda"),
    path("meetings/<id:pk>/agenda/reorder/", meetings.agenda_reorder, name="agenda_reorder"),
    path("meetings/<id:pk>/items/new/", meetings.item_create, name="item_create"),
    path("items/<id:pk>/", meetings.item_edit, name="item_edit"),
    path("items/<id:pk>/delete/", meetings.item_delete, name="item_delete"),
    path("items/<id:pk>/move/", meetings.item_move, name="item_move"),
    path("items/<id:pk>/duration/", meetings.item_duration, name="item_duration"),
    path("items/<id:pk>/presenters/", meetings.presenter_add, name="presenter_add"),
    path("presenters/<id:pk>/remove/", meetings.presenter_remove, name="presenter_remove"),
    path("items/<id:pk>/attachments/", meetings.attachment_add, name="attachment_add"),
    path("attachments/<id:pk>/", notices.attachment_download, name="attachment_download"),
    path("attachments/<id:pk>/delete/", meetings.attachment_delete, name="attachment_delete"),
    path("meetings/<id:pk>/participants/", notices.participants, name="participants"),
    path("meetings/<id:pk>/substitutions/", notices.substitution_add, name="substitution_add"),
    path("substitutions/<id:pk>/remove/", notices.substitution_remove, name="substitution_remove"),
    path("meetings/<id:pk>/invitations/", notices.invitation_add, name="invitation_add"),
    path("invitations/<id:pk>/remove/", notices.invitation_remove, name="invitation_remove"),
    path("meetings/<id:pk>/notice/", notices.notice_preview, name="notice_preview"),
    path("meetings/<id:pk>/notice.pdf", notices.notice_pdf, name="notice_pdf"),
    path("meetings/<id:pk>/notice/send/", notices.notice_send, name="notice_send"),
    path("meetings/<id:pk>/notice/undo/", notices.notice_undo, name="notice_undo"),
    path("meetings/<id:pk>/notice/v<id:version>.pdf", notices.notice_version_pdf, name="notice_version_pdf"),
    path("meetings/<id:pk>/notice/publish/", notices.notice_publish, name="notice_publish"),
]

urlpatterns += [
    path("meetings/<id:pk>/minutes/start/", minutes.minutes_start, name="minutes_start"),
    path("minutes/<id:pk>/", minutes.minutes_detail, name="minutes"),
    path("minutes/<id:pk>/attendance/", minutes.minutes_attendance, name="minutes_attendance"),
    path("notes/<id:pk>/", minutes.item_notes, name="item_notes"),
    path("minutes/<id:pk>/send/", minutes.minutes_send, name="minutes_send"),
    path("minutes/<id:pk>/publish/", minutes.minutes_publish, name="minutes_publish"),
    path("minutes/<id:pk>/correct/", minutes.minutes_correct, name="minutes_correct"),
    path("minutes/<id:pk>/versions/<id:version>.pdf", minutes.version_pdf, name="minutes_version_pdf"),
    path("review/", minutes.review_list, name="review_list"),
    path("minutes/<id:pk>/review/", minutes.minutes_review, name="minutes_review"),
    path("minutes/<id:pk>/approve/", minutes.minutes_approve, name="minutes_approve"),
    path("minutes/<id:pk>/return/", minutes.minutes_return, name="minutes_return"),
]

urlpatterns += [
    path("positions/", registers.position_list, name="positions"),
    path("positions/new/", registers.position_create, name="position_create"),
    path("positions/<id:pk>/", registers.position_edit, name="position_edit"),
    path("positions/<id:year>/compilation/", registers.compilation, name="compilation"),
    path("positions/<id:year>/compilation.pdf", registers.compilation_pdf, name="compilation_pdf"),
    path("assignments/", registers.assignment_list, name="assignments"),
    path("assignments/<id:pk>/status/", registers.assignment_status, name="assignment_status"),
    path("meetings/<id:pk>/report/<id:assignment_pk>/", registers.assignment_report, name="assignment_report"),
    path("matters/", registers.matter_list, name="matters"),
    path("matters/<id:pk>/", registers.matter_detail, name="matter"),
    path("matters/<id:pk>/deadlines/", registers.deadline_add, name="deadline_add"),
    path("matters/<id:pk>/rename/", registers.matter_rename, name="matter_rename"),
    path("matters/<id:pk>/merge/", registers.matter_merge, name="matter_merge"),
    path("plan/", registers.plan, name="plan"),
    path("plan/<id:pk>/remove/", registers.plan_entry_remove, name="plan_entry_remove"),
    path("meetings/plan/", registers.meeting_plan, name="meeting_plan"),
    path("meetings/<id:pk>/cancel/", registers.meeting_cancel, name="meeting_cancel"),
    path("meetings/<id:pk>/cancellation/", registers.cancellation_send, name="cancellation_send"),
    path("tasks/", registers.task_list, name="tasks"),
]
