"""Staff forms: validation only; the change itself is a service's."""

from pathlib import PurePosixPath

import filetype
from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Attendance, Matter, Meeting
from members.models import Membership, Organisation, Person

# What may be attached: the file's content decides, and its name must agree with it.
ALLOWED_UPLOADS = {
    "application/pdf": {".pdf"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {".pptx"},
    "application/msword": {".doc"},
    "application/vnd.ms-excel": {".xls"},
    "application/vnd.ms-powerpoint": {".ppt"},
    "application/vnd.oasis.opendocument.text": {".odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {".ods"},
    "application/vnd.oasis.opendocument.presentation": {".odp"},
}
ALLOWED_SUFFIXES = sorted({s for suffixes in ALLOWED_UPLOADS.values() for s in suffixes})


def _helper(form_tag=False):
    helper = FormHelper()
    helper.form_tag = form_tag
    return helper


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ConcurrentEditForm(forms.ModelForm):
    """Refuses to save over a change someone else made after this form was loaded."""

    loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.updated_at:
            self.fields["loaded_at"].initial = self.instance.updated_at.isoformat()
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            check_not_changed_since(self, self.instance)
        return cleaned


class MeetingForm(ConcurrentEditForm):
    class Meta:
        model = Meeting
        fields = ["date", "start_time", "end_time", "kind", "form", "location"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The meeting must end after it starts."))
        return cleaned


class AgendaItemForm(ConcurrentEditForm):
    class Meta:
        model = AgendaItem
        fields = [
            "kind",
            "kind_note",
            "title",
            "duration_minutes",
            "show_time",
            "body",
            "proposal_text",
            "proposal_clauses",
            "matter",
        ]
        widgets = {
            "body": forms.HiddenInput(attrs={"id": "id_body"}),
            "proposal_text": forms.Textarea(attrs={"rows": 2}),
            "proposal_clauses": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = Matter.objects.filter(body=meeting.body)
        self.fields["duration_minutes"].widget.attrs.update({"min": 0, "max": 600, "step": 5})


class PresenterForm(forms.Form):
    person = forms.ModelChoiceField(label=_("person"), queryset=Person.objects.select_related("organisation"))
    description = forms.CharField(
        label=_("description"), required=False, max_length=200, help_text=_("E.g. “VGR” or “ordförande SSN”.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class GuestForm(forms.Form):
    """A new person, not a member, added as presenter or guest."""

    first_name = forms.CharField(label=_("first name"), max_length=100)
    last_name = forms.CharField(label=_("last name"), max_length=100)
    organisation = forms.ModelChoiceField(label=_("organisation"), queryset=Organisation.objects.all(), required=False)
    description = forms.CharField(label=_("description"), required=False, max_length=200)
    email = forms.EmailField(label=_("e-mail"), required=False, help_text=_("Where the notice is sent."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class InvitationForm(PresenterForm):
    pass


class SubstitutionForm(forms.Form):
    replaces = forms.ModelChoiceField(label=_("replaces"), queryset=Person.objects.none())
    substitute = forms.ModelChoiceField(label=_("substitute"), queryset=Person.objects.all())

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.on(meeting.date).filter(body=meeting.body).values("person")
        self.fields["replaces"].queryset = Person.objects.filter(pk__in=members)
        self.helper = _helper()


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("file"))
    title = forms.CharField(label=_("title"), required=False, max_length=300, help_text=_("Empty: the file name."))
    is_public = forms.BooleanField(label=_("public"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED_SUFFIXES)
        self.fields["file"].help_text = _("PDF or Office files, at most %(size)s.") % {
            "size": filesizeformat(settings.ATTACHMENT_MAX_BYTES)
        }
        self.helper = _helper()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            raise ValidationError(
                _("The file is %(size)s; at most %(limit)s is allowed.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
            )
        head = upload.read(8192)
        upload.seek(0)
        kind = filetype.guess(head)
        suffix = PurePosixPath(upload.name).suffix.lower()
        if kind is None or kind.mime not in ALLOWED_UPLOADS:
            raise ValidationError(
                _("“%(name)s” is not a PDF or Office file (its content was checked, not only its name).")
                % {"name": upload.name}
            )
        if suffix not in ALLOWED_UPLOADS[kind.mime]:
            raise ValidationError(
                _("“%(name)s” is named %(suffix)s but its content is %(kind)s.")
                % {"name": upload.name, "suffix": suffix or "–", "kind": kind.extension.upper()}
            )
        self.cleaned_data["content_type"] = kind.mime
        return upload


def _conflict_error():
    return ValidationError(
        _(
            "Someone else saved this after you opened it. Your text is kept below: "
            "compare it with the saved version (open it in a new tab) and save again."
        ),
        code="conflict",
    )


def check_not_changed_since(form, instance):
    """Raise the conflict error when ``instance`` was saved after ``form`` was loaded.

    The form then carries the newer time, so that saving again, after comparing, is a choice.
    """
    loaded = parse_datetime(form.cleaned_data.get("loaded_at") or "")
    current = type(instance).objects.filter(pk=instance.pk).values_list("updated_at", flat=True).first()
    if loaded is None or current != loaded:
        form.data = form.data.copy()
        form.data[form.add_prefix("loaded_at")] = current.isoformat() if current else ""
        raise _conflict_error()


class AttendanceRowForm(forms.Form):
    status = forms.ChoiceField(label=_("attendance"), choices=Attendance.Status.choices)
    note = forms.CharField(label=_("note"), required=False, max_length=200)
    substitute = forms.ModelChoiceField(label=_("replaced by"), queryset=Person.objects.all(), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("substitute") and cleaned.get("status") == Attendance.Status.PRESENT:
            self.add_error("status", _("Somebody present is not replaced: choose absent or partly present."))
        return cleaned


class ItemNotesForm(forms.Form):
    loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("What was said"), required=False, widget=forms.HiddenInput(attrs={"id": "id_text"}))
    closing_text = forms.CharField(
        label=_("After the questions"), required=False, widget=forms.HiddenInput(attrs={"id": "id_closing_text"})
    )
    position_text = forms.CharField(label=_("Position"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    position_clauses = forms.CharField(
        label=_("Clauses of the position"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One clause per line."),
    )

    def __init__(self, *args, note, **kwargs):
        self.note = note
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        check_not_changed_since(self, self.note)
        return cleaned


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("Question or remark"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    answer = forms.CharField(label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer", "").strip() and not cleaned.get("question", "").strip():
            self.add_error("question", _("An answer needs its question."))
        return cleaned


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2)


class AssignmentForm(forms.Form):
    assignees = forms.CharField(label=_("given to"), max_length=300, help_text=_("E.g. “VGR och Västkom”."))
    description = forms.CharField(label=_("what"), widget=forms.Textarea(attrs={"rows": 2}))
    due_date = forms.DateField(label=_("report back by"), required=False, widget=DateInput())
    due_meeting = forms.ModelChoiceField(
        label=_("report back at meeting"), queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_meeting"].queryset = Meeting.objects.filter(body=meeting.body, date__gt=meeting.date).order_by(
            "date"
        )
        self.helper = _helper()


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What should be changed?"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ApproveForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("What is corrected?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the new version, on the public site too."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
