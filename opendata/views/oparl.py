"""The open-data API: read-only JSON in OParl 1.1 shapes, published data only, paginated.

Every list runs a fixed number of queries per page, whatever the amount of data.
"""

import datetime
import functools

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from meetings.models import Meeting
from meetings.selectors import (
    newest_published_versions,
    public_meeting,
    public_minutes_version,
)
from meetings.selectors.notices import (
    PublicFiles,
    public_attachment_record,
    public_items,
)
from meetings.selectors.published import (
    matter_with_body,
    meeting_taken_down,
    meetings_with_withdrawn_notes,
    newest_notes_withdrawal,
    public_meetings_of_body,
    public_notice_pdfs,
)
from meetings.selectors.registers import public_matters, visible_positions
from members.models import Body
from members.selectors import (
    all_memberships,
    bodies_in_order,
    body_memberships,
    body_people,
    default_body,
    organisation_with_members,
    person_with_membership,
    represented_organisations,
    terms_in_order,
)
from opendata import oparl

PAGE_SIZE = 50
# A meeting carries its agenda items and files inline (OParl's embedded objects): 20 a page keeps an answer
# near 250 KB rather than 650 KB, small enough to be kept and quick to send.
MEETINGS_PAGE_SIZE = 20


# OParl 1.1 §2.5: with omit_internal=true a client asks for no internal lists, each named here by the type holding it.
INTERNAL_LISTS = {
    "Meeting": ("agendaItem", "auxiliaryFile"),
    "AgendaItem": ("auxiliaryFile",),
    "Paper": ("auxiliaryFile", "location"),
    "Person": ("membership",),
    "Body": ("legislativeTerm",),
}


def _without_internal(obj: dict) -> dict:
    for name in INTERNAL_LISTS.get(str(obj.get("type", "")).rsplit("/", 1)[-1], ()):
        obj.pop(name, None)
    return obj


def _json(data: dict, status: int = 200, *, request=None) -> JsonResponse:
    if request is not None and request.GET.get("omit_internal") == "true":
        for obj in data.get("data", [data]):
            _without_internal(obj)
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status: int, message: str, debug: str = "") -> JsonResponse:
    return _json(oparl.error(message, debug), status=status)


def answers_errors_as_objects(view):
    """An API view whose 404 is OParl's error object (§2.9) in JSON, not the site's HTML page."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return _error(404, "Objektet finns inte.", f"Ingen publik sida har adressen {request.path}.")

    return wrapped


def not_found(request, *args, **kwargs):
    """Any address under the API that names nothing: OParl's error object (§2.9)."""
    return _error(404, "Objektet finns inte.", f"Ingen publik sida har adressen {request.path}.")


# OParl 1.1's filters of every list: objects created or modified since or until a moment (ISO 8601).
DATE_FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadFilter(Exception):
    pass


def _moment(raw: str) -> datetime.datetime:
    """ "2025-03-06T13:00:00+01:00" (a "+" sent unencoded arrives as a space), or a date: its first moment."""
    raw = raw.strip().replace(" ", "+").replace("\x00", "")[:40]
    try:
        value = parse_datetime(raw)
        if value is None and (day := parse_date(raw)) is not None:
            value = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        value = None
    if value is None:
        raise BadFilter(raw)
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _date_filters(request) -> dict[str, datetime.datetime]:
    return {name: _moment(request.GET[name]) for name in DATE_FILTERS if name in request.GET}


def _filtered(queryset, filters: dict, *, created: str, modified: str):
    """A queryset narrowed by the date filters, on its fields (or annotations) ``created`` and ``modified``."""
    lookups = {"created_since": f"{created}__gte", "created_until": f"{created}__lte",
               "modified_since": f"{modified}__gte", "modified_until": f"{modified}__lte"}  # fmt: skip
    return queryset.filter(**{lookups[name]: value for name, value in filters.items()})


def _in_window(filters: dict, created, modified) -> bool:
    """The same test for objects kept in a list rather than a queryset."""
    checks = {"created_since": lambda v: created >= v, "created_until": lambda v: created <= v,
              "modified_since": lambda v: modified >= v, "modified_until": lambda v: modified <= v}  # fmt: skip
    return all(checks[name](value) for name, value in filters.items())


def _paged(request, queryset, serialize, *, list_name: str, per_page: int | None = None, created="created_at",
           modified="updated_at", stamp=None, **kwargs) -> JsonResponse:  # fmt: skip
    """One page of a list, narrowed by OParl's date filters: on a queryset, ``created`` and ``modified`` are the
    fields they test; a list in memory gives each entry's one moment, as both, with ``stamp``."""
    try:
        filters = _date_filters(request)
    except BadFilter as error:
        return _error(400, f"Ogiltig tidpunkt: {error}. Skriv den som ISO 8601, t.ex. 2025-03-06T13:00:00+01:00.",
                      f"filter: {', '.join(n for n in DATE_FILTERS if n in request.GET)}")  # fmt: skip
    if filters and stamp is not None:
        queryset = [entry for entry in queryset if _in_window(filters, stamp(entry), stamp(entry))]
    elif filters:
        queryset = _filtered(queryset, filters, created=created, modified=modified)
    paginator = Paginator(queryset, per_page or PAGE_SIZE)
    try:
        number = int(request.GET.get("page", 1))
        objects = paginator.page(number).object_list
    except (ValueError, PageNotAnInteger, EmptyPage):
        asked = request.GET.get("page", "")[:40]
        return _error(404, "Sidan finns inte.", f"page={asked}; sidorna är 1–{paginator.num_pages}")
    links = oparl.Links(request)
    data = serialize(links, list(objects))
    raw = {name: request.GET[name] for name in DATE_FILTERS if name in request.GET}
    if request.GET.get("omit_internal") == "true":
        raw["omit_internal"] = "true"  # kept in the list's links to its other pages
    return _json(oparl.page(links, data=data, paginator=paginator, number=number, list_name=list_name,
                            filters=raw, **kwargs), request=request)  # fmt: skip


def _body(pk: int) -> Body:
    return get_object_or_404(bodies_in_order(), pk=pk)


def system(request):
    return _json(oparl.system(oparl.Links(request), contact_email=settings.CONTACT_EMAIL))


def body_list(request):
    terms = list(terms_in_order())
    return _paged(
        request,
        bodies_in_order(),
        lambda links, rows: _bodies_serialized(links, rows, terms),
        list_name="body_list",
    )


def _bodies_serialized(links, rows, terms) -> list[dict]:
    first_pk = _first_body_pk()
    return [oparl.body(links, b, terms=terms, first_pk=first_pk) for b in rows]


def _first_body_pk() -> int:
    return default_body().pk


def body(request, pk):
    found = _body(pk)
    terms = list(terms_in_order())
    return _json(oparl.body(oparl.Links(request), found, terms=terms, first_pk=_first_body_pk()), request=request)


def legislative_term_list(request, body_pk):
    found = _body(body_pk)
    return _paged(request, terms_in_order(),
                  lambda links, rows: [oparl.legislative_term(links, t, body=found) for t in rows],
                  list_name="legislative_term_list", body_pk=body_pk)  # fmt: skip


def legislative_term(request, pk):
    term = get_object_or_404(terms_in_order(), pk=pk)
    return _json(oparl.legislative_term(oparl.Links(request), term, body=default_body()))


def _represented_organisations(body):
    return represented_organisations(body=body)


def _body_organization(links, body) -> dict:
    ids = list(body.memberships.order_by("pk").values_list("pk", flat=True))
    return oparl.body_organization(links, body, membership_ids=ids)


def organization_list(request, body_pk):
    found = _body(body_pk)

    def serialize(links, rows):
        data = [oparl.organization(links, o, body=found) for o in rows]
        if request.GET.get("page", "1") == "1" and not any(name in request.GET for name in DATE_FILTERS):
            data.insert(0, _body_organization(links, found))
        return data

    return _paged(request, _represented_organisations(found), serialize, list_name="organization_list",
                  body_pk=body_pk)  # fmt: skip


def body_organization(request, body_pk):
    return _json(_body_organization(oparl.Links(request), _body(body_pk)))


def organization(request, pk):
    found = organisation_with_members(pk=pk)
    if found is None:
        raise Http404
    return _json(oparl.organization(oparl.Links(request), found, body=found.memberships.first().body))


def _people(body):
    return body_people(body=body)


def person_list(request, body_pk):
    found = _body(body_pk)
    return _paged(request, _people(found), lambda links, rows: [oparl.person(links, p, body=found) for p in rows],
                  list_name="person_list", body_pk=body_pk)  # fmt: skip


def person(request, pk):
    found = person_with_membership(pk=pk)
    if found is None:
        raise Http404
    body_found = found.memberships.first().body
    return _json(oparl.person(oparl.Links(request), _people(body_found).get(pk=pk), body=body_found), request=request)


def membership_list(request, body_pk):
    _body(body_pk)
    memberships = body_memberships(body_pk=body_pk)
    return _paged(request, memberships, lambda links, rows: [oparl.membership(links, m) for m in rows],
                  list_name="membership_list", body_pk=body_pk)  # fmt: skip


def membership(request, pk):
    return _json(oparl.membership(oparl.Links(request), get_object_or_404(all_memberships(), pk=pk)))


# What a sent version or an approved version holds that no API object shows: the documents themselves (tens of
# kilobytes a row), read for nothing with every item.
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
    notice_pdfs = _notice_pdfs(ids)
    withdrawn = _notes_withdrawn([m for m in meetings if m.pk not in by_meeting])
    return [
        oparl.meeting(links, one, rows=rows.get(one.pk, []), resolutions=resolutions,
                      notes_version=by_meeting.get(one.pk), notice_pdf=notice_pdfs.get(one.pk),
                      notes_withdrawn=one.pk in withdrawn)
        for one in meetings
    ]  # fmt: skip


def _notes_withdrawn(meetings: list[Meeting]) -> set[int]:
    """Of meetings with no public notes, those whose notes were published and then withdrawn: held all the same.
    A list's meetings bring it as an annotation (``_meetings``); one meeting alone asks, in one query."""
    if all(hasattr(m, "notes_once_published") for m in meetings):
        return {m.pk for m in meetings if m.notes_once_published}
    return meetings_with_withdrawn_notes(meetings=meetings)


def _notice_pdfs(meeting_ids: list[int]) -> dict:
    """The public PDF made of each meeting's published notice (its size and SHA-512), by meeting id: one query."""
    return public_notice_pdfs(meeting_ids=meeting_ids)


def _meetings(body):
    return public_meetings_of_body(body=body)


def meeting_list(request, body_pk):
    found = _body(body_pk)
    return _paged(request, _meetings(found), _meetings_serialized, list_name="meeting_list", body_pk=body_pk,
                  per_page=MEETINGS_PAGE_SIZE, modified="public_modified")  # fmt: skip


def _taken_down(meeting_pk: int, actions: tuple):
    """When something once public of the meeting was taken down (the notice unpublished, the notes withdrawn)."""
    return meeting_taken_down(meeting_pk=meeting_pk, actions=actions)


def meeting(request, pk):
    found = public_meeting(pk=pk)
    if found is None:
        # Once public and taken down since: OParl's deleted object, never a 404 (clients must learn of it).
        entry = _taken_down(pk, ("notice_unpublished", "minutes_withdrawn"))
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
        return _json(oparl.notice_file(links, found, _notice_pdfs([found.pk]).get(found.pk)))
    if entry := _taken_down(meeting_pk, ("notice_unpublished",)):
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


def empty_list(request, body_pk, list_name):
    """Locations: SRO has none of its own, so the list is empty."""
    _body(body_pk)
    return _paged(request, bodies_in_order().none(), lambda links, rows: [], list_name=list_name, body_pk=body_pk)
