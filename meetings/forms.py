"""Staff forms: validation only; the change itself is a service's."""

import uuid
from functools import partial
from pathlib import PurePosixPath

import filetype
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Value
from django.db.models.functions import Concat
from django.forms.utils import flatatt
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    AgendaItem,
    AnnualPlanEntry,
    Assignment,
    Attendance,
    Matter,
    Meeting,
    PlanArea,
    Position,
)
from meetings.sanitize import clean_html, is_empty_html
from meetings.services import conflict_message
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


class RichTextListField(forms.Field):
    """Several rich texts in order, one editor each (the positions of an item): cleaned with the portal's
    allow-list, the empty ones left out."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        values = [value] if isinstance(value, str) else list(value)
        return [html for html in (clean_html(v) for v in values) if not is_empty_html(html)]

    def has_changed(self, initial, data):
        return self.to_python(initial) != self.to_python(data)


def editor_rows(form, name: str, *, label: str, extra: int = 2) -> list[dict]:
    """The rows of a ``RichTextListField`` as the page shows them: what is stored (or was just typed, when
    the form comes back with an error), then ``extra`` empty editors to write another."""
    values = form[name].value() or []
    values = [values] if isinstance(values, str) else [v for v in values if v and not is_empty_html(v)]
    return [{"number": n, "value": value, "label": f"{label} {n}", "input_id": f"id_{name}_{n}",
             "editor_id": f"{name}-editor-{n}", "toolbar_id": f"{name}-toolbar-{n}", "name": name}
            for n, value in enumerate([*values, *[""] * extra], start=1)]  # fmt: skip


def ask_once(form, *, seen_field: str, value, field: str | None, message: str) -> None:
    """Question something once (a near-duplicate, a clash) before saving: the form comes back with the error
    and remembers in its hidden ``seen_field`` what it asked about; sent again unchanged, it is taken as meant."""
    if form.cleaned_data.get(seen_field) == value:
        return
    form.data = form.data.copy()
    form.data[form.add_prefix(seen_field)] = value
    form.add_error(field, message)


class MatterTitleChecked(forms.Form):
    """For a form with ``matter_title``: a title that nearly matches another matter's (another spelling, a
    typo) is questioned once before a new matter is made; the same title sent again is taken as meant."""

    matter_checked = forms.CharField(widget=forms.HiddenInput, required=False)

    def check_matter_title(self, body) -> None:
        from meetings.services.positions import similar_matter

        title = " ".join(self.cleaned_data.get("matter_title", "").split())
        similar = similar_matter(body=body, title=title) if title else None
        if similar is not None:
            ask_once(self, seen_field="matter_checked", value=title, field="matter_title", message=_(
                "Did you mean “%(similar)s”? Choose it, or save again to make a new matter “%(title)s”."
            ) % {"similar": similar.title, "title": title})  # fmt: skip


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class SubmittedOnce(forms.Form):
    """A form that creates something carries a token, made when the form is shown: sent again (a retry, a
    double click), it finds what it created the first time (``services.create_once``)."""

    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission"].initial = uuid.uuid4()


class ConcurrentEditForm(forms.ModelForm):
    """Carries the version of the row it was loaded at (``lock_version``): the service saves only over that
    version, in one conditional UPDATE, and refuses a save over someone else's later one."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.lock_version
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            check_not_changed_since(self, self.instance)
        return cleaned


def check_end_after_start(form, cleaned) -> None:
    start, end = cleaned.get("start_time"), cleaned.get("end_time")
    if start and end and end <= start:
        form.add_error("end_time", _("The meeting must end after it starts."))


class MeetingForm(ConcurrentEditForm):
    class Meta:
        model = Meeting
        fields = ["date", "start_time", "end_time", "kind", "form", "location", "online_link"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}
        # A link typed without its scheme is a web address: https, as Django 6 will assume.
        field_classes = {"online_link": partial(forms.URLField, assume_scheme="https")}

    # The meeting it clashes with, once the secretary has been told: saving again saves it all the same.
    clash_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body or self.instance.body

    def clean(self):
        cleaned = super().clean()
        check_end_after_start(self, cleaned)
        if not self.errors:
            self._warn_of_a_clash(cleaned)
        return cleaned

    def _warn_of_a_clash(self, cleaned) -> None:
        from meetings.selectors import clashing_meeting

        other = clashing_meeting(body=self.body, date=cleaned["date"], start=cleaned["start_time"],
                                 end=cleaned["end_time"], exclude=self.instance.pk)  # fmt: skip
        if other is not None:
            ask_once(self, seen_field="clash_seen", value=other.pk, field=None, message=_(
                "%(body)s already has a meeting on %(date)s at %(start)s–%(end)s (%(kind)s). Save again to keep both."
            ) % {"body": self.body.short_name, "date": f"{other.date:%Y-%m-%d}", "start": f"{other.start_time:%H.%M}",
                 "end": f"{other.end_time:%H.%M}", "kind": other.get_kind_display().lower()})  # fmt: skip


class AgendaItemForm(MatterTitleChecked, SubmittedOnce, ConcurrentEditForm):
    class Meta:
        model = AgendaItem
        fields = [
            "kind",
            "kind_note",
            "title",
            "duration_minutes",
            "show_time",
            "body",
            "proposals",
        ]
        widgets = {"body": forms.HiddenInput(attrs={"id": "id_body"})}

    proposals = RichTextListField(label=capfirst(_("proposed positions")), required=False)

    matter_title = forms.CharField(
        label=capfirst(_("matter")),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"list": "matter-options", "autocomplete": "off"}),
        help_text=_("The question this item belongs to; pick one as you type, or name a new one."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if self.instance.matter_id:
            self.fields["matter_title"].initial = self.instance.matter.title
        self.fields["duration_minutes"].widget.attrs.update({"min": 0, "max": 600, "step": 5})

    def clean(self):
        cleaned = super().clean()
        self.check_matter_title(self.meeting.body)
        return cleaned

    @property
    def proposal_rows(self) -> list[dict]:
        return editor_rows(self, "proposals", label=_("Proposed position"))


def person_label(person: Person) -> str:
    """How a person is offered as the secretary types: "Helén Eliasson, Regionstyrelsen"."""
    if person.organisation_id:
        return f"{person.name}, {person.organisation.display_name}"
    return person.name


class PersonInput(forms.TextInput):
    """A text input that suggests people as one types (HTML's own datalist: no script, read by screen
    readers), with its own list of suggestions, or with a list the page holds once (``list_id``)."""

    def __init__(self, attrs=None, list_id: str | None = None):
        super().__init__(attrs)
        self.list_id = list_id
        self.choices = []

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        own = self.list_id is None
        list_id = self.list_id or f"{attrs.get('id') or name}-options"
        attrs.update({"list": list_id, "autocomplete": "off"})
        html = super().render(name, value, attrs, renderer)
        if not own:
            return html
        options = format_html_join("", '<option value="{}"></option>', ((label,) for key, label in self.choices if key))
        return format_html('{}<datalist id="{}">{}</datalist>', html, list_id, options)


class PersonField(forms.ModelChoiceField):
    """Pick a person by typing the name: "Helén Eliasson, Regionstyrelsen" as suggested, or the name alone
    when only one person has it. Anything else is refused in Swedish, and what was typed is kept."""

    widget = PersonInput
    default_error_messages = {
        "invalid_choice": _("Nobody by that name here. Type the name and choose among the suggestions."),
        "ambiguous": _("More than one person is called %(name)s. Choose among the suggestions, with the organisation."),
    }  # fmt: skip

    def _set_queryset(self, queryset):  # whichever queryset is given, its people come with their organisation
        super()._set_queryset(queryset.select_related("organisation"))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        return person_label(obj)

    def prepare_value(self, value):
        if isinstance(value, Person):
            return person_label(value)
        if isinstance(value, int) or (isinstance(value, str) and value.isascii() and value.isdigit()):
            person = self.queryset.filter(pk=value).first()
            return person_label(person) if person else value
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = " ".join(str(value).split())
        ProhibitNullCharactersValidator()(text)  # PostgreSQL refuses a NUL in a query: a form error, not a 500
        if text.isascii() and text.isdigit():
            return super().to_python(text)
        name = text.split(",")[0].strip()
        named = self.queryset.annotate(full=Concat("first_name", Value(" "), "last_name"))
        candidates = list(named.filter(full__iexact=name))
        exact = [p for p in candidates if person_label(p).casefold() == text.casefold()]
        if len(exact) == 1 or len(candidates) == 1:
            return (exact or candidates)[0]
        if candidates:
            raise ValidationError(self.error_messages["ambiguous"] % {"name": name}, code="ambiguous")
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


class PresenterForm(forms.Form):
    person = PersonField(label=capfirst(_("person")), queryset=Person.objects.all())
    description = forms.CharField(
        label=capfirst(_("description")), required=False, max_length=200, help_text=_("E.g. “VGR” or “ordförande SSN”.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class GuestForm(forms.Form):
    """A new person, not a member, added as presenter or guest."""

    first_name = forms.CharField(label=capfirst(_("first name")), max_length=100)
    last_name = forms.CharField(label=capfirst(_("last name")), max_length=100)
    organisation = forms.ModelChoiceField(
        label=capfirst(_("organisation")), queryset=Organisation.objects.all(), required=False
    )
    new_organisation = forms.CharField(
        label=_("Or a new organisation"), required=False, max_length=200,
        help_text=_("Its full name, if the portal does not know it yet: it is added to the register."),
    )  # fmt: skip
    description = forms.CharField(label=capfirst(_("description")), required=False, max_length=200)
    email = forms.EmailField(label=capfirst(_("e-mail")), required=False, help_text=_("Where the notice is sent."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        cleaned["new_organisation"] = " ".join((cleaned.get("new_organisation") or "").split())
        if cleaned.get("organisation") and cleaned["new_organisation"]:
            self.add_error("new_organisation", _("Choose an organisation or name a new one, not both."))
        return cleaned


class InvitationForm(PresenterForm):
    pass


class SubstitutionForm(forms.Form):
    replaces = PersonField(label=capfirst(_("replaces")), queryset=Person.objects.none())
    substitute = PersonField(label=capfirst(_("substitute")), queryset=Person.objects.all())

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.on(meeting.date).filter(body=meeting.body).values("person")
        self.fields["replaces"].queryset = Person.objects.filter(pk__in=members)
        self.helper = _helper()


class AddressesForm(forms.Form):
    """The e-mail addresses of recipients who have none, filled in on the send page; empty ones are left."""

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {f"email_{person.pk}": person for person in people}
        for name, person in self.people.items():
            self.fields[name] = forms.EmailField(label=person.name, required=False, max_length=254,
                                                 widget=forms.EmailInput(attrs={"autocomplete": "off"}))  # fmt: skip

    def addresses(self):
        return [(self.people[name], email) for name, email in self.cleaned_data.items() if email]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=capfirst(_("file")))
    # Not "Rubrik": the form sits inside the item's own, whose title is that.
    title = forms.CharField(
        label=_("Name of the attachment"), required=False, max_length=300, help_text=_("Empty: the file name.")
    )
    is_public = forms.BooleanField(label=capfirst(_("public")), required=False, initial=True)

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
    return ValidationError(conflict_message(), code="conflict")


def reload_version(form, instance) -> None:
    """After a conflict the form carries the version saved now, so saving again, after comparing, is a choice."""
    current = type(instance).objects.filter(pk=instance.pk).values_list("lock_version", flat=True).first()
    form.data = form.data.copy()
    form.data[form.add_prefix("lock_version")] = current


def check_not_changed_since(form, instance):
    """Raise the conflict error early, at validation, when ``instance`` was saved after ``form`` was loaded.
    (The service checks again in the same statement that saves: this only saves the typing of a reply.)"""
    current = type(instance).objects.filter(pk=instance.pk).values_list("lock_version", flat=True).first()
    if form.cleaned_data.get("lock_version") != current:
        reload_version(form, instance)
        raise _conflict_error()


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.OTP_REQUIRED_FOR_APPROVAL:
            self.fields["code"] = forms.CharField(
                label=capfirst(_("the six-digit code from your authenticator app")),
                max_length=8,
                widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
            )
        self.helper = _helper()


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


class ListSelect(forms.Select):
    """A plain select (no option groups) written in Python: the same HTML as Django's own, without a template or
    a dictionary of attributes made for each option (the public filters' list of matters grows with the years)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if key in chosen else ""}>{escape(label)}</option>'
            for key, label in ((str(v), label) for v, label in self.choices)
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)),
                           mark_safe(options))  # fmt: skip


class Pairs(BaseChoiceIterator):
    """Choices that are (value, label) pairs already, as a choice field keeps them. Given a list, Django normalises
    it twice (for the field, then for its widget), matching every label against five abstract types: 0.5 ms for
    the public filters at thirty years of matters and years, work that grows with the years behind them."""

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __iter__(self):
        return iter(self.pairs)


class PositionFilterForm(forms.Form):
    """The register's filters, read from the query string."""

    year = forms.TypedChoiceField(
        label=capfirst(_("year")), required=False, coerce=int, empty_value=None, widget=ListSelect
    )
    # The matter's id (the register filters by it): its choices are read as (id, title) pairs, not as matters.
    matter = forms.TypedChoiceField(
        label=capfirst(_("matter")), required=False, coerce=int, empty_value=None, widget=ListSelect
    )
    how = forms.ChoiceField(label=capfirst(_("how it was taken")), required=False, widget=ListSelect)
    scope = forms.ChoiceField(
        label=capfirst(_("show")),
        required=False,
        widget=ListSelect,
        choices=[("", _("All positions")), ("substance", _("Without “noterar informationen”")),
                 ("information", _("Only “noterar informationen”"))],
    )  # fmt: skip

    def __init__(self, *args, body, years, matters=None, **kwargs):
        """``matters``: those offered (the public register offers the public ones); by default every matter of
        the body."""
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = Pairs([("", _("All years")), *((y, y) for y in years)])
        offered = (Matter.objects.filter(body=body) if matters is None else matters).order_by("title")
        self.fields["matter"].choices = Pairs([("", _("All matters")), *offered.values_list("pk", "title")])
        self.fields["how"].choices = [("", _("Every way")), *Position.How.choices]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        scope = {"substance": False, "information": True}.get(data.get("scope") or "")
        return {"year": data.get("year"), "matter": data.get("matter"), "how": data.get("how") or None,
                "only_notes_information": scope}  # fmt: skip


class SearchInput(forms.TextInput):
    input_type = "search"


class SearchForm(forms.Form):
    """The public search: words, optionally a year; in the section's body, or in every body."""

    ALL = "all"

    q = forms.CharField(label=capfirst(_("search for")), max_length=200, required=False, widget=SearchInput)
    year = forms.TypedChoiceField(
        label=capfirst(_("year")), required=False, coerce=int, empty_value=None, widget=ListSelect
    )
    bodies = forms.ChoiceField(label=capfirst(_("search in")), required=False, widget=ListSelect)

    def __init__(self, *args, years, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = Pairs([("", _("All years")), *((y, y) for y in years)])
        self.fields["bodies"].choices = [("", body.short_name if body else _("This body")), (self.ALL, _("Every body"))]


class PositionForm(MatterTitleChecked, SubmittedOnce, forms.Form):
    """A position taken outside a meeting: per capsulam, or a chair's decision."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)  # when correcting one

    how = forms.ChoiceField(
        label=capfirst(_("how it was taken")),
        choices=[(Position.How.PER_CAPSULAM, Position.How.PER_CAPSULAM.label),
                 (Position.How.CHAIR_DECISION, Position.How.CHAIR_DECISION.label)],
        widget=forms.RadioSelect,
    )  # fmt: skip
    taken_on = forms.DateField(label=capfirst(_("date")), widget=DateInput())
    matter_title = forms.CharField(
        label=capfirst(_("matter")),
        max_length=300,
        widget=forms.TextInput(attrs={"list": "matter-options", "autocomplete": "off"}),
    )
    meeting = forms.ModelChoiceField(
        label=capfirst(_("in connection with meeting")),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("For a position per capsulam, the cancelled meeting; for a chair's decision, e.g. the check-in."),
    )
    text = forms.CharField(
        label=capfirst(_("position")),
        widget=forms.HiddenInput(attrs={"id": "id_text"}),
        help_text=_("E.g. “Genom ordförandebeslut ställer sig SRO bakom …”."),
        error_messages={"required": _("Write the position.")},
    )

    def __init__(self, *args, body, correcting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(body=body).order_by("-date")
        self.body = body
        self.helper = _helper()
        if correcting:  # public since it was recorded: a change is a correction, with its reason shown
            self.fields["reason"] = forms.CharField(
                label=capfirst(_("What is corrected, and why?")),
                required=False,  # saving without a change needs none (``position_update`` says when it does)
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Shown with the position on the public site, with the date of the correction."),
            )
            self.helper.layout = Layout(*(name for name in self.fields if name != "reason"))

    def clean(self):
        cleaned = super().clean()
        self.check_matter_title(self.body)
        return cleaned

    def clean_text(self):
        html = clean_html(self.cleaned_data["text"])
        if is_empty_html(html):
            raise ValidationError(_("Write the position."))
        return html


class AssignmentStatusForm(forms.Form):
    status = forms.ChoiceField(label=capfirst(_("status")), choices=Assignment.Status.choices)


class MatterRenameForm(forms.Form):
    title = forms.CharField(label=capfirst(_("title")), max_length=300)
    description = forms.CharField(
        label=capfirst(_("description")), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class MatterMergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=capfirst(_("merge into")),
        queryset=Matter.objects.none(),
        help_text=_("Its agenda items, positions, assignments and plans become the chosen matter's."),
    )

    def __init__(self, *args, matter: Matter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Matter.objects.filter(body=matter.body, merged_into__isnull=True).exclude(
            pk=matter.pk
        )
        self.helper = _helper()


class YearlyReviewForm(forms.Form):
    highlights = forms.ModelMultipleChoiceField(
        label=capfirst(_("the most important matters")),
        queryset=Matter.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("“Det viktigaste under året”: each with the positions taken on it that year."),
    )
    highlights_text = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"id": "id_highlights_text"}))
    coming = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"id": "id_coming"}))

    def __init__(self, *args, matters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["highlights"].queryset = matters
        self.helper = _helper()


class DeadlineForm(forms.Form):
    date = forms.DateField(label=capfirst(_("date")), widget=DateInput())
    description = forms.CharField(
        label=capfirst(_("what")), max_length=300, help_text=_("E.g. “Sista dag för remissvar”.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ItemsCopyForm(SubmittedOnce, forms.Form):
    """Draft the agenda from the previous meeting's items and the annual plan's entries for this meeting."""

    plan_entries = forms.ModelMultipleChoiceField(
        label=capfirst(_("planned for this meeting in the annual plan")), queryset=AnnualPlanEntry.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    items = forms.ModelMultipleChoiceField(
        label=capfirst(_("items of the previous meeting")), queryset=AgendaItem.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Copied with their kind, length, matter, presenters and sub-items; a proposal that notes the "
                    "information comes along, other proposals and texts do not."),
    )  # fmt: skip

    def __init__(self, *args, plan_entries, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_entries"].queryset = plan_entries
        self.fields["plan_entries"].label_from_instance = lambda entry: entry.label
        self.fields["items"].queryset = items
        self.fields["items"].label_from_instance = lambda item: item.title
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("plan_entries") and not cleaned.get("items"):
            raise ValidationError(_("Choose at least one item to take."))
        return cleaned


class PlanEntryForm(forms.Form):
    """One matter planned for a coming meeting, or for a quarter."""

    matter_title = forms.CharField(
        label=capfirst(_("matter")), required=False, max_length=300,
        widget=forms.TextInput(attrs={"list": "matter-options", "autocomplete": "off"}),
    )  # fmt: skip
    area = forms.ModelChoiceField(
        label=capfirst(_("recurring area")), queryset=PlanArea.objects.none(), required=False,
        help_text=_("Its row in the grid of areas by quarter; printed before what is planned when there is no matter."),
    )  # fmt: skip
    topic = forms.CharField(
        label=capfirst(_("what")), required=False, max_length=300,
        help_text=_("E.g. “Lägesbeskrivning”. Words in *stars* are printed in italics."),
    )  # fmt: skip
    meeting = forms.ModelChoiceField(label=capfirst(_("meeting")), queryset=Meeting.objects.none(), required=False)
    year = forms.IntegerField(label=capfirst(_("year")), required=False, min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=capfirst(_("quarter")), required=False, coerce=int, empty_value=None,
        choices=[("", "–"), (1, "1"), (2, "2"), (3, "3"), (4, "4")],
    )  # fmt: skip

    def __init__(self, *args, meetings, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        if areas is not None:
            self.fields["area"].queryset = areas
            self.fields["area"].empty_label = _("No area")
        self.fields["meeting"].empty_label = _("No meeting yet: a quarter")
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("meeting") and not (cleaned.get("year") and cleaned.get("quarter")):
            raise ValidationError(_("Choose a meeting, or a year and a quarter."))
        if not (cleaned.get("matter_title", "").strip() or cleaned.get("topic", "").strip() or cleaned.get("area")):
            raise ValidationError(_("Name a matter or an area, or write what is planned."))
        return cleaned


class PlanAreaForm(forms.Form):
    name = forms.CharField(label=capfirst(_("new recurring area")), max_length=200,
                           help_text=_("E.g. “Vårdinformationsmiljö”: a row of the grid every year."))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class MeetingPlanForm(forms.Form):
    """Next year's meeting dates in one go."""

    dates = forms.CharField(
        label=capfirst(_("dates")),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One date per line, as 2027-02-04."),
    )
    start_time = forms.TimeField(label=capfirst(_("start time")), widget=TimeInput())
    end_time = forms.TimeField(label=capfirst(_("end time")), widget=TimeInput())
    form = forms.ChoiceField(label=capfirst(_("meeting form")), choices=Meeting.Form.choices)
    location = forms.CharField(label=capfirst(_("place")), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_dates(self):
        days, wrong = [], []
        for line in self.cleaned_data["dates"].split():
            try:
                days.append(forms.DateField(input_formats=["%Y-%m-%d"]).clean(line))
            except ValidationError:
                wrong.append(line)
        if wrong:
            raise ValidationError(_("Not dates: %(wrong)s. Write them as 2027-02-04.") % {"wrong": ", ".join(wrong)})
        if not days:
            raise ValidationError(_("Write at least one date."))
        return days

    def clean(self):
        cleaned = super().clean()
        check_end_after_start(self, cleaned)
        return cleaned


class CancellationForm(SubmittedOnce):
    message = forms.CharField(
        label=capfirst(_("message")),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E.g. “Mötet ställs in och dessa ärenden tas per capsulam.”"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(label=capfirst(_("reason")), required=False, max_length=300)
    move_to = forms.ModelChoiceField(
        label=capfirst(_("move its items and planned matters to")),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("Leave empty to handle them per capsulam."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_to"].queryset = (
            Meeting.objects.filter(body=meeting.body, date__gte=meeting.date)
            .exclude(pk=meeting.pk)
            .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.HELD])
            .order_by("date")
        )
        self.fields["move_to"].empty_label = _("Per capsulam")
        self.helper = _helper()
