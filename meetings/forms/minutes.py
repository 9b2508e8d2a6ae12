"""The notes: attendance, what was said on each item, questions and answers, assignments, and the chair's return,
approval, correction and withdrawal."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from meetings.forms.common import (
    PersonField,
    PersonInput,
    RichTextListField,
    SubmittedOnce,
    check_not_changed_since,
    editor_rows,
)
from meetings.models import (
    Attendance,
    Meeting,
)
from members.models import Person
from sro_portal.forms import DateInput, _helper


class AttendanceRowForm(forms.Form):
    status = forms.ChoiceField(label=capfirst(_("attendance")), choices=Attendance.Status.choices)
    note = forms.CharField(label=capfirst(_("note")), required=False, max_length=200)
    substitute = PersonField(
        label=capfirst(_("replaced by")),
        queryset=Person.objects.all(),
        required=False,
        widget=PersonInput(list_id="person-options"),
    )  # one list of names for the whole table

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("substitute") and cleaned.get("status") == Attendance.Status.PRESENT:
            self.add_error("status", _("Somebody present is not replaced: choose absent or partly present."))
        return cleaned


class ItemNotesForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=capfirst(_("What was said")), required=False, widget=forms.HiddenInput(attrs={"id": "id_text"})
    )
    closing_text = forms.CharField(
        label=capfirst(_("After the questions")),
        required=False,
        widget=forms.HiddenInput(attrs={"id": "id_closing_text"}),
    )
    positions = RichTextListField(label=capfirst(_("positions taken")), required=False)

    def __init__(self, *args, note, **kwargs):
        self.note = note
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    @property
    def position_rows(self) -> list[dict]:
        return editor_rows(self, "positions", label=_("Position"))

    def clean(self):
        cleaned = super().clean()
        check_not_changed_since(self, self.note)
        return cleaned


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=capfirst(_("Question or remark")), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    answer = forms.CharField(label=capfirst(_("Answer")), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer", "").strip() and not cleaned.get("question", "").strip():
            self.add_error("question", _("An answer needs its question."))
        return cleaned


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2)


class AssignmentForm(SubmittedOnce, forms.Form):
    assignees = forms.CharField(label=capfirst(_("given to")), max_length=300, help_text=_("E.g. “VGR och Västkom”."))
    description = forms.CharField(label=capfirst(_("what")), widget=forms.Textarea(attrs={"rows": 2}))
    due_date = forms.DateField(label=capfirst(_("report back by")), required=False, widget=DateInput())
    due_meeting = forms.ModelChoiceField(
        label=capfirst(_("report back at meeting")), queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_meeting"].queryset = Meeting.objects.filter(body=meeting.body, date__gt=meeting.date).order_by(
            "date"
        )
        self.helper = _helper()


class ReturnForm(forms.Form):
    comment = forms.CharField(label=capfirst(_("What should be changed?")), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ApproveForm(forms.Form):
    # The fingerprint of the document the review page showed: the approval binds to what was read.
    read = forms.CharField(widget=forms.HiddenInput, max_length=64)
    password = forms.CharField(
        label=capfirst(_("Your password, to confirm")),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, meeting: Meeting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if meeting is not None and meeting.date < timezone.localdate():
            # Entering a past year: the day the chair really approved, printed in the notes instead of today.
            self.fields["recorded_approved_on"] = forms.DateField(
                label=capfirst(_("approved on (only when entering an earlier year)")),
                required=False,
                widget=DateInput(),
                help_text=_("The day the notes were really approved, if not today. It is printed in the notes and "
                            "the log says it was recorded afterwards. It cannot be changed later."),
            )  # fmt: skip
        if settings.OTP_REQUIRED_FOR_APPROVAL:
            self.fields["code"] = forms.CharField(
                label=capfirst(_("the six-digit code from your authenticator app")),
                max_length=8,
                widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
            )
        self.helper = _helper()

    def clean_recorded_approved_on(self):
        from meetings.services.minutes import RecordedDateError, require_recorded_approved_on

        day = self.cleaned_data.get("recorded_approved_on")
        try:
            require_recorded_approved_on(meeting=self.meeting, day=day)
        except RecordedDateError as error:
            raise forms.ValidationError(str(error)) from error
        return day


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=capfirst(_("What is corrected?")),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the new version, on the public site too."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class WithdrawForm(forms.Form):
    version = forms.TypedChoiceField(label=capfirst(_("version")), coerce=int, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=capfirst(_("Why is it withdrawn?")),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept in the log, never shown on the public site (it may name the person concerned)."),
    )

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [
            (v.version, _("Version %(version)s, published %(date)s") % {
                "version": v.version, "date": date_format(timezone.localtime(v.published_at), "j F Y")})
            for v in versions
        ]  # fmt: skip
        self.helper = _helper()
