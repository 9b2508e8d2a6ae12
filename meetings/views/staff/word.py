"""The notice and the notes as Word files, for the secretary to send to those who ask for Word (meetings.word)."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from meetings import word
from meetings.permissions import meeting_for_secretary, minutes_for_secretary, secretary_required


def _docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=word.CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


@require_safe
@secretary_required
def notice_docx(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    return _docx_response(word.notice_docx(meeting=meeting), word.notice_docx_filename(meeting))


@require_safe
@secretary_required
def minutes_docx(request, pk):
    minutes = minutes_for_secretary(request.user, pk)
    return _docx_response(word.minutes_docx(minutes=minutes), word.minutes_docx_filename(minutes))
