"""Test data for the public side of recommendations: a sent recommendation and answers entered as the log holds
them (the services that record them are reccore's; these tests read what such entries mean to the public)."""

import datetime
import itertools

from django.utils import timezone

from recommendations.models import Answer, Dispatch, Principal, Recommendation
from tests.factories import PositionFactory, blank_pdf

_keys = itertools.count(1)


def make_recommendation(*, body=None, sent=True, title="Digitala hjälpmedel", taken_on=None, matter=None):
    kwargs = {"body": body} if body else {}
    position = PositionFactory(
        **kwargs,
        text="SRO rekommenderar huvudmännen att var för sig besluta om att anta överenskommelsen.",
        notes_information=False,
        matter=matter,
        **({"taken_on": taken_on} if taken_on else {}),
    )
    recommendation = Recommendation.objects.create(
        body=position.body,
        position=position,
        title=title,
        decision_asked="att anta Överenskommelse om samverkan kring digitala hjälpmedel",
        answer_by=datetime.date(2025, 12, 31),
        takes_effect_on=datetime.date(2026, 1, 1),
    )
    if sent:
        Dispatch.objects.create(recommendation=recommendation, sent_at=timezone.now(), key=f"k{next(_keys)}")
    return recommendation


def party(common_name) -> Principal:
    return Principal.objects.get(common_name=common_name)


_clock = itertools.count()


def answer(recommendation, common_name, outcome="", *, decided_on=datetime.date(2025, 11, 3), **fields):
    """One entry of the log, each recorded a second after the previous one."""
    fields.setdefault("via", Answer.Via.SECRETARY)
    fields.setdefault("recorded_at", timezone.now() + datetime.timedelta(seconds=next(_clock)))
    return Answer.objects.create(
        recommendation=recommendation,
        principal=party(common_name),
        outcome=outcome,
        decided_on=decided_on if outcome else None,
        decided_by=Answer.DecidedBy.MUNICIPAL_COUNCIL if outcome else "",
        **fields,
    )


def published_recommendation_urls() -> dict[str, str]:
    """The public addresses of recommendations, for the smoke test of every public page: a sent recommendation with
    a party's protocol extract (made once; the demo records no named party's answer, as its seed names none)."""
    from django.core.files.base import ContentFile
    from django.urls import reverse

    found = Answer.objects.exclude(decision_file="").filter(recommendation__dispatches__isnull=False).first()
    if found is None:
        recommendation = make_recommendation(title="Rekommendation med protokollsutdrag")
        found = Answer(
            recommendation=recommendation, principal=party("Ale"), via=Answer.Via.SECRETARY,
            recorded_at=timezone.now(), outcome=Answer.Outcome.ADOPTED, decided_on=datetime.date(2025, 11, 3),
        )  # fmt: skip
        found.decision_file.save("utdrag.pdf", ContentFile(blank_pdf()), save=True)  # a scanned extract
    pk = found.recommendation_id
    return {
        "recommendations": reverse("public:recommendations"),
        "recommendation": reverse("public:recommendation", kwargs={"pk": pk}),
        "recommendation_party": reverse("public:recommendation_party", kwargs={"pk": found.principal_id}),
        "recommendation_decision": reverse("public:recommendation_decision", kwargs={"pk": pk, "answer_pk": found.pk}),
        "recommendation_csv": reverse("public:recommendation_csv", kwargs={"pk": pk}),
        "recommendation_json": reverse("public:recommendation_json", kwargs={"pk": pk}),
        "recommendations_csv": reverse("public:recommendations_csv"),
        "recommendations_json": reverse("public:recommendations_json"),
        "feed_recommendations": reverse("public:feed_recommendations"),
    }
