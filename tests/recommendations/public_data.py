"""Test data for the public side of recommendations: a sent recommendation and answers entered as the log holds
them (the services that record them are reccore's; these tests read what such entries mean to the public)."""

import datetime
import itertools

from django.utils import timezone

from recommendations.models import Answer, Dispatch, Principal, Recommendation
from tests.factories import PositionFactory

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
