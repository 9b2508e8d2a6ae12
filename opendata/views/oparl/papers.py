"""The files (public attachments, the notice's and the notes' PDFs), the papers (matters) and their
consultations (the agenda items that handled them)."""

import datetime

from django.db.models import Q
from django.http import Http404

from meetings.selectors import public_meeting, public_minutes_version
from meetings.selectors.notices import PublicFiles, public_attachment_record
from meetings.selectors.published import (
    matter_with_body,
    meeting_taken_down,
    newest_notes_withdrawal,
    public_notice_pdfs,
)
from meetings.selectors.registers import public_matters
from opendata import oparl
from opendata.views.oparl.meetings import _public_rows, _with_frozen
from opendata.views.oparl.paging import _body, _json, _paged


def _attachment_files(links, records) -> list[dict]:
    return [oparl.attachment_file(links, record, item_pk=row.item_id, date=row.frozen_at.date(),
                                  created=row.frozen_at)
            for row, record in records]  # fmt: skip


def file_list(request, body_pk):
    """The public attachments; a meeting's notice and notes are its invitation and results protocol."""
    _body(body_pk)
    return _paged(request, PublicFiles(body_pk=body_pk), _attachment_files, list_name="file_list",
                  body_pk=body_pk, stamp=lambda pair: pair[0].frozen_at)  # fmt: skip


def attachment_file(request, pk):
    found = public_attachment_record(pk=pk)
    if found is None:
        raise Http404
    return _json(_attachment_files(oparl.Links(request), [found])[0])


def notice_file(request, meeting_pk):
    links = oparl.Links(request)
    found = public_meeting(pk=meeting_pk)
    if found and found.notice_published_at:
        return _json(oparl.notice_file(links, found, public_notice_pdfs(meeting_ids=[found.pk]).get(found.pk)))
    if entry := meeting_taken_down(meeting_pk=meeting_pk, actions=("notice_unpublished",)):
        return _json(oparl.deleted(links, name="notice_file", key={"meeting_pk": meeting_pk}, kind="File",
                                   created=entry.meeting.created_at, modified=entry.created_at,
                                   access_url=links.web("notice_pdf", pk=meeting_pk)))  # fmt: skip
    raise Http404


def notes_file(request, meeting_pk):
    links = oparl.Links(request)
    if version := public_minutes_version(meeting_pk=meeting_pk):
        return _json(oparl.notes_file(links, version.minutes.meeting, version))
    if gone := newest_notes_withdrawal(meeting_pk=meeting_pk):
        return _json(oparl.deleted(links, name="notes_file", key={"meeting_pk": meeting_pk}, kind="File",
                                   created=gone.version.published_at, modified=gone.withdrawn_at,
                                   access_url=links.web("minutes_pdf", pk=meeting_pk)))  # fmt: skip
    raise Http404


def _consultation_rows(body_pk: int | None = None):
    """The public agenda items that handled a matter (of one body, or of all): each a consultation of its
    matter's paper."""
    rows = _with_frozen(_public_rows().filter(matter__isnull=False).select_related("matter"))
    return rows if body_pk is None else rows.filter(meeting__body_id=body_pk)


def _paper_of(row) -> int:
    return row.matter.merged_into_id or row.matter_id  # a merged matter is handled as the one it went into


def _papers_serialized(links, matters: list) -> list[dict]:
    """Papers with their consultations, in a fixed number of queries for the page."""
    ids = [m.pk for m in matters]
    by_paper: dict[int, list] = {}
    rows = _consultation_rows(matters[0].body_id).filter(Q(matter_id__in=ids) | Q(matter__merged_into_id__in=ids)) \
        if matters else []  # fmt: skip
    for row in sorted(rows, key=lambda r: (r.meeting_date or datetime.date.min, r.sequence)):
        by_paper.setdefault(_paper_of(row), []).append(row)
    return [oparl.paper(links, m, rows=by_paper.get(m.pk, [])) for m in matters]


def paper_list(request, body_pk):
    found = _body(body_pk)
    matters = public_matters(body=found).select_related("body").order_by("pk")
    return _paged(request, matters, _papers_serialized, list_name="paper_list", body_pk=body_pk,
                  modified="created_at")  # fmt: skip


def paper(request, pk):
    matter = matter_with_body(pk=pk)
    if matter is None or not public_matters(body=matter.body).filter(pk=pk).exists():
        raise Http404
    return _json(_papers_serialized(oparl.Links(request), [matter])[0], request=request)


def consultation_list(request, body_pk):
    _body(body_pk)
    rows = _consultation_rows(body_pk).order_by("-meeting_date", "meeting_id", "sequence")
    return _paged(request, rows, lambda links, page: [oparl.consultation(links, r, paper_pk=_paper_of(r))
                                                      for r in page],
                  list_name="consultation_list", body_pk=body_pk, created="frozen", modified="frozen")  # fmt: skip


def consultation(request, pk):
    row = _consultation_rows().filter(item_id=pk).first()
    if row is None:
        raise Http404
    return _json(oparl.consultation(oparl.Links(request), row, paper_pk=_paper_of(row)))
