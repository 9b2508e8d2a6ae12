"""The lows of issue 34: no 500 on a NUL or a Unicode digit where a number or a token is read, on a year past 9999,
nor in the admin's list filters and autocomplete."""

import pytest
from django.urls import reverse

from tests.test_staff_permissions import objects as objects

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/alerts/confirm/%00/", "/alerts/unsubscribe/%00/", "/alerts/confirm/a%00b/"])
def test_a_nul_in_an_alert_token_is_no_such_page(client, url):
    client.raise_request_exception = False
    for method in (client.get, client.post):
        assert method(url).status_code == 404, url


def test_a_unicode_digit_where_staff_pages_read_a_number_is_never_a_500(client, secretary, objects):
    """“²” is a digit to str.isdigit() but no number to int(): the six places that read one check for ASCII digits."""
    client.raise_request_exception = False
    client.force_login(secretary)
    meeting, item = objects["meeting"], objects["item"]
    for method, url, data in [
        (client.post, reverse("staff:choose_body"), {"body": "²"}),
        (client.get, reverse("staff:position_create") + "?meeting=²", None),
        (client.get, reverse("staff:plan") + "?year=²", None),
        (client.get, reverse("staff:item_create", args=[meeting.pk]) + "?parent=²", None),
        (client.post, reverse("staff:archive_export"), {"year": "²"}),
        (client.post, reverse("staff:presenter_add", args=[item.pk]), {"presenter-person": "²"}),
        (client.get, reverse("alerts:subscribe") + "?matter=²", None),
    ]:
        assert method(url, data or {}).status_code < 500, url


def test_a_nul_in_the_presenter_field_is_a_swedish_form_error(client, secretary, objects):
    client.raise_request_exception = False
    client.force_login(secretary)
    response = client.post(reverse("staff:presenter_add", args=[objects["item"].pk]),
                           {"presenter-person": "Hel\x00én Eliasson"})  # fmt: skip
    assert response.status_code == 400 and "Null-tecken är inte tillåtna." in response.content.decode()


@pytest.mark.parametrize("year", [10000, 99999])
def test_a_year_past_9999_is_no_page(client, secretary, year):
    client.raise_request_exception = False
    client.force_login(secretary)
    for url in (f"/staff/positions/{year}/compilation/", f"/staff/positions/{year}/compilation.pdf",
                f"/staff/yearly-review/{year}/", f"/positions/{year}/", f"/positions/{year}.csv"):  # fmt: skip
        assert client.get(url).status_code == 404, url


def test_a_nul_in_the_admins_filters_and_autocomplete_is_a_bad_request(client, superuser):
    client.raise_request_exception = False
    client.force_login(superuser)
    autocomplete = "/admin/autocomplete/?app_label=meetings&model_name=agendaitem&field_name=matter&term=%00"
    for url in ("/admin/meetings/meeting/?status=%00", "/admin/meetings/meeting/?q=%00", autocomplete):
        assert client.get(url).status_code == 400, url
    assert client.get("/admin/meetings/meeting/?q=SRO").status_code == 200
