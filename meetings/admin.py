from django.contrib import admin

from meetings.models import (
    AgendaItem,
    Assignment,
    Attachment,
    Attendance,
    Invitation,
    ItemNote,
    Matter,
    Meeting,
    Minutes,
    MinutesVersion,
    Position,
    Presenter,
    QuestionAnswer,
    Substitution,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    ordering = ["parent_id", "order"]
    fields = ["order", "parent", "kind", "title", "duration_minutes", "show_time", "matter"]
    show_change_link = True
    autocomplete_fields = ["matter"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A sub-item can only hang under an item of the same meeting.
        field = formset.form.base_fields["parent"]
        field.queryset = (
            AgendaItem.objects.filter(meeting=obj, parent__isnull=True) if obj else AgendaItem.objects.none()
        )
        return formset


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    autocomplete_fields = ["person"]


class SubstitutionInline(admin.TabularInline):
    model = Substitution
    extra = 0
    autocomplete_fields = ["substitute", "replaces"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "start_time", "end_time", "body", "kind", "status", "form_display", "notice_published_at"]
    list_filter = ["body", "kind", "status", "form"]
    search_fields = ["location", "agenda_items__title"]
    date_hierarchy = "date"
    inlines = [InvitationInline, SubstitutionInline, AgendaItemInline]
    readonly_fields = ["created_at", "updated_at"]


class PresenterInline(admin.TabularInline):
    model = Presenter
    extra = 0
    autocomplete_fields = ["person"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "file", "is_public", "order"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "order", "kind", "duration_minutes"]
    list_filter = ["kind", "meeting__body"]
    search_fields = ["title", "body", "proposal_text"]
    autocomplete_fields = ["meeting", "parent", "matter"]
    inlines = [PresenterInline, AttachmentInline]
    list_select_related = ["meeting", "meeting__body"]


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "created_at"]
    list_filter = ["body"]
    search_fields = ["title", "description"]


def _frozen(minutes) -> bool:
    return minutes is not None and minutes.is_frozen


class FrozenMinutesInlineMixin:
    """Approved notes are read-only everywhere, the admin included."""

    def _parent_frozen(self, obj):
        return _frozen(obj)

    def has_add_permission(self, request, obj=None):
        return not self._parent_frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._parent_frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._parent_frozen(obj) and super().has_delete_permission(request, obj)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["taken_on", "how", "matter", "text", "notes_information"]
    list_filter = ["body", "how", "notes_information"]
    search_fields = ["text", "clauses", "matter__title"]
    date_hierarchy = "taken_on"
    autocomplete_fields = ["item", "matter"]

    def _locked(self, obj):
        return obj is not None and obj.item_id is not None and _frozen(getattr(obj.item.meeting, "minutes", None))

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["assignees", "description", "due_date", "due_meeting", "status"]
    list_filter = ["body", "status"]
    search_fields = ["assignees", "description"]
    autocomplete_fields = ["position", "matter", "due_meeting", "report_item"]


class AttendanceInline(FrozenMinutesInlineMixin, admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person", "substitute"]
    raw_id_fields = ["membership"]


class ItemNoteInline(FrozenMinutesInlineMixin, admin.StackedInline):
    model = ItemNote
    extra = 0
    autocomplete_fields = ["item"]
    show_change_link = True


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    list_display = ["meeting", "status", "version", "approved_at", "published_at"]
    list_filter = ["status", "meeting__body"]
    search_fields = ["meeting__agenda_items__title"]
    readonly_fields = ["created_at", "updated_at"]
    autocomplete_fields = ["meeting"]
    inlines = [AttendanceInline, ItemNoteInline]

    def has_change_permission(self, request, obj=None):
        return not _frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _frozen(obj) and super().has_delete_permission(request, obj)


@admin.register(MinutesVersion)
class MinutesVersionAdmin(admin.ModelAdmin):
    """The frozen versions: to read, never to change."""

    list_display = ["minutes", "version", "approved_by_name", "approved_at", "published_at", "pdf_sha256"]
    list_filter = ["minutes__meeting__body"]
    readonly_fields = [f.name for f in MinutesVersion._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class QuestionAnswerInline(admin.StackedInline):
    # Parent is an ItemNote: frozen with its notes.
    def _frozen_note(self, obj):
        return obj is not None and _frozen(obj.minutes)

    def has_add_permission(self, request, obj=None):
        return not self._frozen_note(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen_note(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen_note(obj) and super().has_delete_permission(request, obj)

    model = QuestionAnswer
    extra = 0


@admin.register(ItemNote)
class ItemNoteAdmin(admin.ModelAdmin):
    list_display = ["item", "minutes"]
    search_fields = ["item__title", "text"]
    inlines = [QuestionAnswerInline]
    autocomplete_fields = ["item", "minutes"]

    def has_change_permission(self, request, obj=None):
        return not (obj is not None and _frozen(obj.minutes)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj is not None and _frozen(obj.minutes)) and super().has_delete_permission(request, obj)


# django-otp registers its devices in the admin with English labels only; staff manage their own app
# under "Tvåstegsverifiering", and an administrator resets a lost one with `manage.py two_factor_reset`.
def _unregister_otp_devices():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)


_unregister_otp_devices()
