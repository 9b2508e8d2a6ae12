"""The meetings in the admin: to look things up, never to change the record.

Everything that is sent, read by the chair, approved or published changes only through the services
of the staff area, which lock, check, log and version it. In the admin the meetings, their agendas,
notes, positions, assignments and versions are therefore read-only for everyone, superusers included.
Matters (title and description) stay editable: they are the register's headings, not the record.
The people register (``members``) is edited in the admin.
"""

from django.contrib import admin

from meetings.models import (
    AgendaItem,
    AnnualPlanEntry,
    Assignment,
    Attachment,
    Attendance,
    Invitation,
    ItemNote,
    Matter,
    MatterDeadline,
    Meeting,
    MeetingLogEntry,
    Minutes,
    MinutesVersion,
    NoticeDispatch,
    Position,
    PositionCorrection,
    Presenter,
    QuestionAnswer,
    Substitution,
)
from members.admin import OfHerBodies, body_filter


class ViewOnly:
    """No add, change or delete, for anyone: the admin only shows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ViewOnlyAdmin(OfHerBodies, ViewOnly, admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "search_vector"]


class ViewOnlyTabular(ViewOnly, admin.TabularInline):
    extra = 0


class AgendaItemInline(ViewOnlyTabular):
    model = AgendaItem
    fk_name = "meeting"
    ordering = ["parent_id", "order"]
    fields = ["order", "parent", "kind", "title", "duration_minutes", "show_time", "matter"]
    show_change_link = True


class InvitationInline(ViewOnlyTabular):
    model = Invitation


class SubstitutionInline(ViewOnlyTabular):
    model = Substitution


class NoticeDispatchInline(ViewOnlyTabular):
    model = NoticeDispatch
    fields = ["version", "sent_at", "sent_by", "pdf_sha256"]


@admin.register(Meeting)
class MeetingAdmin(ViewOnlyAdmin):
    list_display = ["date", "start_time", "end_time", "body", "kind", "status", "form_display", "notice_published_at"]
    list_filter = [body_filter(), "kind", "status", "form"]
    search_fields = ["location", "agenda_items__title"]
    date_hierarchy = "date"
    inlines = [InvitationInline, SubstitutionInline, AgendaItemInline, NoticeDispatchInline]


class PresenterInline(ViewOnlyTabular):
    model = Presenter


class AttachmentInline(ViewOnlyTabular):
    model = Attachment
    fields = ["title", "file", "is_public", "order", "sha256"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ViewOnlyAdmin):
    body_path = "meeting__body"
    list_display = ["title", "meeting", "order", "kind", "duration_minutes"]
    list_filter = ["kind", body_filter("meeting__body")]
    search_fields = ["title", "body", "proposals"]
    inlines = [PresenterInline, AttachmentInline]
    list_select_related = ["meeting", "meeting__body"]


class MatterDeadlineInline(admin.TabularInline):
    model = MatterDeadline
    extra = 0


@admin.register(Matter)
class MatterAdmin(OfHerBodies, admin.ModelAdmin):
    """A matter is made in one of her bodies and stays there: moving it would carry its positions' register into
    another body's public pages (an administrator may)."""

    list_display = ["title", "body", "created_at"]
    list_filter = [body_filter()]
    search_fields = ["title", "description"]
    inlines = [MatterDeadlineInline]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "body"] if obj is not None and not request.user.is_superuser else readonly


class PositionCorrectionInline(ViewOnlyTabular):
    model = PositionCorrection
    fields = ["corrected_at", "corrected_by_name", "reason", "previous_taken_on", "previous_how", "previous_html"]


@admin.register(Position)
class PositionAdmin(ViewOnlyAdmin):
    list_display = ["taken_on", "how", "matter", "text", "notes_information"]
    list_filter = [body_filter(), "how", "notes_information"]
    search_fields = ["text", "clauses", "matter__title"]
    date_hierarchy = "taken_on"
    inlines = [PositionCorrectionInline]


@admin.register(Assignment)
class AssignmentAdmin(ViewOnlyAdmin):
    list_display = ["assignees", "description", "due_date", "due_meeting", "status"]
    list_filter = [body_filter(), "status"]
    search_fields = ["assignees", "description"]


@admin.register(AnnualPlanEntry)
class AnnualPlanEntryAdmin(ViewOnlyAdmin):
    list_display = ["label", "meeting", "year", "quarter"]
    list_filter = [body_filter(), "year"]


class AttendanceInline(ViewOnlyTabular):
    model = Attendance


class ItemNoteInline(ViewOnly, admin.StackedInline):
    model = ItemNote
    extra = 0
    show_change_link = True


class MinutesVersionInline(ViewOnlyTabular):
    model = MinutesVersion
    fields = ["version", "approved_by_name", "approved_at", "published_at", "pdf_sha256"]


@admin.register(Minutes)
class MinutesAdmin(ViewOnlyAdmin):
    body_path = "meeting__body"
    list_display = ["meeting", "status", "version", "approved_at", "published_at"]
    list_filter = ["status", body_filter("meeting__body")]
    search_fields = ["meeting__agenda_items__title"]
    inlines = [AttendanceInline, ItemNoteInline, MinutesVersionInline]


@admin.register(MinutesVersion)
class MinutesVersionAdmin(ViewOnlyAdmin):
    body_path = "minutes__meeting__body"
    list_display = ["minutes", "version", "approved_by_name", "approved_at", "published_at", "pdf_sha256"]
    list_filter = [body_filter("minutes__meeting__body")]


class QuestionAnswerInline(ViewOnly, admin.StackedInline):
    model = QuestionAnswer
    extra = 0


@admin.register(ItemNote)
class ItemNoteAdmin(ViewOnlyAdmin):
    body_path = "minutes__meeting__body"
    list_display = ["item", "minutes"]
    search_fields = ["item__title", "text"]
    inlines = [QuestionAnswerInline]


@admin.register(MeetingLogEntry)
class MeetingLogEntryAdmin(ViewOnlyAdmin):
    body_path = "meeting__body"
    list_display = ["created_at", "meeting", "action", "from_state", "to_state", "user"]
    list_filter = ["action"]
    list_select_related = ["meeting", "meeting__body", "user"]


# django-otp registers its devices in the admin with English labels only; staff manage their own app
# under "Tvåstegsverifiering", and an administrator resets a lost one with `manage.py two_factor_reset`.
def _unregister_otp_devices():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)


_unregister_otp_devices()
