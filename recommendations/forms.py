"""The public register's filters, read from the query string (a bad value is said, and ignored)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.forms.common import ListSelect, Pairs


class RegisterFilterForm(forms.Form):
    # Written in Python, as the positions register's filters (``ListSelect``): the same HTML as Django's template.
    year = forms.TypedChoiceField(
        label=capfirst(_("year")), required=False, coerce=int, empty_value=None, widget=ListSelect
    )
    party = forms.TypedChoiceField(
        label=pgettext_lazy("recommendations public", "My municipality"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=ListSelect,
    )

    def __init__(self, *args, years, principals, **kwargs):  # principals: (pk, name) pairs
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = Pairs([("", _("All years")), *((y, y) for y in years)])
        choose = pgettext_lazy("recommendations public", "Choose a party")
        self.fields["party"].choices = Pairs([("", choose), *principals])
