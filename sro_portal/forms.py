"""What every app's forms share, below the apps (members' forms use it as the meetings' do): the crispy-forms
helper that leaves the <form> tag to the template, and date and time inputs the browser offers its pickers for."""

from crispy_forms.helper import FormHelper
from django import forms


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
