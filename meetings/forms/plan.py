from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from meetings.models import AnnualPlanShape
from sro_portal.forms import _helper


class PlanShapeForm(forms.Form):
    """The shape a year's årshjul is printed in, on the public page and in the notices that print it."""

    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)
    shape = forms.ChoiceField(label=capfirst(_("shape")), choices=AnnualPlanShape.Shape.choices,
                              widget=forms.RadioSelect)  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
