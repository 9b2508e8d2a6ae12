"""The meeting, its agenda and its notice: the meeting's facts, an item with its presenters, guests and attachment,
the participants, the items copied from before, next year's meeting plan and a cancellation."""

from functools import partial
from pathlib import PurePosixPath

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from meetings.forms.common import (
    ALLOWED_SUFFIXES,
    ALLOWED_UPLOADS,
    ConcurrentEditForm,
    MatterTitleChecked,
    PersonField,
    RichTextListField,
    SubmittedOnce,
    ask_once,
    check_end_after_start,
    editor_rows,
)
from meetings.models import (
    AgendaItem,
    AnnualPlanEntry,
    Meeting,
)
from members.models import Membership, Organisation, Person
from sro_portal.forms import DateInput, TimeInput, _helper


class MeetingForm(ConcurrentEditForm):
    class Meta:
        model = Meeting
        fields = ["date", "start_time", "end_time", "kind", "form", "location", "online_link"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}
        # A link typed without its scheme is a web address: https, as Django 6 will assume.
        field_classes = {"online_link": partial(forms.URLField, assume_scheme="https")}

    # The meeting it clashes with, once the secretary has been told: saving again saves it all the same.
    clash_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body or self.instance.body

    def clean(self):
        cleaned = super().clean()
        check_end_after_start(self, cleaned)
        if not self.errors:
            self._warn_of_a_clash(cleaned)
        return cleaned

    def _warn_of_a_clash(self, cleaned) -> None:
        from meetings.selectors import clashing_meeting

        other = clashing_meeting(body=self.body, date=cleaned["date"], start=cleaned["start_time"],
                                 end=cleaned["end_time"], exclude=self.instance.pk)  # fmt: skip
        if other is not None:
            ask_once(self, seen_field="clash_seen", value=other.pk, field=None, message=_(
                "%(body)s already has a meeting on %(date)s at %(start)s–%(end)s (%(kind)s). Save again to keep both."
            ) % {"body": self.body.short_name, "date": f"{other.date:%Y-%m-%d}", "start": f"{other.start_time:%H.%M}",
                 "end": f"{other.end_time:%H.%M}", "kind": other.get_kind_display().lower()})  # fmt: skip


class AgendaItemForm(MatterTitleChecked, SubmittedOnce, ConcurrentEditForm):
    class Meta:
        model = AgendaItem
        fields = [
            "kind",
            "kind_note",
            "title",
            "duration_minutes",
            "show_time",
            "body",
            "proposals",
        ]
        widgets = {"body": forms.HiddenInput(attrs={"id": "id_body"})}

    proposals = RichTextListField(label=capfirst(_("proposed positions")), required=False)

    matter_title = forms.CharField(
        label=capfirst(_("matter")),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"list": "matter-options", "autocomplete": "off"}),
        help_text=_("The question this item belongs to; pick one as you type, or name a new one."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if self.instance.matter_id:
            self.fields["matter_title"].initial = self.instance.matter.title
        self.fields["duration_minutes"].widget.attrs.update({"min": 0, "max": 600, "step": 5})

    def clean(self):
        cleaned = super().clean()
        self.check_matter_title(self.meeting.body)
        return cleaned

    @property
    def proposal_rows(self) -> list[dict]:
        return editor_rows(self, "proposals", label=_("Proposed position"))


class PresenterForm(forms.Form):
    person = PersonField(label=capfirst(_("person")), queryset=Person.objects.all())
    description = forms.CharField(
        label=capfirst(_("description")), required=False, max_length=200, help_text=_("E.g. “VGR” or “ordförande SSN”.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class GuestForm(forms.Form):
    """A new person, not a member, added as presenter or guest."""

    first_name = forms.CharField(label=capfirst(_("first name")), max_length=100)
    last_name = forms.CharField(label=capfirst(_("last name")), max_length=100)
    organisation = forms.ModelChoiceField(
        label=capfirst(_("organisation")), queryset=Organisation.objects.all(), required=False
    )
    new_organisation = forms.CharField(
        label=_("Or a new organisation"), required=False, max_length=200,
        help_text=_("Its full name, if the portal does not know it yet: it is added to the register."),
    )  # fmt: skip
    description = forms.CharField(label=capfirst(_("description")), required=False, max_length=200)
    email = forms.EmailField(label=capfirst(_("e-mail")), required=False, help_text=_("Where the notice is sent."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        cleaned["new_organisation"] = " ".join((cleaned.get("new_organisation") or "").split())
        if cleaned.get("organisation") and cleaned["new_organisation"]:
            self.add_error("new_organisation", _("Choose an organisation or name a new one, not both."))
        return cleaned


class InvitationForm(PresenterForm):
    pass


class SubstitutionForm(forms.Form):
    replaces = PersonField(label=capfirst(_("replaces")), queryset=Person.objects.none())
    substitute = PersonField(label=capfirst(_("substitute")), queryset=Person.objects.all())

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.on(meeting.date).filter(body=meeting.body).values("person")
        self.fields["replaces"].queryset = Person.objects.filter(pk__in=members)
        self.helper = _helper()


class AddressesForm(forms.Form):
    """The e-mail addresses of recipients who have none, filled in on the send page; empty ones are left."""

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {f"email_{person.pk}": person for person in people}
        for name, person in self.people.items():
            self.fields[name] = forms.EmailField(label=person.name, required=False, max_length=254,
                                                 widget=forms.EmailInput(attrs={"autocomplete": "off"}))  # fmt: skip

    def addresses(self):
        return [(self.people[name], email) for name, email in self.cleaned_data.items() if email]


class RecordedSendingForm(forms.Form):
    """The send page's one field, for a meeting already past: the day the notice was really sent (a past year
    entered afterwards)."""

    recorded_sent_on = forms.DateField(
        label=capfirst(_("sent on (only when entering an earlier year)")),
        required=False,
        widget=DateInput(),
        help_text=_("The day the notice was really sent, if the meeting is already held and its notice is entered "
                    "now. The public site gives this day; the log says it was recorded afterwards."),
    )  # fmt: skip

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_recorded_sent_on(self):
        from meetings.services.notices import RecordedDateError, require_recorded_sent_on

        day = self.cleaned_data.get("recorded_sent_on")
        try:
            require_recorded_sent_on(meeting=self.meeting, day=day)
        except RecordedDateError as error:
            raise ValidationError(str(error)) from error
        return day


class AttachmentForm(forms.Form):
    file = forms.FileField(label=capfirst(_("file")))
    # Not "Rubrik": the form sits inside the item's own, whose title is that.
    title = forms.CharField(
        label=_("Name of the attachment"), required=False, max_length=300, help_text=_("Empty: the file name.")
    )
    is_public = forms.BooleanField(label=capfirst(_("public")), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED_SUFFIXES)
        self.fields["file"].help_text = _("PDF or Office files, at most %(size)s.") % {
            "size": filesizeformat(settings.ATTACHMENT_MAX_BYTES)
        }
        self.helper = _helper()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            raise ValidationError(
                _("The file is %(size)s; at most %(limit)s is allowed.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
            )
        head = upload.read(8192)
        upload.seek(0)
        kind = filetype.guess(head)
        suffix = PurePosixPath(upload.name).suffix.lower()
        if kind is None or kind.mime not in ALLOWED_UPLOADS:
            raise ValidationError(
                _("“%(name)s” is not a PDF or Office file (its content was checked, not only its name).")
                % {"name": upload.name}
            )
        if suffix not in ALLOWED_UPLOADS[kind.mime]:
            raise ValidationError(
                _("“%(name)s” is named %(suffix)s but its content is %(kind)s.")
                % {"name": upload.name, "suffix": suffix or "–", "kind": kind.extension.upper()}
            )
        self.cleaned_data["content_type"] = kind.mime
        return upload


class ItemsCopyForm(SubmittedOnce, forms.Form):
    """Draft the agenda from the previous meeting's items and the annual plan's entries for this meeting."""

    plan_entries = forms.ModelMultipleChoiceField(
        label=capfirst(_("planned for this meeting in the annual plan")), queryset=AnnualPlanEntry.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    items = forms.ModelMultipleChoiceField(
        label=capfirst(_("items of the previous meeting")), queryset=AgendaItem.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Copied with their kind, length, matter, presenters and sub-items; a proposal that notes the "
                    "information comes along, other proposals and texts do not."),
    )  # fmt: skip

    def __init__(self, *args, plan_entries, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_entries"].queryset = plan_entries
        self.fields["plan_entries"].label_from_instance = lambda entry: entry.label
        self.fields["items"].queryset = items
        self.fields["items"].label_from_instance = lambda item: item.title
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("plan_entries") and not cleaned.get("items"):
            raise ValidationError(_("Choose at least one item to take."))
        return cleaned


class MeetingPlanForm(forms.Form):
    """Next year's meeting dates in one go."""

    dates = forms.CharField(
        label=capfirst(_("dates")),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One date per line, as 2027-02-04."),
    )
    start_time = forms.TimeField(label=capfirst(_("start time")), widget=TimeInput())
    end_time = forms.TimeField(label=capfirst(_("end time")), widget=TimeInput())
    form = forms.ChoiceField(label=capfirst(_("meeting form")), choices=Meeting.Form.choices)
    location = forms.CharField(label=capfirst(_("place")), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_dates(self):
        days, wrong = [], []
        for line in self.cleaned_data["dates"].split():
            try:
                days.append(forms.DateField(input_formats=["%Y-%m-%d"]).clean(line))
            except ValidationError:
                wrong.append(line)
        if wrong:
            raise ValidationError(_("Not dates: %(wrong)s. Write them as 2027-02-04.") % {"wrong": ", ".join(wrong)})
        if not days:
            raise ValidationError(_("Write at least one date."))
        return days

    def clean(self):
        cleaned = super().clean()
        check_end_after_start(self, cleaned)
        return cleaned


class CancellationForm(SubmittedOnce):
    message = forms.CharField(
        label=capfirst(_("message")),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E.g. “Mötet ställs in och dessa ärenden tas per capsulam.”"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(label=capfirst(_("reason")), required=False, max_length=300)
    move_to = forms.ModelChoiceField(
        label=capfirst(_("move its items and planned matters to")),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("Leave empty to handle them per capsulam."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_to"].queryset = (
            Meeting.objects.filter(body=meeting.body, date__gte=meeting.date)
            .exclude(pk=meeting.pk)
            .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.HELD])
            .order_by("date")
        )
        self.fields["move_to"].empty_label = _("Per capsulam")
        self.helper = _helper()
