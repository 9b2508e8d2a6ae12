"""What the public site and the open data publish about a person is set per category (PUBLIC_PERSON_DETAILS)."""

import datetime

import pytest
from django.core.checks import run_checks
from django.urls import reverse

from members.models import Membership

pytestmark = pytest.mark.django_db


def test_by_default_the_members_page_and_the_api_name_everyone_as_before(client, demo):
    page = client.get(reverse("public:members") + "?date=2025-03-06").content.decode()
    official = Membership.objects.on(datetime.date(2025, 3, 6)).filter(body=demo, category="official").first()
    assert official.person.name in page


def test_officials_can_be_published_without_name_and_administration_without_title(client, demo, settings):
    settings.PUBLIC_PERSON_DETAILS = "official=organisation;administration=name"
    on = datetime.date(2025, 3, 6)
    official = Membership.objects.on(on).filter(body=demo, category="official").select_related("person").first()
    politician = Membership.objects.on(on).filter(body=demo, category="politician").select_related("person").first()
    page = client.get(reverse("public:members") + "?date=2025-03-06").content.decode()
    assert official.person.name not in page and f"En tjänsteperson, {official.organisation.display_name}" in page
    assert politician.person.name in page  # a category not named publishes everything

    api = client.get(reverse("api:person", kwargs={"pk": official.person_id})).json()
    assert "name" not in api and "familyName" not in api and "givenName" not in api
    assert client.get(reverse("api:person", kwargs={"pk": politician.person_id})).json()["familyName"]

    # The sent notice keeps the names it was sent with: it is the record.
    notice = client.get(reverse("public:notice_pdf", kwargs={"pk": demo.meetings.get(date=on).pk}))
    assert notice.status_code == 200


def test_the_api_names_no_organisation_that_the_setting_keeps_back(client, demo, settings):
    """``onBehalfOf`` of a membership is the organisation: not published where the category keeps it back."""
    settings.PUBLIC_PERSON_DETAILS = "official=name"
    on = datetime.date(2025, 3, 6)
    official = Membership.objects.on(on).filter(body=demo, category="official", organisation__isnull=False).first()
    politician = Membership.objects.on(on).filter(body=demo, category="politician", organisation__isnull=False).first()
    assert "onBehalfOf" not in client.get(reverse("api:membership", kwargs={"pk": official.pk})).json()
    person = client.get(reverse("api:person", kwargs={"pk": official.person_id})).json()
    assert person["familyName"] and all("onBehalfOf" not in m for m in person["membership"])
    listed = client.get(reverse("api:membership_list", kwargs={"body_pk": demo.pk})).json()["data"]
    assert all("onBehalfOf" not in m for m in listed if m["id"].endswith(f"/membership/{official.pk}/"))
    assert "onBehalfOf" in client.get(reverse("api:membership", kwargs={"pk": politician.pk})).json()


def test_a_misspelt_setting_stops_the_portal_at_start_up(settings):
    settings.PUBLIC_PERSON_DETAILS = "tjansteman=name"
    assert [e.id for e in run_checks() if e.id.startswith("members.")] == ["members.E001"]
    settings.PUBLIC_PERSON_DETAILS = "official=namn"
    assert [e.id for e in run_checks() if e.id.startswith("members.")] == ["members.E001"]
