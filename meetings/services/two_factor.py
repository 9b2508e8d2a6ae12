"""Two-factor sign-in with an authenticator app (TOTP, django-otp), for staff who turn it on."""

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from meetings.services import ServiceError

DEVICE_NAME = "Autentiseringsapp"
# Set in the session at login when the user has an app: until a code is given, staff pages ask for one.
SECOND_STEP_PENDING = "sro_second_step_pending"


def note_second_step(sender, request, user, **kwargs):
    """At every login: remember whether this person must still give a code (no query on later requests)."""
    if request is not None and hasattr(request, "session"):
        request.session[SECOND_STEP_PENDING] = TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def pending_device(user) -> TOTPDevice:
    """The device being set up (a new secret each time setup starts over), unconfirmed until a code matches."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def check_code(device: TOTPDevice | None, code: str) -> None:
    if device is None:
        raise ServiceError(_("Two-factor sign-in is not turned on for your account."))
    allowed, _why = device.verify_is_allowed()
    if not allowed:
        raise ServiceError(_("Too many wrong codes. Wait a moment and try again."))
    if not device.verify_token(code.replace(" ", "")):
        raise ServiceError(_("The code was wrong or too old. Take the code the app shows now."))


@transaction.atomic
def confirm_device(*, user, code: str) -> TOTPDevice:
    device = TOTPDevice.objects.select_for_update(no_key=True).filter(user=user, confirmed=False).first()
    check_code(device, code)
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()  # one app per person
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def remove_device(*, user, code: str) -> None:
    device = confirmed_device(user)
    check_code(device, code)
    TOTPDevice.objects.filter(user=user).delete()
