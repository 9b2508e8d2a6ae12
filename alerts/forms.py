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
    party = forms.ModelChoiceField(label=capfirst(_("municipality or region")), queryset=None, required=False,
                                   help_text=_("Only for what one municipality or the region decides."))  # fmt: skip
    body = forms.ModelChoiceField(label=capfirst(_("of which body")), queryset=None, required=False,
                                  help_text=_("For new notes and positions."))  # fmt: skip

    def __init__(self, *args, matters, bodies, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = matters
        self.fields["matter"].empty_label = "–"
        self.fields["party"].queryset = parties
        self.fields["party"].empty_label = "–"
        several = len(bodies) > 1
        if several:  # each matter is one body's: named with it
            self.fields["matter"].label_from_instance = lambda matter: f"{matter.title} ({matter.body.short_name})"
            self.fields["body"].queryset = bodies[0].__class__.objects.filter(pk__in=[b.pk for b in bodies])
            self.fields["body"].empty_label = _("Every body")
            self.fields["body"].label_from_instance = lambda body: body.name
        else:  # one body: nothing to choose
            del self.fields["body"]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("topic") == Subscription.Topic.MATTER and not cleaned.get("matter"):
            self.add_error("matter", _("Choose the matter you want to follow."))
        if cleaned.get("topic") == Subscription.Topic.PARTY and not cleaned.get("party"):
            self.add_error("party", _("Choose the municipality or the region whose decisions you want to follow."))
        return cleaned
