"""The people register's staff forms."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from members.models import Membership, Person


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "title", "organisation", "party", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["term", "side", "category", "organisation", "role", "title", "start_date", "end_date", "sort_order"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(label=capfirst(_("last day")), widget=DateInput())

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if end < self.membership.start_date:
            raise ValidationError(_("A membership cannot end before it started (%(start)s).")
                                  % {"start": f"{self.membership.start_date:%Y-%m-%d}"})  # fmt: skip
        return end
