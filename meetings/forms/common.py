"""What the staff forms share: the allowed uploads, date and time inputs, the person picker, the checks against a
double submit and against a colleague's save meanwhile, and the rich-text list field."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Value
from django.db.models.functions import Concat
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from meetings.sanitize import clean_html, is_empty_html
from meetings.services import conflict_message
from members.models import Person
from sro_portal.forms import _helper

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


class SearchInput(forms.TextInput):
    input_type = "search"
