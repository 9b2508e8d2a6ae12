"""Two-factor sign-in (TOTP): turned on with an authenticator app, asked for after the password, and,
when OTP_REQUIRED_FOR_APPROVAL is on, asked for by the chair's approval."""

import re
import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from meetings.models import Minutes
from meetings.services import ServiceError
from meetings.services import minutes as minutes_services
from tests.meetings.test_minutes_workflow import meeting  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory


def code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """What the app shows now (or a step later: a code is accepted only once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def turn_on(client, user) -> TOTPDevice:
    client.force_login(user)
    page = client.get(reverse("staff:two_factor")).content.decode()
    assert "<svg" in page and "QR-kod att skanna med autentiseringsappen" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    shown_key = re.search(r'<code class="fs-5">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    assert shown_key and len(shown_key) >= 32
    response = client.post(reverse("staff:two_factor"), {"code": code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    client.logout()
    return device


def test_a_wrong_code_does_not_turn_it_on(client, secretary):
    client.force_login(secretary)
    client.get(reverse("staff:two_factor"))
    response = client.post(reverse("staff:two_factor"), {"code": "000000"})
    assert response.status_code == 400
    assert "Koden var fel eller för gammal." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=secretary, confirmed=True).exists()


def test_with_it_on_the_password_alone_opens_no_staff_page(client, secretary, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # after a wrong code django-otp makes you wait a second; not here
    device = turn_on(client, secretary)
    response = client.post(reverse("staff:login"), {"username": secretary.username, "password": PASSWORD})
    assert response.status_code == 302
    blocked = client.get(reverse("staff:overview"))
    assert blocked.status_code == 302 and blocked["Location"].startswith(reverse("staff:two_factor_verify"))
    assert client.get(reverse("admin:index")).status_code == 302
    verify_url = blocked["Location"]
    page = client.get(verify_url).content.decode()
    assert "Ange din kod" in page
    wrong = client.post(verify_url, {"code": "123456", "next": reverse("staff:overview")})
    assert wrong.status_code == 400 and "Koden var fel" in wrong.content.decode()
    right = client.post(verify_url, {"code": code(device, steps_ahead=1), "next": reverse("staff:overview")})
    assert right.status_code == 302 and right["Location"] == reverse("staff:overview")
    assert client.get(reverse("staff:overview")).status_code == 200


def test_with_it_on_the_password_alone_opens_no_document_in_my_meetings(client, secretary, settings):
    """The portal's own mail sends staff to the staff login with ?next=/my-meetings/: the code is asked on the way."""
    from members.models import Person

    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    Person.objects.create(first_name="Sara", last_name="Sekreterare", email="sara@example.se", user=secretary)
    device = turn_on(client, secretary)
    home = reverse("mymeetings:home")
    response = client.post(f"{reverse('staff:login')}?next={home}",
                           {"username": secretary.username, "password": PASSWORD, "next": home})  # fmt: skip
    followed = client.get(response["Location"])
    assert followed.status_code == 302 and followed["Location"].startswith(reverse("staff:two_factor_verify"))
    for url in (home, reverse("mymeetings:meeting", args=[1]), reverse("mymeetings:notice_pdf", args=[1])):
        blocked = client.get(url)
        assert blocked.status_code == 302 and blocked["Location"].startswith(reverse("staff:two_factor_verify")), url
    right = client.post(followed["Location"], {"code": code(device, steps_ahead=1), "next": home})
    assert right.status_code == 302 and right["Location"] == home
    assert client.get(home).status_code == 200


def test_without_it_nothing_changes(client, secretary):
    client.post(reverse("staff:login"), {"username": secretary.username, "password": PASSWORD})
    assert client.get(reverse("staff:overview")).status_code == 200


def test_wrong_codes_one_after_another_are_slowed_down(client, secretary):
    device = turn_on(client, secretary)
    from meetings.services import two_factor

    with pytest.raises(ServiceError, match="Koden var fel"):
        two_factor.check_code(device, "000000")
    with pytest.raises(ServiceError, match="För många felaktiga koder"):
        two_factor.check_code(device, code(device, steps_ahead=1))  # right, but too soon after a wrong one


def test_it_can_be_turned_off_with_a_code(client, secretary):
    device = turn_on(client, secretary)
    client.force_login(secretary)
    assert client.post(reverse("staff:two_factor"), {"code": "1"}).status_code == 302  # first the second step
    client.post(reverse("staff:two_factor_verify"), {"code": code(device, steps_ahead=1)})
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # as if the next 30 s had come (codes are single-use)
    response = client.post(reverse("staff:two_factor"), {"code": code(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=secretary).exists()


@pytest.fixture
def sent(meeting, secretary):  # noqa: F811
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary)
    return minutes


def test_with_the_setting_on_the_chair_must_give_a_code_to_approve(client, chair, sent, settings):
    settings.OTP_REQUIRED_FOR_APPROVAL = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    with pytest.raises(ServiceError, match="Godkännande kräver tvåstegsverifiering"):
        minutes_services.minutes_approve(minutes=sent, by=chair, password=PASSWORD)
    device = turn_on(client, chair)
    with pytest.raises(ServiceError, match="Koden var fel"):
        minutes_services.minutes_approve(minutes=sent, by=chair, password=PASSWORD, code="000000")
    client.force_login(chair)
    client.post(reverse("staff:two_factor_verify"), {"code": code(device, steps_ahead=1)})
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the next 30 s: a new code
    page = client.get(reverse("staff:minutes_review", kwargs={"pk": sent.pk}))
    assert "den sexsiffriga koden från din autentiseringsapp" in page.content.decode().lower()
    read = page.context["approve_form"]["read"].value()
    data = {"approve-password": PASSWORD, "approve-code": code(device), "approve-read": read}
    response = client.post(reverse("staff:minutes_approve", kwargs={"pk": sent.pk}), data)
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == Minutes.Status.APPROVED


def test_with_the_setting_off_the_password_is_enough(chair, sent, settings):
    settings.OTP_REQUIRED_FOR_APPROVAL = False
    minutes_services.minutes_approve(minutes=sent, by=chair, password=PASSWORD)
    sent.refresh_from_db()
    assert sent.status == Minutes.Status.APPROVED


def test_an_administrator_can_reset_a_lost_app(client, secretary):
    from django.core.management import call_command

    turn_on(client, secretary)
    call_command("two_factor_reset", secretary.username, verbosity=0)
    assert not TOTPDevice.objects.filter(user=secretary).exists()
