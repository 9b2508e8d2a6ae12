"""The registers: positions (filters, per capsulam and chair's decisions), search, assignments, matters, the yearly
review, deadlines and the annual plan."""

from crispy_forms.layout import Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from meetings.forms.common import ListSelect, MatterTitleChecked, Pairs, SearchInput, SubmittedOnce
from meetings.models import (
    Assignment,
    Matter,
    Meeting,
    PlanArea,
    Position,
)
from meetings.sanitize import clean_html, is_empty_html
from sro_portal.forms import DateInput, _helper


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
    """The secretary's words of the review; the highlights are ``HighlightFormSet`` beside it."""

    highlights_text = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"id": "id_highlights_text"}))
    coming = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"id": "id_coming"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class HighlightForm(forms.Form):
    """A line of "Det viktigaste under året" and the matters of the year it covers."""

    text = forms.CharField(label=capfirst(_("line")), max_length=300)
    matters = forms.ModelMultipleChoiceField(
        label=capfirst(_("matters it covers")),
        queryset=Matter.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, matters=None, **kwargs):
        super().__init__(*args, **kwargs)
        if matters is not None:
            self.fields["matters"].queryset = matters


class BaseHighlightFormSet(forms.BaseFormSet):
    def lines(self) -> list[dict]:
        """The lines kept, in the order written: a blank line (left empty, or marked to be removed) is dropped."""
        return [
            {"text": form.cleaned_data["text"], "matters": list(form.cleaned_data.get("matters") or [])}
            for form in self.forms
            if form.cleaned_data.get("text") and not form.cleaned_data.get("DELETE")
        ]


HighlightFormSet = forms.formset_factory(
    HighlightForm, formset=BaseHighlightFormSet, extra=2, can_delete=True, max_num=40, validate_max=True
)


class ReviewPublishForm(forms.Form):
    """Carries the version the page showed as published: a second sending finds it changed and publishes nothing."""

    seen_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()  # inside the confirmation page's own form


class DeadlineForm(forms.Form):
    date = forms.DateField(label=capfirst(_("date")), widget=DateInput())
    description = forms.CharField(
        label=capfirst(_("what")), max_length=300, help_text=_("E.g. “Sista dag för remissvar”.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


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
