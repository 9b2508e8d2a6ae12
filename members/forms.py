"""The people register's staff forms."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from meetings.forms import DateInput, _helper
from members.access import may_act_on, may_change_credentials
from members.models import Membership, Person


class PersonForm(forms.ModelForm):
    """A person of the register, as ``user`` may change them (``members.access``): a person tied to none of her
    bodies is shown, not offered for change, and without contact details; the e-mail address only by someone who
    may change credentials."""

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "title", "organisation", "party", "email", "phone"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.may_act = may_act_on(user, self.instance)
        if not self.may_act:
            for name in ("email", "phone"):
                del self.fields[name]
            for field in self.fields.values():
                field.disabled = True
        elif self.instance.pk and not may_change_credentials(user, self.instance):
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _(
                "The address opens “My meetings”: only an administrator, or a secretary of every body the person "
                "sits in, may change it."
            )


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
    """The last day of a seat (``services.membership_end`` refuses one before the first)."""

    end_date = forms.DateField(label=capfirst(_("last day")), widget=DateInput())
