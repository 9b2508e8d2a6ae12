"""Each party's standing is its newest entry; the counts say it as SRO does, at a fixed number of queries."""

from django.utils import translation

from recommendations.models import Answer
from recommendations.selectors.standing import NOT_REPORTED, RECEIVED, standing_counts, standings, summary
from tests.recommendations.public_data import answer, make_recommendation

A = Answer.Outcome


def test_standing_is_the_newest_entry_and_the_rest_not_reported(db):
    recommendation = make_recommendation()
    answer(recommendation, "Ale", registration_number="KS 2025/12")
    first = answer(recommendation, "Borås", A.REJECTED)
    answer(recommendation, "Borås", A.ADOPTED, corrects=first, correction_reason="Fel i protokollsutdraget")
    answer(recommendation, "Västra Götalandsregionen", A.ADOPTED)

    by_name = {s.principal.common_name: s for s in standings(recommendation)}

    assert len(by_name) == 50
    assert by_name["Ale"].state == RECEIVED
    assert by_name["Borås"].state == A.ADOPTED and by_name["Borås"].is_correction
    assert by_name["Mölndal"].state == NOT_REPORTED and by_name["Mölndal"].answer is None
    assert next(iter(by_name)) == "Västra Götalandsregionen"


def test_public_standings_hold_no_staff_field(db, django_assert_num_queries):
    recommendation = make_recommendation()
    answer(recommendation, "Ale", A.ADOPTED, note="Ringde registratorn", responder_name="Kim Kanslist")
    party = standings(recommendation)[1].principal
    type(party).objects.filter(pk=party.pk).update(registrar_email="diarium@ale.se")

    with django_assert_num_queries(2):
        public = {s.principal.common_name: s for s in standings(recommendation)}
        # Reading them costs nothing more: blanked, not deferred.
        assert public["Ale"].answer.note == "" and public["Ale"].answer.responder_name == ""
        assert public["Ale"].principal.registrar_email == ""
    staff = {s.principal.common_name: s for s in standings(recommendation, staff=True)}
    assert staff["Ale"].answer.note == "Ringde registratorn"
    assert staff["Ale"].principal.registrar_email == "diarium@ale.se"


def test_summary_says_it_as_sro_does(db):
    recommendation = make_recommendation()
    for name in ("Ale", "Alingsås", "Borås"):
        answer(recommendation, name, A.ADOPTED)
    answer(recommendation, "Skövde", A.ADOPTED_WITH_CHANGES)
    answer(recommendation, "Tjörn", A.REJECTED)
    answer(recommendation, "Hjo")
    answer(recommendation, "Västra Götalandsregionen", A.ADOPTED)

    with translation.override("sv"):
        result = summary(recommendation)
        assert result.sentence == "4 av 49 kommuner och Västra Götalandsregionen har antagit, varav 1 med ändringar"
        assert result.counts == {
            "adopted": 4, "adopted_with_changes": 1, "rejected": 1, "abstained": 0, "received": 1, "not_reported": 43,
        }  # fmt: skip


def test_summary_without_the_region(db):
    recommendation = make_recommendation()
    answer(recommendation, "Ale", A.ADOPTED)
    answer(recommendation, "Västra Götalandsregionen", A.REJECTED)

    with translation.override("sv"):
        result = summary(recommendation)
        assert result.sentence == "1 av 49 kommuner har antagit"
        assert result.region_sentence == "Västra Götalandsregionen: Avslagit"


def test_counts_of_many_cost_the_same_whatever_the_history(db, django_assert_num_queries):
    few = [make_recommendation(title=f"R{n}") for n in range(2)]
    answer(few[0], "Ale", A.ADOPTED)
    with django_assert_num_queries(2):
        standing_counts(few)
    many = few + [make_recommendation(title=f"S{n}") for n in range(8)]
    for recommendation in many:
        for name in ("Ale", "Borås", "Hjo", "Tjörn"):
            first = answer(recommendation, name)
            answer(recommendation, name, A.ADOPTED, corrects=first, correction_reason="Beslut fattat")
    with django_assert_num_queries(2):
        counts = standing_counts(many)
    assert all(c.counts["adopted"] == 4 and c.counts["received"] == 0 for c in counts.values())


def test_the_summary_of_standings_read_is_the_summary_of_the_database(db, django_assert_num_queries):
    from recommendations.selectors.standing import summarise

    recommendation = make_recommendation()
    answer(recommendation, "Ale", A.ADOPTED)
    answer(recommendation, "Hjo", A.ADOPTED_WITH_CHANGES)
    answer(recommendation, "Tjörn")
    answer(recommendation, "Västra Götalandsregionen", A.REJECTED)
    read = standings(recommendation)
    with django_assert_num_queries(0):
        summarised = summarise(read)
    assert summarised == summary(recommendation)
