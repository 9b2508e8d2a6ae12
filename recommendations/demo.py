"""The recommendations of the demo and of the generated history.

``load_demo``: the recommendation of 19 October 2022 (seed 004, item 6: "SRO ställer sig bakom justerade uppdrag och
namn inom samarbetsorganisationen för hjälpmedel och rekommenderar huvudmännen att besluta i enlighet med förslaget"),
with what the seed says and nothing more. The seed names no party's answer, so none is recorded: every party shows
"inte rapporterat". What the secretariat reported in the same item is kept as it is worded, dated, as a status report
("I dagsläget är det 42 kommuner och Västra Götalandsregionen som fattat beslut om att finnas med i samarbetet kring
digitala hjälpmedel"): which 42 the seed does not say, so the demo does not either.

``generate_history``: recommendations with answers for the benchmarks (not real SRO data)."""

import datetime
import hashlib
import random
import secrets

from django.db import transaction
from django.utils import timezone

from meetings.models import MinutesVersion, Position
from recommendations.models import Answer, Delivery, Dispatch, Principal, Recommendation, StatusNote
from recommendations.services.marking import document_choices

SEED_DATE = datetime.date(2022, 10, 19)
SEED_POSITION_START = "SRO ställer sig bakom justerade uppdrag och namn inom samarbetsorganisationen för hjälpmedel"
SEED_STATUS = ("I dagsläget är det 42 kommuner och Västra Götalandsregionen som fattat beslut om att finnas med i "
               "samarbetet kring digitala hjälpmedel.")  # fmt: skip
SEED_SOURCE = "Minnesanteckningar SRO 19 oktober 2022, punkt 6"


@transaction.atomic
def load_demo(*, body) -> Recommendation | None:
    """Mark the position of 19 October 2022 as the recommendation it is, recorded as sent when its notes were
    published (the portal mailed nobody: no deliveries), with the secretariat's status report. Run again: nothing."""
    position = (Position.objects.filter(body=body, taken_on=SEED_DATE, minutes_version__isnull=False,
                                        text__startswith=SEED_POSITION_START)
                .select_related("minutes_version").order_by("-minutes_version__version").first())  # fmt: skip
    if position is None or Recommendation.objects.filter(position=position).exists():
        return None
    version: MinutesVersion = position.minutes_version
    recommendation = Recommendation.objects.create(
        body=body, position=position, title="Justerade uppdrag och namn inom samarbetsorganisationen för hjälpmedel",
        decision_asked="att besluta i enlighet med förslaget",
        # The seed names no date to answer by, and the field asks for one: the day of the position itself, so that
        # no later date is invented.
        answer_by=SEED_DATE,
    )  # fmt: skip
    recommendation.documents.set(document_choices(position))
    Dispatch.objects.create(recommendation=recommendation, sent_at=version.published_at or version.approved_at,
                            key="demo-sro-2022-10-19")  # fmt: skip
    StatusNote.objects.create(recommendation=recommendation, written_on=SEED_DATE, text=SEED_STATUS,
                              source=SEED_SOURCE)  # fmt: skip
    return recommendation


# Of the generated parties' answers: most decided, some only received, a few not reported.
OUTCOMES = [(Answer.Outcome.ADOPTED, 70), (Answer.Outcome.ADOPTED_WITH_CHANGES, 10), (Answer.Outcome.REJECTED, 3),
            (Answer.Outcome.ABSTAINED, 2), ("", 10), (None, 5)]  # fmt: skip


def generate_history(*, body, first_year: int, years: int, per_year: int = 2, seed: int = 1) -> dict:
    """``per_year`` recommendations a year among the generated history's approved positions, each sent to all 50
    parties (every delivery accepted), most of them answered; a few decisions corrected. Written in bulk."""
    rng = random.Random(seed)
    principals = list(Principal.objects.all())
    recommendations = []
    for year in range(first_year, first_year + years):
        positions = list(Position.objects.filter(body=body, minutes_version__isnull=False, taken_on__year=year,
                                                 recommendation__isnull=True)
                         .select_related("minutes_version").order_by("taken_on", "pk")[:40])  # fmt: skip
        for position in rng.sample(positions, min(per_year, len(positions))):
            recommendations.append(Recommendation(
                body=body, position=position, title=f"Rekommendation {position.taken_on:%Y-%m-%d}",
                decision_asked="att anta överenskommelsen", answer_by=position.taken_on + datetime.timedelta(days=120),
            ))  # fmt: skip
    Recommendation.objects.bulk_create(recommendations)
    dispatches = Dispatch.objects.bulk_create(
        Dispatch(recommendation=r, sent_at=r.position.minutes_version.approved_at, key=secrets.token_hex(16))
        for r in recommendations
    )
    expires = timezone.now() + datetime.timedelta(days=30)
    Delivery.objects.bulk_create(
        (Delivery(dispatch=d, principal=p, email=f"diarium-{p.pk}@example.invalid", status=Delivery.Status.SENT,
                  token_sha256=hashlib.sha256(secrets.token_bytes(32)).hexdigest(), expires_at=expires)
         for d in dispatches for p in principals), batch_size=1000,
    )  # fmt: skip
    answers = []
    recorded = timezone.now()
    for recommendation in recommendations:
        taken = recommendation.position.taken_on
        for principal in principals:
            outcome = rng.choices([o for o, _w in OUTCOMES], weights=[w for _o, w in OUTCOMES])[0]
            if outcome is None:
                continue
            received = taken + datetime.timedelta(days=rng.randint(3, 20))
            decided = taken + datetime.timedelta(days=rng.randint(30, 150)) if outcome else None
            answers.append(Answer(
                recommendation=recommendation, principal=principal, via=Answer.Via.SECRETARY, recorded_at=recorded,
                registration_number=f"KS {taken.year}/{rng.randint(1, 999)}", received_on=received, outcome=outcome,
                decided_on=decided, decided_by=(Answer.DecidedBy.REGIONAL_COUNCIL if principal.kind == "region" else
                                                Answer.DecidedBy.MUNICIPAL_COUNCIL) if outcome else "",
            ))  # fmt: skip
    Answer.objects.bulk_create(answers, batch_size=1000)
    return {"recommendations": len(recommendations), "answers": len(answers)}
