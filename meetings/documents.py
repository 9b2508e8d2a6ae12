"""Reading the text out of attachments for search: PDF with pypdf, Word (.docx) with python-docx.

``read_text(attachment)`` is the entry point; the upload queues it as a background task
(``meetings.tasks.read_document_text``). A PDF whose pages give no text is a scan: it is marked as such, and
search says so rather than pretending to have read it.
"""

import hashlib
import io
import logging

from django.contrib.postgres.search import SearchVector
from django.db import connection

from meetings.models import Attachment, DocumentText

logger = logging.getLogger(__name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_CHARS = 1_000_000  # a text longer than this is cut: search needs the words, not every page of an annex


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def _docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(part for part in parts if part.strip())


def read_text(attachment: Attachment) -> DocumentText:
    """Read the attachment's text (again, if its file changed since) and keep it with the file's hash."""
    with attachment.file.open("rb") as stored:
        content = stored.read()
    sha256 = hashlib.sha256(content).hexdigest()
    reader = {PDF: _pdf_text, DOCX: _docx_text}.get(attachment.content_type)
    text, state = "", DocumentText.State.UNSUPPORTED
    if reader is not None:
        try:
            text = " ".join(reader(content).split())[:MAX_CHARS]
            state = DocumentText.State.READ if text else DocumentText.State.SCANNED
        except Exception:  # a damaged or encrypted file: marked, never an error for the uploader
            logger.warning("The text of attachment %s could not be read", attachment.pk, exc_info=True)
            state = DocumentText.State.FAILED
    found, _created = DocumentText.objects.update_or_create(
        attachment=attachment, defaults={"sha256": sha256, "state": state, "text": text}
    )
    if connection.vendor == "postgresql":
        DocumentText.objects.filter(pk=found.pk).update(search_vector=SearchVector("text", config="swedish"))
    return found


def read_missing() -> int:
    """Read every attachment not read yet, or whose file changed since (after an upgrade, or for the demo)."""
    count = 0
    for attachment in Attachment.objects.select_related("document_text"):
        known = getattr(attachment, "document_text", None)
        if known is None or (attachment.sha256 and known.sha256 != attachment.sha256):
            read_text(attachment)
            count += 1
    return count
