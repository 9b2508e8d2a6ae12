"""Documents served the same way to staff and to the public; who sees what is the caller's ``public``."""

import logging

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from meetings import hooks
from meetings.deck import deck_pptx
from meetings.files import file_digests
from meetings.pdf import stored_pdf, stored_pdf_from_html
from meetings.selectors.registers import yearly_compilation
from meetings.services.notices import notice_filename

logger = logging.getLogger(__name__)


class StoredFileChanged(Exception):
    """A stored file no longer has the SHA-256 recorded when it was stored: it is not served."""


def verified_file_response(stored_file, *, sha256: str, filename: str, content_type=None) -> FileResponse:
    """A stored file as a download, only if it still has the recorded hash (then also its ETag).

    A file changed or swapped in storage is refused (logged, and a 500 for the reader), never served
    under the hash of the one that was approved."""
    with stored_file.open("rb") as source:
        found = file_digests(source, "sha256")[0]["sha256"]
    if found != sha256:
        logger.error("Stored file %s has SHA-256 %s, recorded %s: not served", stored_file.name, found, sha256)
        raise StoredFileChanged(stored_file.name)
    response = FileResponse(stored_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["ETag"] = f'"{sha256}"'
    return response


def attachment_response(attachment) -> FileResponse:
    """An attachment as a download under its title, checked against its hash."""
    if not attachment.sha256:  # uploaded before hashes were kept
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.download_name)
    return verified_file_response(attachment.file, sha256=attachment.sha256, filename=attachment.download_name)


def minutes_pdf_response(version) -> FileResponse:
    """An approved version of the notes: the very PDF that was approved, checked against its hash."""
    return verified_file_response(version.pdf, sha256=version.pdf_sha256, filename=version.download_name,
                                  content_type="application/pdf")  # fmt: skip


def stored_pdf_response(template_name: str, context: dict, *, folder: str, filename: str) -> FileResponse:
    """A document's PDF from storage (rendered only when its content changed), with its hash as ETag."""
    return _stored_response(*stored_pdf(template_name, context, folder=folder), filename=filename)


def _stored_response(name: str, digest: str, *, filename: str) -> FileResponse:
    response = FileResponse(
        default_storage.open(name, "rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["ETag"] = f'"{digest}"'
    return response


def notice_pdf_response(*, dispatch) -> FileResponse:
    """A sent version of the notice as the public reads it (public attachments only), as a PDF/A download:
    made from the HTML frozen when it was sent, so later edits of the agenda never reach it."""
    name, digest = stored_pdf_from_html(dispatch.public_pdf_html, folder="notices")
    return _stored_response(name, digest, filename=notice_filename(dispatch.meeting_as_sent, dispatch.version))


def compilation_context(*, body, year: int, public: bool) -> dict:
    # What became of the year's recommendations to the parties: the recommendations app tells (it sits above).
    recommendations = hooks.call("recommendations_of_year", body=body, year=year)
    return {"compilation": yearly_compilation(body=body, year=year, public=public), "body": body, "year": year,
            "recommendations": recommendations}  # fmt: skip


def compilation_pdf_response(*, body, year: int, public: bool) -> FileResponse:
    """ "Samtliga ställningstaganden ÅR" as a tagged PDF/A download."""
    context = compilation_context(body=body, year=year, public=public)
    name = _("All positions %(year)s") % {"year": year}
    return stored_pdf_response("pdf/compilation.html", context, folder="compilations",
                               filename=f"{body.short_name} {name}.pdf")  # fmt: skip


def _review_name(review) -> str:
    return _("Review %(year)s and coming in %(next)s") % {"year": review.year, "next": review.year + 1}


def review_pdf_response(*, review) -> FileResponse:
    """The yearly review as published, a 16:9 deck for the projector (tagged PDF/A)."""
    name = _review_name(review)
    # A review published before its slides were kept is printed from its frozen HTML as it was then.
    context = {"review": review, "body": review.body, "document": review.published_html, "title": name,
               "legacy": not review.published_deck}  # fmt: skip
    return stored_pdf_response("pdf/review.html", context, folder="reviews",
                               filename=f"{review.body.short_name} {name}.pdf")  # fmt: skip


def review_preview_pdf_response(*, review, document: str) -> FileResponse:
    """The deck as it would be published (``document``: its slides' HTML), the same PDF, shown in the browser."""
    name = _review_name(review)
    context = {"review": review, "body": review.body, "document": document, "title": name}
    stored, digest = stored_pdf("pdf/review.html", context, folder="reviews")
    filename = f"{review.body.short_name} {name}.pdf"
    response = FileResponse(
        default_storage.open(stored, "rb"), as_attachment=False, filename=filename, content_type="application/pdf"
    )
    response["ETag"] = f'"{digest}"'
    return response


PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def review_pptx_response(*, review, deck) -> HttpResponse:
    """The deck as a PowerPoint file for the presenter to edit (the PDF stays the record)."""
    response = HttpResponse(deck_pptx(deck), content_type=PPTX)
    filename = f"{review.body.short_name} {_review_name(review)}.pptx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
