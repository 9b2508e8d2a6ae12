"""Two-factor sign-in: turn it on with an authenticator app, give the code after the password."""

from base64 import b32encode
from binascii import unhexlify
from functools import wraps

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login

from meetings.services import ServiceError
from meetings.services import two_factor as services


class CodeForm(forms.Form):
    code = forms.CharField(
        label=capfirst(gettext_lazy("the six-digit code from the app")),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}),
    )


def _staff_only(view):
    """Logged in, and staff: two-factor sign-in is for the people who work in the portal."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapper, login_url="staff:login")


@_staff_only
def setup(request):
    """Turn two-factor sign-in on (scan the code, type one code back), or off again."""
    device = services.confirmed_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if device:
                services.remove_device(user=request.user, code=form.cleaned_data["code"])
                messages.success(request, _("Two-factor sign-in is turned off."))
            else:
                device = services.confirm_device(user=request.user, code=form.cleaned_data["code"])
                otp_login(request, device)
                messages.success(
                    request, _("Two-factor sign-in is on. From now on you give a code after the password.")
                )
            return redirect("staff:two_factor")
        except ServiceError as error:
            form.add_error("code", str(error))
    context = {"device": device, "form": form}
    if device is None:
        pending = services.pending_device(request.user)
        svg = segno.make(pending.config_url, error="m").svg_inline(
            scale=5, dark="#000", light="#fff", title=_("QR code to scan with the authenticator app")
        )
        context.update(qr=mark_safe(svg), secret=_grouped(pending.key))  # segno's own SVG, no user input
    return render(request, "staff/two_factor.html", context, status=400 if form.errors else 200)


def _grouped(hex_key: str) -> str:
    """The secret as the app takes it when typed: base32, in groups of four."""
    secret = b32encode(unhexlify(hex_key)).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@_staff_only
def verify(request):
    """The second step of signing in, for those who turned two-factor sign-in on."""
    device = services.confirmed_device(request.user)
    target = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    if device is None or request.user.is_verified():
        return redirect(target or "staff:home")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_code(device, form.cleaned_data["code"])
        except ServiceError as error:
            form.add_error("code", str(error))
        else:
            otp_login(request, device)
            return redirect(target or "staff:home")
    return render(request, "staff/two_factor_verify.html", {"form": form, "next": target},
                  status=400 if form.errors else 200)  # fmt: skip
