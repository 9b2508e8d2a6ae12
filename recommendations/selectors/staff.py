"""What the secretariat reads of the recommendations: its bodies' recommendations and where each stands, each party's
newest answer and delivery, the positions that recommend the parties and are not marked yet."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Min, Q
from django.utils import timezone

from meetings.models import MinutesVersion, Position
from meetings.permissions import secretary_bodies
from recommendations.models import Answer, Delivery, Dispatch, Principal, Recommendation
from recommendations.selectors.standing import (
    NOT_REPORTED,
    RECEIVED,
    Summary,
    newest_entries,
    standing_counts,
    standings,
)


def recommendations_for_secretary(user):
    return Recommendation.objects.filter(body__in=secretary_bodies(user)).select_related("position", "body")


@dataclass
class StaffRow:
    recommendation: Recommendation
    sent_at: datetime.datetime | None
    summary: Summary
    overdue: bool = False
    no_address: int = 0
    not_decided: list = field(default_factory=list)

    @property
    def parties(self) -> int:
        return sum(self.summary.counts.values())

    @property
    def received(self) -> int:
        return self.summary.counts[RECEIVED]

    @property
    def decided(self) -> int:
        return self.parties - self.received - self.summary.counts[NOT_REPORTED]


def staff_overview(user, *, today: datetime.date | None = None) -> list[StaffRow]:
    """Every recommendation of her bodies, the latest date to answer by first, with its counts (``standing``), which
    parties have not decided, how many it could not reach for want of an address, and whether the date to answer by
    has passed with parties still undecided. A fixed number of queries."""
    today = today or timezone.localdate()
    recommendations = list(recommendations_for_secretary(user).order_by("-answer_by", "-pk"))
    summaries = standing_counts(recommendations)
    sent = dict(Dispatch.objects.filter(recommendation__in=recommendations).values("recommendation")
                .annotate(first=Min("sent_at")).values_list("recommendation", "first"))  # fmt: skip
    decided = set(newest_entries(Answer.objects.filter(recommendation__in=recommendations)).exclude(outcome="")
                  .values_list("recommendation_id", "principal_id"))  # fmt: skip
    deliveries = Delivery.objects.filter(dispatch__recommendation__in=recommendations, principal__isnull=False)
    missing = set(deliveries.filter(status=Delivery.Status.NO_ADDRESS).values_list("dispatch__recommendation",
                                                                                  "principal"))  # fmt: skip
    reached = set(deliveries.exclude(status=Delivery.Status.NO_ADDRESS).filter(
        principal__in={p for _r, p in missing}).values_list("dispatch__recommendation", "principal"))  # fmt: skip
    principals = list(Principal.objects.order_by("sort_order", "name"))
    rows = []
    for recommendation in recommendations:
        row = StaffRow(recommendation=recommendation, sent_at=sent.get(recommendation.pk),
                       summary=summaries[recommendation.pk])  # fmt: skip
        row.not_decided = [p for p in principals if (recommendation.pk, p.pk) not in decided]
        row.overdue = bool(row.sent_at and recommendation.answer_by < today and row.not_decided)
        row.no_address = sum(1 for r, _p in missing - reached if r == recommendation.pk)
        rows.append(row)
    return rows


@dataclass
class PartyRow:
    principal: Principal
    answer: Answer | None
    delivery: Delivery | None
    label: str


def party_rows(recommendation: Recommendation) -> list[PartyRow]:
    """Each party (the region first, then the municipalities by kommunalförbund) with its newest answer, staff-only
    fields included, and its newest delivery."""
    deliveries = {}
    for delivery in Delivery.objects.filter(dispatch__recommendation=recommendation, principal__isnull=False).order_by(
            "dispatch__sent_at", "pk"):  # fmt: skip
        deliveries[delivery.principal_id] = delivery
    return [PartyRow(principal=s.principal, answer=s.answer, delivery=deliveries.get(s.principal.pk), label=s.label)
            for s in standings(recommendation, staff=True)]  # fmt: skip


def answer_log(recommendation: Recommendation):
    found = Answer.objects.filter(recommendation=recommendation)
    return found.select_related("principal", "channel", "recorded_by", "corrects").order_by("-recorded_at", "-pk")


def channel_deliveries(recommendation: Recommendation):
    return Delivery.objects.filter(dispatch__recommendation=recommendation, channel__isnull=False).select_related(
        "channel").order_by("channel__sort_order")  # fmt: skip


RECOMMENDS = Q(text__icontains="rekommender")


def positions_to_mark(user, *, limit: int = 20) -> list[Position]:
    """The positions of her bodies that recommend the parties to decide ("… rekommenderar huvudmännen …") and are
    not marked yet: the copies frozen with the newest approved version of their notes, and those per capsulam."""
    newest_versions = []
    seen = set()
    for pk, minutes_id in (MinutesVersion.objects.filter(minutes__meeting__body__in=secretary_bodies(user))
                           .order_by("minutes", "-version").values_list("pk", "minutes")):  # fmt: skip
        if minutes_id not in seen:
            seen.add(minutes_id)
            newest_versions.append(pk)
    found = Position.objects.filter(RECOMMENDS, body__in=secretary_bodies(user), recommendation__isnull=True).filter(
        Q(minutes_version__in=newest_versions) | Q(how=Position.How.PER_CAPSULAM, minutes_version__isnull=True)
    )
    return list(found.select_related("matter", "item").order_by("-taken_on", "order", "pk")[:limit])
