"""Where a recommendation stands: each party's newest answer, and the counts SRO says them in.

A party's standing is its NEWEST entry in the answers' log for that recommendation (by ``recorded_at``, then
``pk``): a correction is an entry of its own, so the newest entry is what holds now. A party without an entry is
"inte rapporterat"; an entry without an outcome is "mottaget" (their diarienummer).

Every function here costs a fixed number of queries, whatever the history: the newest entry is picked in the
database (no later entry exists for the same party), never by a loop over the log.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from recommendations.models import Answer, Channel, Principal, Recommendation

# A standing is an outcome of ``Answer.Outcome`` or one of these two.
RECEIVED = "received"
NOT_REPORTED = "not_reported"
ADOPTED_STATES = (Answer.Outcome.ADOPTED, Answer.Outcome.ADOPTED_WITH_CHANGES)
# The order the counts are told in, on every page and in open data.
STATES = (
    Answer.Outcome.ADOPTED.value,
    Answer.Outcome.ADOPTED_WITH_CHANGES.value,
    Answer.Outcome.REJECTED.value,
    Answer.Outcome.ABSTAINED.value,
    RECEIVED,
    NOT_REPORTED,
)

# What the public never sees of an answer or a party: who typed it, the secretary's note, the registrar's address.
STAFF_ONLY_ANSWER_FIELDS = ("note", "responder_name", "recorded_by", "delivery")
STAFF_ONLY_PRINCIPAL_FIELDS = ("registrar_email",)


def _state_labels() -> dict[str, str]:
    return {
        Answer.Outcome.ADOPTED.value: pgettext("recommendation standing", "Adopted"),
        Answer.Outcome.ADOPTED_WITH_CHANGES.value: pgettext("recommendation standing", "Adopted with changes"),
        Answer.Outcome.REJECTED.value: pgettext("recommendation standing", "Rejected"),
        Answer.Outcome.ABSTAINED.value: pgettext("recommendation standing", "Abstains"),
        RECEIVED: pgettext("recommendation standing", "Received"),
        NOT_REPORTED: pgettext("recommendation standing", "Not reported"),
    }


_labels_by_language: dict[str | None, dict[str, str]] = {}


def state_label(state: str) -> str:
    """The wording of a standing on every page: "Antagit", "Antagit med ändringar", "Avslagit", "Avstår",
    "Mottaget", "Inte rapporterat" (its own words, in its own context: a model's label may say it otherwise).
    Translated once per language and process (a page of 50 parties asks a hundred times; six lookups each)."""
    language = get_language()
    labels = _labels_by_language.get(language)
    if labels is None:
        labels = _labels_by_language[language] = _state_labels()
    return labels.get(state, state)


@dataclass(frozen=True)
class Standing:
    """One party's standing on one recommendation."""

    principal: Principal
    group: Channel | None
    answer: Answer | None

    @property
    def state(self) -> str:
        if self.answer is None:
            return NOT_REPORTED
        return self.answer.outcome or RECEIVED

    @property
    def label(self) -> str:
        return state_label(self.state)

    @property
    def is_correction(self) -> bool:
        return self.answer is not None and self.answer.corrects_id is not None


@dataclass(frozen=True)
class Summary:
    """The counts of one recommendation's standings, and the sentence SRO says them in."""

    counts: dict[str, int]  # per state (STATES), all parties
    municipalities: int
    municipalities_adopted: int
    region_state: str  # NOT_REPORTED where the portal knows no region (it always ships one)
    region_name: str = ""
    others: list[tuple[str, str, int]] = field(default_factory=list)  # (state, label, count) beyond "antagit"

    @property
    def adopted(self) -> int:
        return self.counts[Answer.Outcome.ADOPTED] + self.counts[Answer.Outcome.ADOPTED_WITH_CHANGES]

    @property
    def with_changes(self) -> int:
        return self.counts[Answer.Outcome.ADOPTED_WITH_CHANGES]

    @property
    def region_adopted(self) -> bool:
        return self.region_state in ADOPTED_STATES

    @property
    def sentence(self) -> str:
        """ "42 av 49 kommuner och Västra Götalandsregionen har antagit, varav 3 med ändringar." """
        if self.region_adopted:
            text = _("%(adopted)d of %(total)d municipalities and %(region)s have adopted") % {
                "adopted": self.municipalities_adopted,
                "total": self.municipalities,
                "region": self.region_name,
            }
        else:
            text = _("%(adopted)d of %(total)d municipalities have adopted") % {
                "adopted": self.municipalities_adopted,
                "total": self.municipalities,
            }
        if self.with_changes:
            text += ", " + ngettext(
                "%(count)d of them with changes", "%(count)d of them with changes", self.with_changes
            ) % {"count": self.with_changes}
        return text

    @property
    def region_sentence(self) -> str:
        """What the region did, where it has not adopted (the sentence names it when it has)."""
        if self.region_adopted or not self.region_name:
            return ""
        return _("%(region)s: %(standing)s") % {"region": self.region_name, "standing": state_label(self.region_state)}


def newest_entries(answers):
    """Only the entries no later entry of the same party for the same recommendation follows."""
    later = Answer.objects.filter(recommendation=OuterRef("recommendation"), principal=OuterRef("principal")).filter(
        Q(recorded_at__gt=OuterRef("recorded_at")) | Q(recorded_at=OuterRef("recorded_at"), pk__gt=OuterRef("pk"))
    )
    return answers.filter(~Exists(later))


def _principals(*, staff: bool):
    principals = Principal.objects.select_related("group").order_by(
        "-kind", "group__sort_order", "group__name", "sort_order", "name"
    )  # the region first ("region" > "municipality"), then the municipalities by kommunalförbund
    return principals if staff else principals.defer(*STAFF_ONLY_PRINCIPAL_FIELDS)


def standings(recommendation: Recommendation, *, staff: bool = False) -> list[Standing]:
    """One standing per party (the region first, then the municipalities by kommunalförbund and name), each with its
    newest answer or None. Two queries. Without ``staff`` the staff-only fields are neither read nor readable: they
    are blanked on the objects handed out, so a template cannot fetch them lazily."""
    answers = newest_entries(Answer.objects.filter(recommendation=recommendation)).select_related("channel")
    # The public reads of a correction that it is one (``corrects_id``), not the entry it corrects.
    answers = answers.select_related("corrects") if staff else answers.defer(*STAFF_ONLY_ANSWER_FIELDS)
    by_principal = {}
    for answer in answers:
        if not staff:
            blank_fields(answer, STAFF_ONLY_ANSWER_FIELDS)
        by_principal[answer.principal_id] = answer
    result = []
    for principal in _principals(staff=staff):
        if not staff:
            blank_fields(principal, STAFF_ONLY_PRINCIPAL_FIELDS)
        result.append(Standing(principal=principal, group=principal.group, answer=by_principal.get(principal.pk)))
    return result


def blank_fields(obj, fields) -> None:
    for name in fields:
        model_field = obj._meta.get_field(name)
        if model_field.is_relation:
            setattr(obj, model_field.attname, None)
        else:
            setattr(obj, name, "")


def standing_counts(recommendations) -> dict[int, Summary]:
    """The summary of each recommendation, by pk, in two queries whatever their number and their history (none
    for none)."""
    recommendation_ids = [r.pk if isinstance(r, Recommendation) else r for r in recommendations]
    if not recommendation_ids:
        return {}
    parties = list(Principal.objects.order_by("sort_order", "pk").values_list("kind", "common_name"))
    kinds = Counter(kind for kind, _name in parties)
    region_name = next((name for kind, name in parties if kind == Principal.Kind.REGION), "")
    rows = (
        newest_entries(Answer.objects.filter(recommendation__in=recommendation_ids))
        .values("recommendation_id", "outcome", "principal__kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tallies = {pk: {"counts": Counter(), "municipalities_adopted": 0, "region_state": NOT_REPORTED}
               for pk in recommendation_ids}  # fmt: skip
    for row in rows:
        tally = tallies[row["recommendation_id"]]
        state = row["outcome"] or RECEIVED
        tally["counts"][state] += row["n"]
        if row["principal__kind"] == Principal.Kind.REGION:
            tally["region_state"] = state
        elif state in ADOPTED_STATES:
            tally["municipalities_adopted"] += row["n"]
    total = sum(kinds.values())
    result = {}
    for pk, tally in tallies.items():
        counts = tally["counts"]
        counts[NOT_REPORTED] = total - sum(counts.values())
        counts = {state: counts.get(state, 0) for state in STATES}
        result[pk] = Summary(
            counts=counts,
            municipalities=kinds[Principal.Kind.MUNICIPALITY],
            municipalities_adopted=tally["municipalities_adopted"],
            region_state=tally["region_state"],
            region_name=region_name,
            others=[(state, state_label(state), counts[state]) for state in STATES[2:]],
        )
    return result


def summary(recommendation: Recommendation) -> Summary:
    """The counts of one recommendation (see ``standing_counts``)."""
    return standing_counts([recommendation])[recommendation.pk]


def summarise(standings_of_one: list[Standing]) -> Summary:
    """The summary of standings already read (``standings``): the same counts, without a query."""
    counts = Counter(s.state for s in standings_of_one)
    region = next((s for s in standings_of_one if s.principal.kind == Principal.Kind.REGION), None)
    municipalities = [s for s in standings_of_one if s.principal.kind == Principal.Kind.MUNICIPALITY]
    counts = {state: counts.get(state, 0) for state in STATES}
    return Summary(
        counts=counts,
        municipalities=len(municipalities),
        municipalities_adopted=sum(1 for s in municipalities if s.state in ADOPTED_STATES),
        region_state=region.state if region else NOT_REPORTED,
        region_name=region.principal.common_name if region else "",
        others=[(state, state_label(state), counts[state]) for state in STATES[2:]],
    )
