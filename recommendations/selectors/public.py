"""What the public reads of recommendations: only those sent to the parties (a marked but unsent recommendation is
the secretariat's draft), with only what is public of the parties' answers (``standing``)."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import ExtractYear
from django.utils import timezone

from meetings.models import Matter, Meeting, Minutes, MinutesVersion, Position
from meetings.selectors.notices import public_items
from recommendations.models import Answer, Dispatch, Principal, Recommendation
from recommendations.selectors.standing import (
    NOT_REPORTED,
    RECEIVED,
    STAFF_ONLY_ANSWER_FIELDS,
    STAFF_ONLY_PRINCIPAL_FIELDS,
    Summary,
    blank_fields,
    newest_entries,
    standing_counts,
    state_label,
)


def public_recommendations(*, body=None):
    """The sent recommendations, newest first, each with the day it was first sent (``sent_at``) and its matter."""
    first_sent = Dispatch.objects.filter(recommendation=OuterRef("pk")).order_by("sent_at").values("sent_at")[:1]
    found = (
        Recommendation.objects.filter(Exists(Dispatch.objects.filter(recommendation=OuterRef("pk"))))
        .annotate(sent_at=Subquery(first_sent))
        .select_related("position", "position__matter", "position__matter__merged_into", "body")
        .order_by("-position__taken_on", "-pk")
    )
    return found if body is None else found.filter(body=body)


def _all_but(path: str, model, keep: tuple[str, ...] = ()) -> list[str]:
    """The columns of the model at ``path`` the page does not read (its relations and ``keep`` are read)."""
    return [f"{path}__{field.name}" for field in model._meta.concrete_fields
            if not field.is_relation and not field.primary_key and field.name not in keep]  # fmt: skip


def _unread_of_position() -> list[str]:
    """What a recommendation's page never reads of its position, the position's notes, meeting and matter: some
    hundred columns (the notes' text and snapshot, the meeting as announced among them). Postgres plans a query
    by its columns as well as its joins: read, they cost more than the rest of the page's queries together."""
    return [
        *_all_but("position", Position, keep=("how", "taken_on", "text", "text_html", "clauses")),
        *_all_but("position__matter", Matter, keep=("title",)),
        *_all_but("position__matter__merged_into", Matter, keep=("title",)),
        *_all_but("position__minutes_version", MinutesVersion),
        *_all_but("position__minutes_version__minutes", Minutes),
        *_all_but("position__minutes_version__minutes__meeting", Meeting, keep=("date",)),
        *_all_but("position__meeting", Meeting, keep=("date",)),
    ]


def public_recommendation(*, pk: int) -> Recommendation | None:
    """One sent recommendation with its position's meeting and notes (what its page reads of them), or None."""
    return (
        public_recommendations()
        .select_related("position__minutes_version__minutes__meeting", "position__meeting")
        .defer(*_unread_of_position())
        .filter(pk=pk)
        .first()
    )


def recommendation_years(*, body) -> list[int]:
    """The years (of the position) that have sent recommendations, newest first."""
    years = public_recommendations(body=body).annotate(year=ExtractYear("position__taken_on")).values_list("year")
    return sorted({year for (year,) in years.order_by()}, reverse=True)


@dataclass(frozen=True)
class Listed:
    recommendation: Recommendation
    summary: Summary
    is_open: bool  # still before its date to answer by

    @property
    def standing_text(self) -> str:
        """The row's sentence, made once here rather than by template nodes on each of 50 rows."""
        if self.summary.region_sentence:
            return f"{self.summary.sentence}; {self.summary.region_sentence}"
        return self.summary.sentence

    @property
    def others_text(self) -> str:
        return " · ".join(f"{label}: {count}" for _state, label, count in self.summary.others if count)


def register_queryset(*, body, year: int | None = None):
    """The sent recommendations of the register (of ``year``, if given), newest first."""
    found = public_recommendations(body=body)
    return found if year is None else found.filter(position__taken_on__year=year)


def register_page_queryset(*, body, year: int | None = None):
    """The register's page: of each position it shows the date, and nothing of its matter or body (fewer joins and
    columns for Postgres to plan, fewer objects to make)."""
    found = register_queryset(body=body, year=year).select_related(None).select_related("position")
    return found.defer(*_all_but("position", Position, keep=("taken_on",)))


def listed(recommendations) -> list[Listed]:
    """The recommendations (a page of them) with their counts: two queries whatever their number."""
    found = list(recommendations)
    counts = standing_counts(found)
    today = timezone.localdate()
    return [Listed(recommendation=r, summary=counts[r.pk], is_open=r.answer_by >= today) for r in found]


def register_rows(*, body, year: int | None = None) -> list[Listed]:
    """The register: each sent recommendation (of ``year``, if given) with its counts. Three queries."""
    return listed(register_queryset(body=body, year=year))


def public_documents(recommendation: Recommendation) -> list:
    """The documents sent with it that the published notice or notes sent as public (two queries)."""
    documents = list(recommendation.documents.filter(is_public=True).order_by("order", "pk"))
    if not documents:
        return []
    public_ids = {
        record["id"]
        for row in public_items().filter(item_id__in={d.item_id for d in documents})
        for record in row.public_attachments
    }
    return [d for d in documents if d.pk in public_ids]


def public_principals():
    """The 50 parties, the region first, then by kommunalförbund (no registrar address)."""
    return (
        Principal.objects.select_related("group")
        .defer(*STAFF_ONLY_PRINCIPAL_FIELDS)
        .order_by("-kind", "group__sort_order", "group__name", "sort_order", "name")
    )


def public_principal(*, pk: int) -> Principal | None:
    found = public_principals().filter(pk=pk).first()
    if found is not None:
        blank_fields(found, STAFF_ONLY_PRINCIPAL_FIELDS)
    return found


@dataclass(frozen=True)
class PartyDecision:
    recommendation: Recommendation
    answer: Answer | None

    @property
    def label(self) -> str:
        if self.answer is None:
            return state_label(NOT_REPORTED)
        return state_label(self.answer.outcome or RECEIVED)


def party_decisions(*, principal: Principal, body) -> list[PartyDecision]:
    """What one party decided on each sent recommendation of ``body``: its newest entry or None. Two queries."""
    recommendations = list(public_recommendations(body=body))
    answers = (
        newest_entries(Answer.objects.filter(principal=principal, recommendation__in=[r.pk for r in recommendations]))
        .select_related("channel")
        .defer(*STAFF_ONLY_ANSWER_FIELDS)
    )
    by_recommendation = {}
    for answer in answers:
        blank_fields(answer, STAFF_ONLY_ANSWER_FIELDS)
        by_recommendation[answer.recommendation_id] = answer
    return [PartyDecision(recommendation=r, answer=by_recommendation.get(r.pk)) for r in recommendations]


def public_answer(*, recommendation_pk: int, answer_pk: int) -> Answer | None:
    """An entry of a sent recommendation's log (for its protocol extract), or None."""
    if not public_recommendations().filter(pk=recommendation_pk).exists():
        return None
    return Answer.objects.filter(pk=answer_pk, recommendation_id=recommendation_pk).exclude(decision_file="").first()


def recorded_decisions(*, body, limit: int = 50) -> list[Answer]:
    """The newest entries with a decision (corrections among them) of the body's sent recommendations, newest
    first: what a feed of decisions tells. One query."""
    sent = Exists(Dispatch.objects.filter(recommendation=OuterRef("recommendation")))
    answers = (
        Answer.objects.filter(sent, recommendation__body=body)
        .exclude(outcome="")
        .select_related("recommendation", "principal", "channel")
        .defer(*STAFF_ONLY_ANSWER_FIELDS, *(f"principal__{name}" for name in STAFF_ONLY_PRINCIPAL_FIELDS))
        .order_by("-recorded_at", "-pk")[:limit]
    )
    found = list(answers)
    for answer in found:
        blank_fields(answer, STAFF_ONLY_ANSWER_FIELDS)
        blank_fields(answer.principal, STAFF_ONLY_PRINCIPAL_FIELDS)
    return found


def public_decision(*, pk: int) -> Answer | None:
    """An entry with a decision on a sent recommendation (what an alert tells), public fields only; or None."""
    sent = Exists(Dispatch.objects.filter(recommendation=OuterRef("recommendation")))
    found = (
        Answer.objects.filter(sent, pk=pk)
        .exclude(outcome="")
        .select_related("recommendation", "principal", "channel")
        .defer(*STAFF_ONLY_ANSWER_FIELDS, *(f"principal__{name}" for name in STAFF_ONLY_PRINCIPAL_FIELDS))
        .first()
    )
    if found is not None:
        blank_fields(found, STAFF_ONLY_ANSWER_FIELDS)
        blank_fields(found.principal, STAFF_ONLY_PRINCIPAL_FIELDS)
    return found


def public_status_notes(recommendation: Recommendation) -> list:
    """What the secretariat reported of where it stands, in its own dated words, newest first (one query)."""
    return list(recommendation.status_notes.only("recommendation_id", "written_on", "text", "source")
                .order_by("-written_on", "-pk"))  # fmt: skip
