"""What the secretariat reads of the recommendations: its bodies' recommendations and where each stands, each party's
newest answer and delivery, the positions that recommend the parties and are not marked yet."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from meetings.models import MinutesVersion, Position
from meetings.permissions import secretary_bodies
from recommendations.models import Answer, Delivery, Principal, Recommendation


def recommendations_for_secretary(user):
    return Recommendation.objects.filter(body__in=secretary_bodies(user)).select_related("position", "body")


def newest_answers(recommendations) -> dict[tuple[int, int], Answer]:
    """(recommendation id, party id) → the party's newest entry: one query, whatever the history."""
    newest = {}
    for answer in Answer.objects.filter(recommendation__in=recommendations).order_by("recorded_at", "pk"):
        newest[(answer.recommendation_id, answer.principal_id)] = answer
    return newest


@dataclass
class StaffRow:
    recommendation: Recommendation
    sent_at: datetime.datetime | None
    decided: int = 0
    received: int = 0
    parties: int = 0
    overdue: bool = False
    no_address: int = 0
    not_decided: list = field(default_factory=list)


def staff_overview(user, *, today: datetime.date | None = None) -> list[StaffRow]:
    """Every recommendation of her bodies, newest first, with how many parties have decided or only received it,
    which have not decided, and whether the date to answer by has passed with parties still undecided."""
    today = today or timezone.localdate()
    recommendations = list(recommendations_for_secretary(user).order_by("-answer_by", "-pk"))
    newest = newest_answers(recommendations)
    principals = list(Principal.objects.all())
    sent = {}
    for dispatch_rec, sent_at in Delivery.objects.filter(dispatch__recommendation__in=recommendations).values_list(
            "dispatch__recommendation", "dispatch__sent_at"):  # fmt: skip
        sent[dispatch_rec] = min(sent_at, sent.get(dispatch_rec, sent_at))
    no_address = {}
    for rec_id, principal_id in (Delivery.objects.filter(dispatch__recommendation__in=recommendations,
                                                         status=Delivery.Status.NO_ADDRESS)
                                 .values_list("dispatch__recommendation", "principal")):  # fmt: skip
        no_address.setdefault(rec_id, set()).add(principal_id)
    rows = []
    for recommendation in recommendations:
        row = StaffRow(recommendation=recommendation, sent_at=sent.get(recommendation.pk), parties=len(principals))
        for principal in principals:
            answer = newest.get((recommendation.pk, principal.pk))
            if answer and answer.outcome:
                row.decided += 1
            else:
                row.not_decided.append(principal)
                if answer:
                    row.received += 1
        row.overdue = bool(row.sent_at and recommendation.answer_by < today and row.not_decided)
        row.no_address = len(
            no_address.get(recommendation.pk, set()) - {a for (r, a) in newest if r == recommendation.pk}
        )
        rows.append(row)
    return rows


@dataclass
class PartyRow:
    principal: Principal
    answer: Answer | None
    delivery: Delivery | None


def party_rows(recommendation: Recommendation) -> list[PartyRow]:
    """Each party in order with its newest answer and its newest delivery."""
    newest = newest_answers([recommendation])
    deliveries = {}
    for delivery in Delivery.objects.filter(dispatch__recommendation=recommendation, principal__isnull=False).order_by(
            "dispatch__sent_at", "pk"):  # fmt: skip
        deliveries[delivery.principal_id] = delivery
    return [PartyRow(principal=p, answer=newest.get((recommendation.pk, p.pk)), delivery=deliveries.get(p.pk))
            for p in Principal.objects.select_related("group")]  # fmt: skip


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
