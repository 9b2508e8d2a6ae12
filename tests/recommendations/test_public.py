"""The public page of a recommendation and the register: only sent ones, the counts in SRO's words, the 50
parties grouped by kommunalförbund, corrections as such, nothing staff-only; query counts independent of history."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse

from recommendations.models import Answer, Principal
from tests.recommendations.public_data import answer, make_recommendation, party

A = Answer.Outcome
pytestmark = pytest.mark.django_db


def _page(client, recommendation):
    response = client.get(reverse("public:recommendation", kwargs={"pk": recommendation.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_a_marked_but_unsent_recommendation_is_not_public(client):
    unsent = make_recommendation(sent=False)
    assert client.get(reverse("public:recommendation", kwargs={"pk": unsent.pk})).status_code == 404
    assert unsent.title not in client.get(reverse("public:recommendations")).content.decode()
    assert client.get(reverse("public:recommendation_csv", kwargs={"pk": unsent.pk})).status_code == 404


def test_the_page_says_where_it_stands(client):
    recommendation = make_recommendation()
    answer(recommendation, "Ale", A.ADOPTED, decision_url="https://ale.se/protokoll/12")
    answer(recommendation, "Borås", A.ADOPTED_WITH_CHANGES)
    wrong = answer(recommendation, "Hjo", A.REJECTED)
    answer(recommendation, "Hjo", A.ADOPTED, corrects=wrong, correction_reason="Fel kommun i utdraget")
    answer(recommendation, "Tjörn", registration_number="KS 2025/77")
    answer(recommendation, "Västra Götalandsregionen", A.ADOPTED)

    page = _page(client, recommendation)

    assert "3 av 49 kommuner och Västra Götalandsregionen har antagit, varav 1 med ändringar." in page
    assert "Inte rapporterat: 45" in page and "Mottaget: 1" in page
    assert "Rättat " in page and "Fel kommun i utdraget" in page
    assert "KS 2025/77" in page
    assert 'href="https://ale.se/protokoll/12"' in page
    # The 49 in the overview, each a link to its row in the table of all 50.
    for principal in Principal.objects.all():
        assert f'id="party-{principal.pk}"' in page
        if principal.kind == Principal.Kind.MUNICIPALITY:
            assert f'href="#party-{principal.pk}"' in page
    assert page.count('class="rec-tile ') == 49
    for group in ("Göteborgsregionen", "Fyrbodalsregionen", "Skaraborg", "Boråsregionen"):
        assert f">{group}</h3>" in page


def test_staff_only_fields_never_reach_the_page(client):
    recommendation = make_recommendation()
    answer(recommendation, "Ale", A.ADOPTED, note="Hemlig anteckning", responder_name="Kim Kanslist")
    Principal.objects.filter(common_name="Ale").update(registrar_email="diarium@ale.se")

    page = _page(client, recommendation)
    csv = client.get(reverse("public:recommendation_csv", kwargs={"pk": recommendation.pk})).content.decode()
    json = client.get(reverse("public:recommendation_json", kwargs={"pk": recommendation.pk})).content.decode()
    for text in (page, csv, json):
        assert "Hemlig anteckning" not in text and "Kim Kanslist" not in text and "diarium@ale.se" not in text


def test_the_register_by_year_and_by_party(client):
    old = make_recommendation(title="Äldre rekommendation")
    old.position.__class__.objects.filter(pk=old.position.pk).update(taken_on="2023-05-04")
    new = make_recommendation(title="Nyare rekommendation")
    answer(new, "Ale", A.ADOPTED)

    page = client.get(reverse("public:recommendations")).content.decode()
    assert "Äldre rekommendation" in page and "Nyare rekommendation" in page
    assert "1 av 49 kommuner har antagit" in page
    page = client.get(reverse("public:recommendations"), {"year": 2023}).content.decode()
    assert "Äldre rekommendation" in page and "Nyare rekommendation" not in page

    response = client.get(reverse("public:recommendations"), {"party": party("Ale").pk})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Vad Ale kommun beslutade" in page
    assert "Antagit" in page and "Inte rapporterat" in page  # the older one: nothing yet


@pytest.mark.parametrize("query", [{"year": "abc"}, {"year": "1899"}, {"party": "x"}, {"party": "999999"}])
def test_bad_filters_are_said_and_lose_nothing(client, query):
    make_recommendation(title="Digitala hjälpmedel")
    response = client.get(reverse("public:recommendations"), query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Filtret kunde inte användas" in page and "Digitala hjälpmedel" in page


def test_unknown_addresses_are_not_found(client):
    assert client.get("/recommendations/999999999/").status_code == 404
    assert client.get("/recommendations/party/999999999/").status_code == 404
    assert client.get("/recommendations/1234567890/").status_code == 404


def _history(n):
    for i in range(n):
        recommendation = make_recommendation(title=f"Rekommendation {i}")
        for name in ("Ale", "Borås", "Hjo"):
            first = answer(recommendation, name)
            answer(recommendation, name, A.ADOPTED, corrects=first, correction_reason="Beslut")


@override_settings(DEBUG=False)
def test_query_counts_do_not_grow_with_history(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counted(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _history(1)
    first = make_recommendation(title="Första")
    small = (
        counted(reverse("public:recommendation", kwargs={"pk": first.pk})),
        counted(reverse("public:recommendations")),
    )
    _history(6)
    large = (
        counted(reverse("public:recommendation", kwargs={"pk": first.pk})),
        counted(reverse("public:recommendations")),
    )
    assert small == large


def test_the_matters_timeline_tells_what_became_of_its_recommendation():
    from django.utils import translation

    from meetings.models import Matter
    from meetings.selectors.registers import matter_timeline

    recommendation = make_recommendation(title="Hjälpmedel")
    matter = Matter.objects.create(body=recommendation.body, title="Digitala hjälpmedel")
    type(recommendation.position).objects.filter(pk=recommendation.position.pk).update(matter=matter)
    unsent = make_recommendation(title="Ännu inte skickad", sent=False, body=recommendation.body)
    type(unsent.position).objects.filter(pk=unsent.position.pk).update(matter=matter)
    answer(recommendation, "Ale", A.ADOPTED)

    with translation.override("sv"):
        public = [e for e in matter_timeline(matter=matter, public=True) if e.kind == "recommendation"]
        staff = [e for e in matter_timeline(matter=matter, public=False) if e.kind == "recommendation"]
    [event] = public
    assert event.label == "Rekommendation till parterna"
    assert event.text == "Hjälpmedel: 1 av 49 kommuner har antagit"
    assert event.url == reverse("public:recommendation", kwargs={"pk": recommendation.pk})
    assert {e.text for e in staff} == {
        "Hjälpmedel: 1 av 49 kommuner har antagit",
        "Ännu inte skickad (ännu inte skickad)",
    }


def test_the_compilation_says_what_became_of_the_years_recommendations(client):
    from recommendations.yearly import recommendations_of_year

    recommendation = make_recommendation(title="Digitala hjälpmedel", taken_on=datetime.date(2025, 4, 24))
    make_recommendation(title="Ännu inte skickad", sent=False, body=recommendation.body)
    answer(recommendation, "Ale", A.ADOPTED)
    answer(recommendation, "Hjo", A.REJECTED)

    [row] = recommendations_of_year(body=recommendation.body, year=2025)
    assert row.title == "Digitala hjälpmedel" and row.summary.municipalities_adopted == 1
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("sv"):
        html = render_to_string("recommendations/public/_year.html", {"recommendations": [row], "year": 2025})
    assert "Rekommendationer 2025" in html
    assert "1 av 49 kommuner har antagit." in html and "Avslagit: 1" in html
    assert "Ännu inte skickad" not in html


def test_the_demos_recommendation_shows_what_the_seed_says_and_nothing_invented(client, demo):
    from recommendations.models import Recommendation

    recommendation = Recommendation.objects.get(body=demo)
    page = _page(client, recommendation)
    assert "I dagsläget är det 42 kommuner och Västra Götalandsregionen som fattat beslut" in page
    assert "Sekretariatet rapporterade den 19 oktober 2022" in page
    assert "0 av 49 kommuner har antagit" in page and "Inte rapporterat: 50" in page


def test_the_register_is_50_a_page(client):
    first = make_recommendation(title="Den första", taken_on=datetime.date(2001, 1, 10))
    for n in range(50):
        make_recommendation(title=f"Senare {n}", taken_on=datetime.date(2002, 1, 10))
    page = client.get(reverse("public:recommendations")).content.decode()
    assert page.count('<th scope="row">') == 50 and "Den första" not in page
    assert "Sida 1 av 2" in page
    second = client.get(reverse("public:recommendations"), {"page": 2}).content.decode()
    assert first.title in second
