from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from seal.verify import SHA256


class VerifyForm(forms.Form):
    """A PDF (read, never stored) or a SHA-256 pasted."""

    document = forms.FileField(label=capfirst(_("the PDF file")), required=False,
                               widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}))  # fmt: skip
    sha256 = forms.CharField(label=capfirst(_("or its SHA-256")), required=False, max_length=100,
                             help_text=_("64 characters, 0–9 and a–f, as the notes page shows it."))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document is None:
            return None
        if document.size > settings.VERIFY_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(size)s.")
                                        % {"size": filesizeformat(settings.VERIFY_MAX_MB * 1024 * 1024)})  # fmt: skip
        head = document.read(5)
        document.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("“%(name)s” is not a PDF file.") % {"name": document.name})
        return document

    def clean_sha256(self):
        value = self.cleaned_data.get("sha256", "").strip().lower().replace("\x00", "")
        if value and not SHA256.match(value):
            raise forms.ValidationError(_("A SHA-256 is 64 characters, 0–9 and a–f."))
        return value

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("document") and not cleaned.get("sha256"):
            raise forms.ValidationError(_("Choose a PDF file, or paste its SHA-256."))
        return cleaned
