from crispy_forms.helper import FormHelper
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from alerts.models import Subscription


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=capfirst(_("your e-mail address")), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))  # fmt: skip
    topic = forms.ChoiceField(label=capfirst(_("tell me of")), choices=Subscription.Topic.choices,
                              widget=forms.RadioSelect, initial=Subscription.Topic.NOTES)  # fmt: skip
    matter = forms.ModelChoiceField(label=capfirst(_("matter")), queryset=None, required=False,
                                    help_text=_("Only for “One matter”."))  # fmt: skip

    def __init__(self, *args, matters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = matters
        self.fields["matter"].empty_label = "–"
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("topic") == Subscription.Topic.MATTER and not cleaned.get("matter"):
            self.add_error("matter", _("Choose the matter you want to follow."))
        return cleaned
