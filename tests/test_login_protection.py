"""Login protection: failed logins throttled per account and per address, a strong password policy,
sessions that end on logout and after a time without activity."""

import datetime

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "rätt-lösenord-för-test"


@pytest.fixture
def user(secretary):
    secretary.set_password(PASSWORD)
    secretary.save()
    return secretary


def log_in(client, username, password, address="10.0.0.1", **headers):
    return client.post(reverse("staff:login"), {"username": username, "password": password},
                       REMOTE_ADDR=address, **headers)  # fmt: skip


def test_five_wrong_passwords_lock_the_account_even_from_another_address(client, user):
    assert [log_in(client, user.username, "fel").status_code for _ in range(5)] == [200, 200, 200, 200, 429]
    locked = log_in(client, user.username, PASSWORD, address="10.0.0.2")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "För många misslyckade inloggningar" in page and "Försök igen om 15 minuter." in page
    assert "_auth_user_id" not in client.session


def test_five_failures_from_one_address_lock_that_address_for_every_account(client, user):
    for n in range(5):
        log_in(client, f"gissning{n}", "fel", address="10.0.0.9")
    assert log_in(client, user.username, PASSWORD, address="10.0.0.9").status_code == 429
    assert log_in(client, user.username, PASSWORD, address="10.0.0.10").status_code == 302


def test_a_right_password_before_the_limit_logs_in_and_starts_the_count_again(client, user):
    for _ in range(4):
        log_in(client, user.username, "fel")
    assert log_in(client, user.username, PASSWORD).status_code == 302


def test_behind_the_proxy_the_visitors_own_address_is_counted(client, user, settings):
    settings.PROXY_COUNT = 1
    for n in range(5):  # five guesses from one visitor, through the same nginx (127.0.0.1), forging the header
        log_in(client, f"gissning{n}", "fel", address="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.5")
    other = log_in(client, user.username, PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 302  # another visitor behind the same proxy is not locked out
    same = log_in(client, user.username, PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert same.status_code == 429


@pytest.mark.parametrize("password, message", [
    ("kort", "Det här lösenordet är för kort. Det måste innehålla minst 12 tecken."),
    ("123456789012345", "Detta lösenord är enbart numeriskt."),
    ("password1234", "Detta lösenord är alldeles för vanligt."),
])  # fmt: skip
def test_weak_passwords_are_refused_in_swedish(password, message, user):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert message in refused.value.messages


def test_a_long_uncommon_password_is_accepted(user):
    validate_password("tre-ord-som-inte-hör-ihop", user)


def test_logging_out_ends_the_session(client, user):
    log_in(client, user.username, PASSWORD)
    key = client.session.session_key
    client.post(reverse("staff:logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("staff:overview")).status_code == 302


def test_a_session_ends_after_an_hour_without_a_request_and_each_request_renews_it(client, user):
    log_in(client, user.username, PASSWORD)
    client.get(reverse("staff:overview"))
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date > timezone.now() + datetime.timedelta(minutes=59)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("staff:overview"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))
