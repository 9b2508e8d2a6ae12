""" "Meddela mig när min kommun beslutar": double opt-in as the other alerts, one mail when the party's decision is
recorded (none for a receipt, none for another party, none before confirming), a one-click unsubscribe."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from alerts.models import Subscription
from meetings import hooks
from recommendations.models import Answer
from tests.recommendations.public_data import answer, make_recommendation, party

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    from django.core.cache import cache

    cache.clear()


def _subscribe(client, email, name, capture):
    with capture(execute=True):
        response = client.post(reverse("alerts:subscribe"), {"email": email, "topic": "party", "party": party(name).pk})
    assert response.status_code == 200
    confirmation = mail.outbox[-1]
    assert party(name).name in confirmation.body
    link = re.search(r"http\S+/alerts/confirm/\S+/", confirmation.body).group(0)
    return link


def test_a_subscriber_is_told_when_her_municipality_decides(client, django_capture_on_commit_callbacks):
    recommendation = make_recommendation(title="Digitala hjälpmedel")
    link = _subscribe(client, "anna@example.se", "Mölndal", django_capture_on_commit_callbacks)
    unconfirmed = _subscribe(client, "bo@example.se", "Mölndal", django_capture_on_commit_callbacks)
    assert unconfirmed
    client.post(link.removeprefix("http://testserver"))
    mail.outbox.clear()

    receipt = answer(recommendation, "Mölndal", registration_number="KS 2025/1")
    hooks.call("recommendation_answered", answer_id=receipt.pk)
    other = answer(recommendation, "Ale", Answer.Outcome.ADOPTED)
    hooks.call("recommendation_answered", answer_id=other.pk)
    assert mail.outbox == []  # a receipt tells nobody; Ale's decision is not Mölndal's

    decided = answer(recommendation, "Mölndal", Answer.Outcome.ADOPTED_WITH_CHANGES, note="Intern anteckning")
    hooks.call("recommendation_answered", answer_id=decided.pk)

    [alert] = mail.outbox
    assert alert.to == ["anna@example.se"]  # not the unconfirmed one
    assert "Mölndals kommun beslutade den 3 november 2025: antagit med ändringar." in alert.body
    assert "Digitala hjälpmedel" in alert.subject
    assert f"/recommendations/{recommendation.pk}/#party-{party('Mölndal').pk}" in alert.body
    assert "Intern anteckning" not in alert.body
    unsubscribe = alert.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")
    client.post(unsubscribe)
    assert not Subscription.objects.filter(email="anna@example.se").exists()


def test_an_unsent_recommendation_tells_nobody(client, django_capture_on_commit_callbacks):
    draft = make_recommendation(sent=False)
    link = _subscribe(client, "anna@example.se", "Ale", django_capture_on_commit_callbacks)
    client.post(link.removeprefix("http://testserver"))
    mail.outbox.clear()
    hooks.call("recommendation_answered", answer_id=answer(draft, "Ale", Answer.Outcome.ADOPTED).pk)
    assert mail.outbox == []


def test_the_party_must_be_chosen_and_the_form_offers_it_from_the_link(client):
    response = client.post(reverse("alerts:subscribe"), {"email": "anna@example.se", "topic": "party"})
    assert response.status_code == 400
    assert "Välj den kommun eller region vars beslut du vill följa." in response.content.decode()
    page = client.get(reverse("alerts:subscribe"), {"party": party("Hjo").pk}).content.decode()
    assert re.search(rf'<option value="{party("Hjo").pk}" selected>Hjo</option>', page)
