"""Open data of recommendations: the register and one recommendation's 50 parties as CSV (formula cells
neutralised) and JSON, the same as the page says; an Atom feed of recorded decisions as RFC 4287 writes one."""

import csv
import io

import pytest
from django.urls import reverse
from lxml import etree

from recommendations.models import Answer
from tests.recommendations.public_data import answer, make_recommendation
from tests.standards.test_feeds import ATOM, atom_problems

A = Answer.Outcome
pytestmark = pytest.mark.django_db


def _csv(response) -> list[dict]:
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_one_recommendations_parties_as_csv_and_json(client):
    recommendation = make_recommendation()
    answer(recommendation, "Ale", A.ADOPTED, decision_url="https://ale.se/beslut")
    wrong = answer(recommendation, "Hjo", A.REJECTED)
    answer(recommendation, "Hjo", A.ADOPTED_WITH_CHANGES, corrects=wrong, correction_reason="Fel utfall")
    answer(recommendation, "Tjörn", registration_number='=HYPERLINK("https://evil.example")')

    rows = {row["part"]: row for row in _csv(client.get(reverse("public:recommendation_csv",
                                                                  kwargs={"pk": recommendation.pk})))}  # fmt: skip
    assert len(rows) == 50
    assert rows["Ale kommun"]["ställning"] == "Antagit" and rows["Ale kommun"]["beslut"] == "https://ale.se/beslut"
    assert rows["Ale kommun"]["kommunalförbund"] == "Göteborgsregionens kommunalförbund"
    assert rows["Hjo kommun"]["utfall"] == "adopted_with_changes" and rows["Hjo kommun"]["rättelse"] == "Fel utfall"
    assert rows["Tjörns kommun"]["ställning"] == "Mottaget"
    assert rows["Tjörns kommun"]["diarienummer"].startswith("'=")  # a spreadsheet shows it as text, runs nothing
    assert rows["Mölndals kommun"]["ställning"] == "Inte rapporterat" and rows["Mölndals kommun"]["utfall"] == ""

    data = client.get(reverse("public:recommendation_json", kwargs={"pk": recommendation.pk})).json()
    parties = {p["part"]: p for p in data["parter"]}
    assert parties["Tjörns kommun"]["diarienummer"] == '=HYPERLINK("https://evil.example")'  # JSON as recorded
    assert parties["Västra Götalandsregionen"]["typ"] == "region"


def test_the_register_as_csv_and_json(client):
    recommendation = make_recommendation(title="Digitala hjälpmedel")
    make_recommendation(title="Ej skickad", sent=False)
    answer(recommendation, "Ale", A.ADOPTED)
    answer(recommendation, "Västra Götalandsregionen", A.ADOPTED)

    [row] = _csv(client.get(reverse("public:recommendations_csv")))
    assert row["rubrik"] == "Digitala hjälpmedel"
    assert (row["kommuner_antagit"], row["regionen"], row["adopted"], row["not_reported"]) == (
        "1",
        "adopted",
        "2",
        "48",
    )
    assert row["adress"].endswith(reverse("public:recommendation", kwargs={"pk": recommendation.pk}))
    [listed] = client.get(reverse("public:recommendations_json")).json()["rekommendationer"]
    assert listed["id"] == recommendation.pk and listed["kommuner"] == 49


def test_the_feed_of_recorded_decisions_is_atom(client):
    recommendation = make_recommendation(title="Digitala hjälpmedel")
    answer(recommendation, "Ale", registration_number="KS 1")  # a receipt: no decision, no entry
    wrong = answer(recommendation, "Hjo", A.REJECTED)
    answer(recommendation, "Hjo", A.ADOPTED, corrects=wrong, correction_reason="Fel utfall")
    answer(make_recommendation(title="Ej skickad", sent=False), "Ale", A.ADOPTED)

    response = client.get(reverse("public:feed_recommendations"))
    assert response.status_code == 200
    assert atom_problems(response.content) == []
    titles = [e.findtext("atom:title", namespaces=ATOM) for e in etree.fromstring(response.content).iterfind(
        "atom:entry", ATOM)]  # fmt: skip
    assert titles == ["Hjo: Antagit – Digitala hjälpmedel", "Hjo: Avslagit – Digitala hjälpmedel"]
    assert "En rättelse: Fel utfall" in response.content.decode()
