"""The public meetings and their agenda items, as sent or approved, with their files inline."""

from django.db.models.functions import Coalesce
from django.http import Http404

from meetings.models import Meeting
from meetings.selectors import newest_published_versions, public_meeting
from meetings.selectors.notices import public_items
from meetings.selectors.published import (
    meeting_taken_down,
    meetings_with_withdrawn_notes,
    public_meetings_of_body,
    public_notice_pdfs,
)
from meetings.selectors.registers import visible_positions
from opendata import oparl
from opendata.views.oparl.paging import MEETINGS_PAGE_SIZE, _body, _json, _paged

_UNREAD = ("dispatch__html", "dispatch__public_html", "dispatch__public_pdf_html", "dispatch__snapshot",
           "dispatch__recipients", "minutes_version__html", "minutes_version__search_vector")  # fmt: skip


def _public_rows():
    """The agenda items of the published notices, as sent (with when they were sent or approved)."""
    rows = public_items().select_related("dispatch", "minutes_version", "meeting", "meeting__body")
    return rows.defer(*_UNREAD)


# What the API's agenda items show of a row: a list reads only these (one row object each, where the whole row with
# its versions, meeting and body made five, and decoded the presenters and proposals for nothing).
_LISTED = ("item_id", "meeting_id", "meeting_date", "number", "sequence", "title", "kind", "matter_id", "start", "end",
           "attachments", "dispatch_id", "minutes_version_id")  # fmt: skip


def _listed_rows():
    """The public items with what a list of them shows, and when each was sent or approved (``frozen``)."""
    return _with_frozen(public_items()).only(*_LISTED)


def _with_frozen(rows):
    """Items as sent or approved, with ``frozen``: when that version was sent or approved (their created and
    modified, for the date filters)."""
    return rows.annotate(frozen=Coalesce("dispatch__sent_at", "minutes_version__approved_at"))


def _resolutions(item_ids) -> dict:
    """The positions the published notes froze, by item id: a list each, in their order (one simple query: this
    runs for every agenda item a client reads)."""
    by_item: dict[int, list] = {}
    positions = visible_positions(public=True).filter(item_id__in=list(item_ids))
    # Only what the resolution's text is made of (``Position.plain_text``), not the assignments' records to decode.
    for position in positions.only("item_id", "text", "text_html", "clauses").order_by("order", "pk"):
        by_item.setdefault(position.item_id, []).append(position)
    return by_item


def _meetings_serialized(links, meetings: list[Meeting]) -> list[dict]:
    """Meetings with their agenda items and their files, in a fixed number of queries for the whole page."""
    ids = [m.pk for m in meetings]
    rows: dict[int, list] = {}
    for row in _listed_rows().filter(meeting_id__in=ids).order_by("sequence"):
        rows.setdefault(row.meeting_id, []).append(row)
    published = newest_published_versions().filter(minutes__meeting_id__in=ids).select_related("minutes__meeting__body")
    published = published.defer("html", "search_vector")  # the notes themselves: the list names their PDF
    by_meeting = {version.minutes.meeting_id: version for version in published}
    resolutions = _resolutions(row.item_id for group in rows.values() for row in group)
    notice_pdfs = public_notice_pdfs(meeting_ids=ids)
    withdrawn = _notes_withdrawn([m for m in meetings if m.pk not in by_meeting])
    return [
        oparl.meeting(links, one, rows=rows.get(one.pk, []), resolutions=resolutions,
                      notes_version=by_meeting.get(one.pk), notice_pdf=notice_pdfs.get(one.pk),
                      notes_withdrawn=one.pk in withdrawn)
        for one in meetings
    ]  # fmt: skip


def _notes_withdrawn(meetings: list[Meeting]) -> set[int]:
    """Of meetings with no public notes, those whose notes were published and then withdrawn: held all the same.
    A list's meetings bring it as an annotation (``meetings.selectors.published.public_meetings_of_body``); one
    meeting alone asks, in one query."""
    if all(hasattr(m, "notes_once_published") for m in meetings):
        return {m.pk for m in meetings if m.notes_once_published}
    return meetings_with_withdrawn_notes(meetings=meetings)


def meeting_list(request, body_pk):
    found = _body(body_pk)
    return _paged(request, public_meetings_of_body(body=found), _meetings_serialized, list_name="meeting_list",
                  body_pk=body_pk, per_page=MEETINGS_PAGE_SIZE, modified="public_modified")  # fmt: skip


def meeting(request, pk):
    found = public_meeting(pk=pk)
    if found is None:
        # Once public and taken down since: OParl's deleted object, never a 404 (clients must learn of it).
        entry = meeting_taken_down(meeting_pk=pk, actions=("notice_unpublished", "minutes_withdrawn"))
        if entry is None:
            raise Http404
        return _json(oparl.deleted(oparl.Links(request), name="meeting", key={"pk": pk}, kind="Meeting",
                                   created=entry.meeting.created_at, modified=entry.created_at))  # fmt: skip
    return _json(_meetings_serialized(oparl.Links(request), [found])[0], request=request)


def _items_serialized(links, rows: list) -> list[dict]:
    resolutions = _resolutions(row.item_id for row in rows)
    return [oparl.agenda_item(links, row, positions=resolutions.get(row.item_id, [])) for row in rows]


def agenda_item_list(request, body_pk):
    _body(body_pk)
    rows = _listed_rows().filter(meeting__body_id=body_pk).order_by("-meeting_date", "meeting_id", "sequence")
    return _paged(request, rows, _items_serialized, list_name="agenda_item_list", body_pk=body_pk,
                  created="frozen", modified="frozen")  # fmt: skip


def agenda_item(request, pk):
    found = _listed_rows().filter(item_id=pk).first()
    if found is None:
        raise Http404
    return _json(_items_serialized(oparl.Links(request), [found])[0], request=request)
