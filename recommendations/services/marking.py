"""Marking a position as a recommendation: which positions may be, with which documents, and until when it may be
edited (until it is sent: what went to the parties never changes)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from meetings.errors import ServiceError
from meetings.models import Attachment, FrozenItem, MinutesVersion, Position
from recommendations.models import Recommendation


def mark_refusal(position: Position) -> str | None:
    """Why ``position`` cannot be marked as a recommendation, or None if it can: it must be the copy frozen with the
    newest approved version of its notes (what the public reads, never the working copy the secretary edits), or a
    position taken per capsulam; and not marked already."""
    if Recommendation.objects.filter(position=position).exists():
        return _("This position is already marked as a recommendation.")
    if position.minutes_version_id:
        newest = (MinutesVersion.objects.filter(minutes_id=position.minutes_version.minutes_id)
                  .order_by("-version").values_list("pk", flat=True).first())  # fmt: skip
        if newest != position.minutes_version_id:
            return _("A newer approved version of these notes exists: mark the position as that version has it.")
        return None
    if position.how == Position.How.PER_CAPSULAM:
        return None
    if position.item_id:
        return _(
            "Only a position of approved meeting notes can be marked as a recommendation: the chair has not "
            "approved these notes yet."
        )
    return _("Only a position of approved meeting notes, or one taken per capsulam, can be marked as a "
             "recommendation.")  # fmt: skip


def document_choices(position: Position) -> list[Attachment]:
    """The documents that may go with it: the public attachments of its item as frozen with the approved notes (the
    same files, by id and hash); for a position per capsulam, its item's public attachments, if it has an item."""
    if position.minutes_version_id and position.item_id:
        frozen = FrozenItem.objects.filter(minutes_version_id=position.minutes_version_id,
                                           item_id=position.item_id).first()  # fmt: skip
        records = {r["id"]: r.get("sha256", "") for r in (frozen.attachments if frozen else []) if r.get("is_public")}
        found = Attachment.objects.filter(pk__in=records)
        return [a for a in found if not records[a.pk] or a.sha256 == records[a.pk]]
    if position.item_id:
        return list(Attachment.objects.filter(item_id=position.item_id, is_public=True))
    return []


def _check(*, position: Position, answer_by: datetime.date, takes_effect_on, documents) -> None:
    if answer_by < position.taken_on:
        raise ServiceError(_("The date to answer by cannot be before the position was taken."))
    if takes_effect_on and takes_effect_on < position.taken_on:
        raise ServiceError(_("The date it takes effect cannot be before the position was taken."))
    allowed = {a.pk for a in document_choices(position)}
    if any(d.pk not in allowed for d in documents):
        raise ServiceError(_("Only the item's public attachments as approved can go with the recommendation."))


def recommendation_mark(
    *, position: Position, by, title: str, decision_asked: str, answer_by: datetime.date,
    takes_effect_on: datetime.date | None = None, documents=(),
) -> Recommendation:  # fmt: skip
    """Mark ``position`` as a recommendation to the parties, with the decision asked of each, its documents and the
    date to answer by."""
    with transaction.atomic():
        position = Position.objects.select_for_update(no_key=True, of=("self",)).get(pk=position.pk)
        if reason := mark_refusal(position):
            raise ServiceError(reason)
        _check(position=position, answer_by=answer_by, takes_effect_on=takes_effect_on, documents=documents)
        recommendation = Recommendation.objects.create(
            body_id=position.body_id, position=position, title=title.strip(), decision_asked=decision_asked.strip(),
            answer_by=answer_by, takes_effect_on=takes_effect_on, created_by=by,
        )  # fmt: skip
        recommendation.documents.set(documents)
    return recommendation


def recommendation_update(
    *, recommendation: Recommendation, by, title: str, decision_asked: str, answer_by: datetime.date,
    takes_effect_on: datetime.date | None = None, documents=(),
) -> Recommendation:  # fmt: skip
    """Change what was marked, until it is sent. Once sent it is refused: the parties decide on what they received,
    and the public page shows the same (a mistake after sending is put right by a status report, never in place)."""
    with transaction.atomic():
        recommendation = Recommendation.objects.select_for_update(no_key=True, of=("self",)).select_related(
            "position").get(pk=recommendation.pk)  # fmt: skip
        if recommendation.dispatches.exists():
            raise ServiceError(_("The recommendation has been sent to the parties and can no longer be changed."))
        _check(position=recommendation.position, answer_by=answer_by, takes_effect_on=takes_effect_on,
               documents=documents)  # fmt: skip
        recommendation.title = title.strip()
        recommendation.decision_asked = decision_asked.strip()
        recommendation.answer_by = answer_by
        recommendation.takes_effect_on = takes_effect_on
        recommendation.save()
        recommendation.documents.set(documents)
    return recommendation
