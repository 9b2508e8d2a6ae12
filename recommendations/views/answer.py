"""A party's answer link: no login; the token in the path is compared by its SHA-256 with the delivery's. The page
answers for its own party and recommendation only (a kommunalförbund's link: for its member municipalities only, one
at a time), and only until the link expires."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from meetings.errors import ServiceError
from meetings.views.documents import attachment_response
from ratelimits.throttle import TooManyRequests, throttle
from recommendations import services
from recommendations.entry_forms import AnswerForm
from recommendations.models import Answer, Principal
from sro_portal.client_ip import client_ip

# Posts per hour from one address: a party reports a few times; more is not a person at a form.
ANSWER_POST_LIMIT = 30


def _invalid(request):
    return render(request, "recommendations/answer/invalid.html", status=404)


@never_cache
def answer(request, token):
    delivery = services.link_delivery(token)
    if delivery is None:
        return _invalid(request)
    recommendation = delivery.dispatch.recommendation
    if delivery.channel_id:
        principals = delivery.channel.members.all() if not delivery.channel.answers_for_all else (
            Principal.objects.filter(kind=Principal.Kind.MUNICIPALITY))  # fmt: skip
    else:
        principals = Principal.objects.filter(pk=delivery.principal_id)
    newest = {a.principal_id: a for a in Answer.objects.filter(recommendation=recommendation, principal__in=principals)
              .order_by("recorded_at", "pk")}  # fmt: skip
    chosen = None
    if delivery.principal_id:
        chosen = delivery.principal
    elif (raw := request.GET.get("party", "")).isdigit():
        chosen = principals.filter(pk=int(raw)).first()
    previous = newest.get(chosen.pk) if chosen else None
    initial = {f: getattr(previous, f) for f in services.answers.REPORT_FIELDS} if previous else {}
    if chosen:
        initial["principal"] = chosen.pk
    form = AnswerForm(request.POST or None, request.FILES or None, initial=initial,
                      principals=principals if delivery.channel_id else None)  # fmt: skip
    status = 200
    if request.method == "POST":
        try:
            throttle(f"answer:{client_ip(request)}", limit=ANSWER_POST_LIMIT)
        except TooManyRequests:
            form.is_valid()
            form.add_error(None, _("Too many requests from your address. Try again in an hour."))
            status = 429
        else:
            if form.is_valid():
                principal = form.cleaned_data.get("principal") or delivery.principal
                try:
                    services.answer_record(recommendation=recommendation, principal=principal,
                                           via=Answer.Via.PARTY_LINK, delivery=delivery, **form.report())  # fmt: skip
                except ServiceError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, _("Thank you: the report of %(party)s was recorded.")
                                     % {"party": principal})  # fmt: skip
                    return redirect(request.path)
            status = 400
    rows = [(p, newest.get(p.pk)) for p in principals]
    return render(request, "recommendations/answer/answer.html", {
        "delivery": delivery, "recommendation": recommendation, "position": recommendation.position,
        "documents": list(recommendation.documents.all()), "form": form, "rows": rows, "chosen": chosen,
        "previous": previous, "token": token, "log": list(Answer.objects.filter(
            recommendation=recommendation, principal__in=principals).select_related("principal")
            .order_by("-recorded_at", "-pk")),
    }, status=status)  # fmt: skip


def document(request, token, pk):
    """A document sent with the recommendation, to whoever holds a working link for it."""
    delivery = services.link_delivery(token)
    if delivery is None:
        raise Http404
    return attachment_response(get_object_or_404(delivery.dispatch.recommendation.documents.all(), pk=pk))
