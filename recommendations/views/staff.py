"""The secretariat's pages of the recommendations (``/staff/recommendations/``): the overview, marking a position,
sending, recording an answer from a protocol, the registrars' addresses. Thin: a form validates, one service acts."""

import secrets

from django.contrib import messages
from django.http import FileResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from meetings.errors import ServiceError
from meetings.models import Position
from meetings.permissions import secretary_bodies, secretary_required
from recommendations import services
from recommendations.entry_forms import AddressForm, AnswerForm, DispatchForm, RecommendationForm, StatusNoteForm
from recommendations.models import Answer, Channel, Principal, PrincipalLogEntry
from recommendations.selectors import staff as selectors


def _recommendation(request, pk):
    """One of her bodies' recommendations; another body's does not exist for her (404)."""
    return get_object_or_404(selectors.recommendations_for_secretary(request.user), pk=pk)


@secretary_required
def overview(request):
    return render(request, "recommendations/staff/overview.html", {
        "rows": selectors.staff_overview(request.user),
        "to_mark": selectors.positions_to_mark(request.user),
    })  # fmt: skip


@secretary_required
def mark(request, pk):
    """Mark a position (as approved with its notes, or per capsulam) as a recommendation."""
    position = get_object_or_404(Position.objects.filter(body__in=secretary_bodies(request.user))
                                 .select_related("matter", "item", "minutes_version"), pk=pk)  # fmt: skip
    refusal = services.mark_refusal(position)
    documents = services.document_choices(position)
    initial = {"title": position.matter.title if position.matter_id else (position.item.title if position.item_id
               else ""), "documents": documents}  # fmt: skip
    form = RecommendationForm(request.POST or None, documents=documents, initial=initial)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            recommendation = services.recommendation_mark(position=position, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The position is marked as a recommendation."))
            return redirect("staff:recommendation", pk=recommendation.pk)
    status = 400 if form.errors else (409 if refusal and request.method == "POST" else 200)
    return render(request, "recommendations/staff/form.html",
                  {"form": form, "position": position, "refusal": refusal}, status=status)  # fmt: skip


@secretary_required
def edit(request, pk):
    recommendation = _recommendation(request, pk)
    position = recommendation.position
    documents = services.document_choices(position)
    refusal = _("It has been sent to the parties and can no longer be changed.") if (
        recommendation.dispatches.exists()) else None  # fmt: skip
    initial = {"title": recommendation.title, "decision_asked": recommendation.decision_asked,
               "answer_by": recommendation.answer_by, "takes_effect_on": recommendation.takes_effect_on,
               "documents": list(recommendation.documents.all())}  # fmt: skip
    form = RecommendationForm(request.POST or None, documents=documents, initial=initial)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            services.recommendation_update(recommendation=recommendation, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The recommendation was saved."))
            return redirect("staff:recommendation", pk=recommendation.pk)
    status = 400 if form.errors else (409 if refusal and request.method == "POST" else 200)
    return render(request, "recommendations/staff/form.html", {"form": form, "position": position,
                  "recommendation": recommendation, "refusal": refusal}, status=status)  # fmt: skip


@secretary_required
def detail(request, pk):
    recommendation = _recommendation(request, pk)
    rows = selectors.party_rows(recommendation)
    return render(request, "recommendations/staff/detail.html", {
        "recommendation": recommendation, "position": recommendation.position, "rows": rows,
        "dispatches": list(recommendation.dispatches.select_related("sent_by")),
        "channel_deliveries": selectors.channel_deliveries(recommendation),
        "log": selectors.answer_log(recommendation), "documents": list(recommendation.documents.all()),
        "status_notes": list(recommendation.status_notes.all()),
        "decided": sum(1 for row in rows if row.answer and row.answer.outcome),
        "status_form": StatusNoteForm(initial={"written_on": timezone.localdate()}),
    })  # fmt: skip


@secretary_required
@require_POST
def status_note(request, pk):
    """Add a dated status report of the secretariat's (public)."""
    recommendation = _recommendation(request, pk)
    form = StatusNoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The status report was not added: give its date and text."))
        return redirect("staff:recommendation", pk=recommendation.pk)
    try:
        services.status_note_add(recommendation=recommendation, by=request.user, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The status report was added."))
    return redirect("staff:recommendation", pk=recommendation.pk)


@secretary_required
def send(request, pk):
    """GET: what will be sent, to whom, and who it will not reach; POST: send it (once per form: a double click
    sends once)."""
    recommendation = _recommendation(request, pk)
    refusal = services.dispatch_refusal(recommendation)
    missing = services.recipients_without_address(recommendation)
    form = DispatchForm(request.POST or None, initial={"key": secrets.token_hex(16)})
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            dispatch = services.recommendation_dispatch(recommendation=recommendation, by=request.user,
                                                        key=form.cleaned_data["key"])  # fmt: skip
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            queued = dispatch.deliveries.exclude(status="no_address").count()
            messages.success(
                request,
                ngettext("Sent: %(count)s mail is on its way.", "Sent: %(count)s mails are on their way.", queued)
                % {"count": queued},
            )
            return redirect("staff:recommendation", pk=recommendation.pk)
    warning = ""
    if missing:
        warning = ngettext("%(count)s party has no registrar address: %(names)s.",
                           "%(count)s parties have no registrar address: %(names)s.", len(missing)) % {
            "count": len(missing), "names": ", ".join(p.common_name for p in missing)}  # fmt: skip
    return render(request, "recommendations/staff/send.html", {
        "recommendation": recommendation, "form": form, "refusal": refusal, "missing": missing, "warning": warning,
        "already": recommendation.dispatches.exists(),
    }, status=409 if refusal and request.method == "POST" else 200)  # fmt: skip


@secretary_required
def answer(request, pk, principal_pk):
    """The secretary records a party's answer from its protocol."""
    recommendation = _recommendation(request, pk)
    principal = get_object_or_404(Principal, pk=principal_pk)
    previous = services.answers.newest_answer(recommendation=recommendation, principal=principal)
    initial = {f: getattr(previous, f) for f in services.answers.REPORT_FIELDS} if previous else {}
    form = AnswerForm(request.POST or None, request.FILES or None, staff=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        report = form.report()
        try:
            services.answer_record(recommendation=recommendation, principal=principal, via=Answer.Via.SECRETARY,
                                   user=request.user, **report)  # fmt: skip
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The answer of %(party)s was recorded.") % {"party": principal})
            return redirect("staff:recommendation", pk=recommendation.pk)
    return render(request, "recommendations/staff/answer.html", {
        "recommendation": recommendation, "principal": principal, "form": form, "previous": previous,
    }, status=400 if form.errors else 200)  # fmt: skip


@secretary_required
def answer_file(request, pk):
    """A protocol extract a party uploaded (or the secretary did), for her bodies' recommendations."""
    found = get_object_or_404(Answer.objects.filter(recommendation__body__in=secretary_bodies(request.user))
                              .exclude(decision_file=""), pk=pk)  # fmt: skip
    return FileResponse(found.decision_file.open("rb"), as_attachment=True,
                        filename=f"protokollsutdrag-{found.pk}.pdf", content_type="application/pdf")  # fmt: skip


@secretary_required
def parties(request):
    """The parties and channels with their registrar addresses (the parties are shared by every body that
    recommends: any secretary keeps them, every change logged)."""
    return render(request, "recommendations/staff/parties.html", {
        "principals": Principal.objects.select_related("group"), "channels": Channel.objects.all(),
        "log": PrincipalLogEntry.objects.select_related("principal", "channel", "user")[:30],
    })  # fmt: skip


def _set_address(request, *, principal=None, channel=None):
    if "registrar_email" not in request.POST:  # never an empty form taken for "remove the address"
        return HttpResponseBadRequest(_("The form is incomplete."))
    form = AddressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("%(name)s: enter a valid e-mail address.") % {"name": principal or channel})
        return redirect("staff:recommendation_parties")
    if services.registrar_address_set(by=request.user, email=form.cleaned_data["registrar_email"],
                                      principal=principal, channel=channel):  # fmt: skip
        messages.success(request, _("The registrar address of %(name)s was saved.") % {"name": principal or channel})
    return redirect("staff:recommendation_parties")


@secretary_required
@require_POST
def party_address(request, pk):
    return _set_address(request, principal=get_object_or_404(Principal, pk=pk))


@secretary_required
@require_POST
def channel_address(request, pk):
    return _set_address(request, channel=get_object_or_404(Channel, pk=pk))
