"""The people register's staff forms."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from meetings.forms import DateInput, _helper
from members.access import may_act_on, may_change_credentials
from members.models import Membership, Organisation, Party, Person


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


class TermForm(forms.Form):
    """The new term's name and dates."""

    name = forms.CharField(label=capfirst(_("name")), max_length=30)
    start_date = forms.DateField(label=capfirst(_("start date")), widget=DateInput())
    end_date = forms.DateField(label=capfirst(_("end date")), widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("The term must end after it starts."))
        return cleaned


class SeatForm(forms.Form):
    """One outgoing seat: continues (as it was, or with another role, title or organisation) or ends."""

    CONTINUES, ENDS = "continues", "ends"

    membership = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        label=capfirst(_("in the new term")),
        choices=[(CONTINUES, _("continues")), (ENDS, _("ends"))],
        initial=CONTINUES,
    )
    role = forms.ChoiceField(label=capfirst(_("role")), choices=Membership.Role.choices)
    title = forms.CharField(label=capfirst(_("title at home")), max_length=200, required=False)
    organisation = forms.ModelChoiceField(label=capfirst(_("organisation represented")),
                                          queryset=Organisation.objects.all())  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # In a table, one row per seat: the widgets carry Bootstrap's classes (no crispy layout per cell).
        for name, field in self.fields.items():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)
            if name in ("role", "action"):
                field.widget.attrs["style"] = "min-width: 9rem"


class NewcomerForm(forms.Form):
    """A member who joins with the new term: one of the register, or a new person by name (an empty row is
    left out)."""

    person = forms.ModelChoiceField(label=capfirst(_("person in the register")), required=False,
                                    queryset=Person.objects.order_by("last_name", "first_name"))  # fmt: skip
    first_name = forms.CharField(label=capfirst(_("first name")), max_length=100, required=False)
    last_name = forms.CharField(label=capfirst(_("last name")), max_length=100, required=False)
    party = forms.ModelChoiceField(label=capfirst(_("party")), queryset=Party.objects.all(), required=False)
    email = forms.EmailField(label=capfirst(_("e-mail")), required=False)
    # Each choice starts where the browser would show it anyway, so an untouched row counts as unchanged.
    side = forms.ChoiceField(
        label=capfirst(_("side")), choices=Membership.Side.choices, initial=Membership.Side.MUNICIPALITIES
    )
    category = forms.ChoiceField(
        label=capfirst(_("category")), choices=Membership.Category.choices, initial=Membership.Category.POLITICIAN
    )
    organisation = forms.ModelChoiceField(
        label=capfirst(_("organisation represented")), queryset=Organisation.objects.all()
    )
    role = forms.ChoiceField(label=capfirst(_("role")), choices=Membership.Role.choices,
                             initial=Membership.Role.MEMBER)  # fmt: skip
    title = forms.CharField(label=capfirst(_("title at home")), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        named = cleaned.get("first_name", "").strip() and cleaned.get("last_name", "").strip()
        if cleaned.get("person") and (cleaned.get("first_name") or cleaned.get("last_name")):
            raise forms.ValidationError(_("Choose a person of the register or write a new one's name, not both."))
        if not cleaned.get("person") and not named:
            raise forms.ValidationError(_("Choose a person of the register or write the new member's first and "
                                          "last name."))  # fmt: skip
        return cleaned


SeatFormSet = forms.formset_factory(SeatForm, extra=0)


def newcomer_formset(rows: int = 5):
    """Blank rows for the newcomers; a row left as it came is no newcomer (Django's extra forms may stay
    empty)."""
    return forms.formset_factory(NewcomerForm, extra=rows)
