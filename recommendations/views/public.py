"""The public pages of recommendations: the register, one recommendation with its 50 parties, one party's
decisions. Only sent recommendations, only the public fields of the answers (``recommendations.selectors``)."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from meetings.sections import enter, public_section, section_reverse
from recommendations.forms import RegisterFilterForm
from recommendations.overview import overview_groups
from recommendations.selectors.public import (
    listed,
    party_decisions,
    public_answer,
    public_documents,
    public_principal,
    public_principals,
    public_recommendation,
    public_status_notes,
    recommendation_years,
    register_page_queryset,
)
from recommendations.selectors.standing import STATES, standings, state_label, summarise

PER_PAGE = 50


@public_section
def register(request, body):
    """Every sent recommendation with where it stands; by year; "min kommun" leads to a party's own page."""
    principals = list(public_principals().values_list("pk", "common_name"))  # (pk, name): all the filter shows
    form = RegisterFilterForm(request.GET or None, years=recommendation_years(body=body), principals=principals)
    year = None
    if form.is_valid():
        if form.cleaned_data["party"]:
            return redirect(section_reverse("public:recommendation_party", body, form.cleaned_data["party"]))
        year = form.cleaned_data["year"]
    # 50 a page, as the positions register: a page costs the same whatever the years behind it.
    page = Paginator(register_page_queryset(body=body, year=year), PER_PAGE).get_page(request.GET.get("page"))
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "recommendations/public/register.html",
                  {"body": body, "form": form, "rows": listed(page), "page": page, "year": year},
                  status=status)  # fmt: skip


def recommendation(request, pk):
    """One sent recommendation: the position as approved, the decision asked, the 50 parties' standings."""
    found = public_recommendation(pk=pk)
    if found is None:
        raise Http404
    enter(request, found.body)
    parties = standings(found)
    context = {
        "recommendation": found,
        "position": found.position,
        "summary": summarise(parties),
        "documents": public_documents(found),
        "status_notes": public_status_notes(found),
        "groups": overview_groups(parties),
        "legend": [(state, state_label(state)) for state in STATES],
    }
    return render(request, "recommendations/public/recommendation.html", context)


@public_section
def party(request, body, pk):
    """What one party decided on each of the body's sent recommendations."""
    principal = public_principal(pk=pk)
    if principal is None:
        raise Http404
    decisions = party_decisions(principal=principal, body=body)
    return render(request, "recommendations/public/party.html",
                  {"body": body, "principal": principal, "decisions": decisions})  # fmt: skip


def decision_file(request, pk, answer_pk):
    """A party's protocol extract, as it sent it with its answer to a sent recommendation."""
    answer = public_answer(recommendation_pk=pk, answer_pk=answer_pk)
    if answer is None:
        raise Http404
    name = answer.decision_file.name.rsplit("/", 1)[-1]
    return FileResponse(answer.decision_file.open("rb"), as_attachment=True, filename=name)
