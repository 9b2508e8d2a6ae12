"""The public register's filters, read from the query string (a bad value is said, and ignored)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegisterFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=capfirst(_("year")), required=False, coerce=int, empty_value=None)
    party = forms.TypedChoiceField(
        label=pgettext_lazy("recommendations public", "My municipality"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, years, principals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
        choose = pgettext_lazy("recommendations public", "Choose a party")
        self.fields["party"].choices = [("", choose), *((p.pk, p.common_name) for p in principals)]
