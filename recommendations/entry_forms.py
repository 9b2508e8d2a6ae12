"""The forms through which the recommendations are entered: marking, sending, a party's report, a registrar
address. Validation only (the services make the changes)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.models import Attachment
from recommendations.models import Answer, Principal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A protocol extract is a few pages: anything much bigger is not one.
DECISION_FILE_MAX_BYTES = settings.DATA_UPLOAD_MAX_MEMORY_SIZE * 2


class RecommendationForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300,
                            help_text=gettext_lazy("A short name for lists, e.g. the matter's."))  # fmt: skip
    decision_asked = forms.CharField(
        label=gettext_lazy("Decision asked of each party"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("E.g. “att anta Överenskommelse om samverkan kring digitala hjälpmedel”."),
    )  # fmt: skip
    answer_by = forms.DateField(label=gettext_lazy("Answer by"), widget=DATE)
    takes_effect_on = forms.DateField(label=gettext_lazy("Takes effect"), widget=DATE, required=False)
    documents = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Documents"), queryset=Attachment.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The item's public attachments as approved with the notes."),
    )  # fmt: skip

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = Attachment.objects.filter(pk__in=[d.pk for d in documents])


class AnswerForm(forms.Form):
    """A party's report, as the answer link or the secretary gives it: received, then decided."""

    principal = forms.ModelChoiceField(label=gettext_lazy("Municipality"), queryset=Principal.objects.none())
    responder_name = forms.CharField(label=gettext_lazy("Your name"), max_length=200, required=False)
    registration_number = forms.CharField(label=gettext_lazy("Registration number (diarienummer)"), max_length=100,
                                          required=False)  # fmt: skip
    received_on = forms.DateField(label=gettext_lazy("Received on"), widget=DATE, required=False)
    outcome = forms.ChoiceField(label=gettext_lazy("Decision"), required=False,
                                choices=[("", gettext_lazy("Not decided yet")), *Answer.Outcome.choices])  # fmt: skip
    decided_on = forms.DateField(label=gettext_lazy("Decided on"), widget=DATE, required=False)
    decided_by = forms.ChoiceField(label=gettext_lazy("Decided by"), required=False,
                                   choices=[("", "—"), *Answer.DecidedBy.choices])  # fmt: skip
    decided_by_name = forms.CharField(label=gettext_lazy("Name of the committee"), max_length=200, required=False)
    decision_url = forms.URLField(label=gettext_lazy("Link to the protocol extract"), max_length=500,
                                  required=False, assume_scheme="https")  # fmt: skip
    decision_file = forms.FileField(label=gettext_lazy("Or the protocol extract as a PDF"), required=False)
    correction_reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Only when you change a decision already reported."),
    )  # fmt: skip
    note = forms.CharField(label=gettext_lazy("Note (staff only)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, principals=None, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        if principals is None:
            del self.fields["principal"]
        else:
            self.fields["principal"].queryset = principals
        if not staff:
            del self.fields["note"]
        else:
            del self.fields["responder_name"]

    def clean_decision_file(self):
        upload = self.cleaned_data.get("decision_file")
        if not upload:
            return None
        if upload.size > DECISION_FILE_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large: at most %(mb)s MB.")
                                        % {"mb": DECISION_FILE_MAX_BYTES // (1024 * 1024)})  # fmt: skip
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-" or not upload.name.lower().endswith(".pdf"):
            raise forms.ValidationError(_("Only a PDF file can be uploaded."))
        return upload

    def report(self) -> dict:
        """The fields the service takes."""
        data = dict(self.cleaned_data)
        data.pop("principal", None)
        return data


class AddressForm(forms.Form):
    registrar_email = forms.EmailField(label=gettext_lazy("Registrar's e-mail"), required=False)


class StatusNoteForm(forms.Form):
    written_on = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    text = forms.CharField(label=gettext_lazy("Status report"), widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=gettext_lazy("Public, beside the parties' own reports."))  # fmt: skip
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False,
                             help_text=gettext_lazy("E.g. “Minnesanteckningar SRO 19 oktober 2022”."))  # fmt: skip


class DispatchForm(forms.Form):
    key = forms.CharField(max_length=64, widget=forms.HiddenInput)
