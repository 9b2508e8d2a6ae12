"""What every answer of the API shares: JSON with CORS, OParl's error objects (§2.9), the date filters and
the paging of lists (a fixed number of queries per page, whatever the amount of data)."""

import datetime
import functools

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from members.models import Body
from members.selectors import bodies_in_order
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
