"""The people register as OParl shows it: the organisations represented, the people and their memberships."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from members.selectors import (
    all_memberships,
    body_memberships,
    body_people,
    organisation_with_members,
    person_with_membership,
    represented_organisations,
)
from opendata import oparl
from opendata.views.oparl.paging import DATE_FILTERS, _body, _json, _paged


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

    return _paged(request, represented_organisations(body=found), serialize, list_name="organization_list",
                  body_pk=body_pk)  # fmt: skip


def body_organization(request, body_pk):
    return _json(_body_organization(oparl.Links(request), _body(body_pk)))


def organization(request, pk):
    found = organisation_with_members(pk=pk)
    if found is None:
        raise Http404
    return _json(oparl.organization(oparl.Links(request), found, body=found.memberships.first().body))


def person_list(request, body_pk):
    found = _body(body_pk)
    return _paged(request, body_people(body=found),
                  lambda links, rows: [oparl.person(links, p, body=found) for p in rows],
                  list_name="person_list", body_pk=body_pk)  # fmt: skip


def person(request, pk):
    found = person_with_membership(pk=pk)
    if found is None:
        raise Http404
    body_found = found.memberships.first().body
    return _json(
        oparl.person(oparl.Links(request), body_people(body=body_found).get(pk=pk), body=body_found), request=request
    )


def membership_list(request, body_pk):
    _body(body_pk)
    memberships = body_memberships(body_pk=body_pk)
    return _paged(request, memberships, lambda links, rows: [oparl.membership(links, m) for m in rows],
                  list_name="membership_list", body_pk=body_pk)  # fmt: skip


def membership(request, pk):
    return _json(oparl.membership(oparl.Links(request), get_object_or_404(all_memberships(), pk=pk)))
