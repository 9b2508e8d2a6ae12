"""The demo holds the recommendation seed 004 reports on, with what the seed says and nothing invented; the generated
history has recommendations with answers for the benchmarks."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from recommendations.models import Answer, Delivery, Recommendation, StatusNote

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_demo_has_the_recommendation_of_19_october_2022_and_no_invented_answer(client, demo, secretary):
    recommendation = Recommendation.objects.get()
    assert recommendation.position.taken_on == datetime.date(2022, 10, 19)
    assert recommendation.position.minutes_version is not None  # the copy approved with the notes
    assert "rekommenderar huvudmännen att besluta i enlighet med förslaget" in recommendation.position.text
    assert not Answer.objects.exists() and not Delivery.objects.exists()  # the seed names no party's answer
    note = StatusNote.objects.get()
    assert note.written_on == datetime.date(2022, 10, 19)
    assert note.text.startswith("I dagsläget är det 42 kommuner och Västra Götalandsregionen som fattat beslut")

    public = _text(client.get(f"/recommendations/{recommendation.pk}/"))
    assert public.count("Inte rapporterat") >= 50  # all 50 parties, none invented

    client.force_login(secretary)
    staff = _text(client.get(reverse("staff:recommendation", args=[recommendation.pk])))
    assert "I dagsläget är det 42 kommuner och Västra Götalandsregionen" in staff
    assert "0 av 50 har beslutat" in staff
    call_command("load_demo", verbosity=0, no_seal=True)  # loaded again: nothing doubled
    assert Recommendation.objects.count() == 1 and StatusNote.objects.count() == 1


def test_generate_history_adds_recommendations_with_answers(demo):
    call_command("generate_history", years=2, first_year=2010, verbosity=0)
    generated = Recommendation.objects.filter(position__taken_on__year__in=[2010, 2011])
    assert generated.count() == 4
    assert Delivery.objects.filter(dispatch__recommendation__in=generated).count() == 200
    answered = Answer.objects.filter(recommendation__in=generated)
    assert 150 < answered.count() < 200 and answered.exclude(outcome="").count() > 120
