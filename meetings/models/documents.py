from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.agenda import Attachment


class DocumentText(models.Model):
    """The text of an attachment, read out of the file in the background (``meetings.documents``), for search.

    Kept with the file's SHA-256: search uses it only for the file a published notice sent. A PDF with no text
    layer (a scan) is marked as such; a file of another kind is not read."""

    class State(models.TextChoices):
        READ = "read", _("Text read")
        SCANNED = "scanned", _("Scanned, without text")
        UNSUPPORTED = "unsupported", _("Not a PDF or Word file")
        FAILED = "failed", _("Could not be read")

    attachment = models.OneToOneField(
        Attachment, verbose_name=_("attachment"), related_name="document_text", on_delete=models.CASCADE
    )
    sha256 = models.CharField(_("SHA-256 of the file read"), max_length=64)
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    text = models.TextField(_("text"), blank=True)
    read_at = models.DateTimeField(_("read"), auto_now=True)
    # Filled on PostgreSQL when the text is read (Swedish configuration), GIN-indexed there (migration 0027).
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    class Meta:
        verbose_name = _("text of an attachment")
        verbose_name_plural = _("texts of attachments")

    def __str__(self):
        return f"{self.attachment_id}: {self.get_state_display()}"
