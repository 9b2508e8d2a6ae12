"""The API's entry (the system), the bodies and their terms of office; the lists SRO has nothing for."""

from django.conf import settings
from django.shortcuts import get_object_or_404

from members.selectors import bodies_in_order, default_body, terms_in_order
from opendata import oparl
from opendata.views.oparl.paging import _body, _json, _paged


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


def empty_list(request, body_pk, list_name):
    """Locations: SRO has none of its own, so the list is empty."""
    _body(body_pk)
    return _paged(request, bodies_in_order().none(), lambda links, rows: [], list_name=list_name, body_pk=body_pk)
