"""The public alert pages: subscribe, confirm (double opt-in), unsubscribe (one click, RFC 8058)."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from alerts import services
from alerts.forms import SubscribeForm
from alerts.models import Subscription
from meetings.selectors.registers import public_matters
from members.models import Body
from ratelimits.throttle import TooManyRequests, throttle
from recommendations.selectors.public import public_principals
from sro_portal.client_ip import client_ip


def subscribe(request):
    """``?matter=<id>`` follows that matter; ``?party=<id>`` one party's decisions on the recommendations;
    ``?body=<web address>`` chooses that body's notes and positions."""
    bodies = list(Body.objects.order_by("pk"))
    matters = public_matters(body=None).select_related("body").order_by("title")
    initial = {}
    if (raw := request.GET.get("matter", "")).isascii() and raw.isdigit() and len(raw) <= 9:
        initial = {"topic": Subscription.Topic.MATTER, "matter": raw}
    elif (raw := request.GET.get("party", "")).isascii() and raw.isdigit() and len(raw) <= 9:
        initial = {"topic": Subscription.Topic.PARTY, "party": raw}
    if chosen := next((b for b in bodies if b.slug == request.GET.get("body")), None):
        initial["body"] = chosen.pk
    form = SubscribeForm(request.POST or None, matters=matters, bodies=bodies, parties=public_principals(),
                         initial=initial)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            # The visitor behind our proxies (PROXY_COUNT).
            throttle(f"alerts:{client_ip(request)}", limit=services.SUBSCRIBE_LIMIT)
        except TooManyRequests:
            form.add_error(None, _("Too many requests from your address. Try again in an hour."))
            return render(request, "alerts/subscribe.html", {"form": form}, status=429)
        data = form.cleaned_data
        try:  # and per recipient: nobody fills someone's mailbox with confirmations from many addresses
            throttle(f"alerts-to:{data['email'].strip().lower()}", limit=services.CONFIRMATIONS_PER_ADDRESS)
        except TooManyRequests:
            form.add_error(None, _("Enough confirmations have been sent to this address. Try again in an hour."))
            return render(request, "alerts/subscribe.html", {"form": form}, status=429)
        services.subscribe(email=data["email"], topic=data["topic"], matter=data["matter"], body=data.get("body"),
                           principal=data["party"])  # fmt: skip
        return render(request, "alerts/sent.html", {"email": data["email"]})
    return render(request, "alerts/subscribe.html", {"form": form}, status=400 if form.errors else 200)


def confirm(request, token):
    # A subscription never confirmed in time is gone, whether or not the daily purge has run yet.
    live = Subscription.objects.exclude(confirmed_at__isnull=True, created_at__lt=services.unconfirmed_cutoff())
    subscription = get_object_or_404(live, token=token)
    if request.method == "POST":
        services.confirm(subscription=subscription)
        return render(request, "alerts/done.html", {"confirmed": subscription})
    return render(request, "alerts/confirm.html", {"subscription": subscription})


@csrf_exempt  # the token is the authority: a mail program's one-click POST (RFC 8058) has no CSRF token
def unsubscribe(request, token):
    subscription = Subscription.objects.filter(token=token).first()
    if request.method == "POST":
        if subscription is not None:
            services.unsubscribe(subscription=subscription)
        return render(request, "alerts/done.html", {"unsubscribed": True})
    if subscription is None:
        return render(request, "alerts/done.html", {"unsubscribed": True, "gone": True})
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})
