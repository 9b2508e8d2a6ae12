"""Recording what a party answered: through its own answer link, a kommunalförbund's link (for one of its members),
or by the secretary from a protocol. Each entry is added to the log, never changed (the database refuses it); an
entry is the party's whole report as of then (received, with their diarienummer; decided, when, by which body, with
what outcome, with the protocol extract), so its standing is its newest entry. An entry that changes a recorded
decision is a correction: it names the entry it corrects and says why."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import hooks
from meetings.errors import ServiceError
from recommendations.models import Answer, Channel, Delivery, Principal, Recommendation
from recommendations.services.dispatch import token_sha256

# What a correction changes: the decision as recorded.
DECISION_FIELDS = ("outcome", "decided_on", "decided_by", "decided_by_name")
REPORT_FIELDS = ("registration_number", "received_on", *DECISION_FIELDS, "decision_url")


class AnswerRefused(ServiceError):
    """An answer that cannot be recorded, with the reason (in Swedish) for whoever gave it."""


def link_delivery(token: str, *, now=None) -> Delivery | None:
    """The delivery whose answer link ``token`` is, while it works (never after it expires); else None."""
    if not token or len(token) > 100:
        return None
    now = now or timezone.now()
    return (Delivery.objects.select_related("dispatch__recommendation__position", "principal", "channel")
            .filter(token_sha256=token_sha256(token), expires_at__gt=now).first())  # fmt: skip


def newest_answer(*, recommendation: Recommendation, principal: Principal) -> Answer | None:
    return Answer.objects.filter(recommendation=recommendation, principal=principal).order_by(
        "-recorded_at", "-pk").first()  # fmt: skip


def _check_link(*, delivery: Delivery, recommendation: Recommendation, principal: Principal, now) -> Channel | None:
    """The link may answer for its own party, or a channel's for the channel's members; for its own recommendation
    only, and only until it expires. Returns the channel answering, if one is."""
    if delivery.expires_at <= now:
        raise AnswerRefused(_("The answer link has expired."))
    if delivery.dispatch.recommendation_id != recommendation.pk:
        raise AnswerRefused(_("This answer link belongs to another recommendation."))
    if delivery.principal_id:
        if delivery.principal_id != principal.pk:
            raise AnswerRefused(_("This answer link can only answer for %(party)s.") % {"party": delivery.principal})
        return None
    if not delivery.channel.answers_for(principal):
        raise AnswerRefused(_("%(channel)s cannot answer for %(party)s.")
                            % {"channel": delivery.channel, "party": principal})  # fmt: skip
    return delivery.channel


def _check_fields(fields: dict, *, recommendation: Recommendation, today: datetime.date) -> None:
    if fields.get("outcome") and not fields.get("decided_on"):
        raise AnswerRefused(_("Give the date of the decision with its outcome."))
    if (fields.get("decided_on") or fields.get("decided_by")) and not fields.get("outcome"):
        raise AnswerRefused(_("Give the outcome of the decision with its date and body."))
    for name in ("received_on", "decided_on"):
        if fields.get(name) and fields[name] > today:
            raise AnswerRefused(_("A date cannot be in the future."))
    if fields.get("decided_on") and fields["decided_on"] < recommendation.position.taken_on:
        raise AnswerRefused(_("The decision cannot be dated before SRO's recommendation."))
    if fields.get("decided_by") == Answer.DecidedBy.COMMITTEE and not fields.get("decided_by_name"):
        raise AnswerRefused(_("Give the name of the committee that decided."))


def answer_record(
    *, recommendation: Recommendation, principal: Principal, via: str, delivery: Delivery | None = None,
    channel: Channel | None = None, user=None, correction_reason: str = "", decision_file=None, **fields,
) -> Answer:  # fmt: skip
    """Add ``principal``'s report on ``recommendation`` to the log. ``fields``: ``REPORT_FIELDS``, ``responder_name``
    and (by the secretary only) ``note``. Refused with a reason: a link for another party or recommendation, or
    expired; a report identical to the newest; a change of a recorded decision without a reason."""
    now = timezone.now()
    unknown = set(fields) - {*REPORT_FIELDS, "responder_name", "note"}
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if via == Answer.Via.SECRETARY:
        if delivery is not None or user is None:
            raise AnswerRefused(_("Only the secretary records an answer from a protocol."))
    else:
        if delivery is None:
            raise AnswerRefused(_("An answer through a link needs the link."))
        fields.pop("note", None)  # a note is the secretariat's own, never a party's
        channel = _check_link(delivery=delivery, recommendation=recommendation, principal=principal, now=now)
        via = Answer.Via.CHANNEL_LINK if channel else Answer.Via.PARTY_LINK
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    fields = {k: v for k, v in fields.items() if v not in (None, "")}
    _check_fields(fields, recommendation=recommendation, today=timezone.localdate(now))
    if not any(fields.get(k) for k in ("registration_number", "received_on", "outcome")):
        raise AnswerRefused(_("Give at least the registration number or the date it was received, or the decision."))
    with transaction.atomic():
        # The party's log is appended to one entry at a time: lock the recommendation's row.
        Recommendation.objects.select_for_update(no_key=True, of=("self",)).filter(pk=recommendation.pk).first()
        previous = newest_answer(recommendation=recommendation, principal=principal)
        corrects = None
        if previous is not None:
            same = all(str(getattr(previous, k) or "") == str(fields.get(k) or "") for k in REPORT_FIELDS)
            if same and not decision_file and not fields.get("note"):
                raise AnswerRefused(_("Nothing has changed since the last report."))
            changed_decision = previous.outcome and any(
                str(getattr(previous, k) or "") != str(fields.get(k) or "") for k in DECISION_FIELDS)  # fmt: skip
            if changed_decision:
                if not correction_reason.strip():
                    raise AnswerRefused(_("A recorded decision is changed only as a correction: give the reason."))
                corrects = previous
        answer = Answer(recommendation=recommendation, principal=principal, via=via, delivery=delivery,
                        channel=channel, recorded_by=user, recorded_at=now, corrects=corrects,
                        correction_reason=correction_reason.strip() if corrects else "", **fields)  # fmt: skip
        if decision_file is not None:
            answer.decision_file.save(decision_file.name, decision_file, save=False)
        elif previous is not None and previous.decision_file:
            answer.decision_file = previous.decision_file.name  # the same extract, still theirs
        answer.save()
        if delivery is not None and delivery.first_used_at is None:
            Delivery.objects.filter(pk=delivery.pk, first_used_at__isnull=True).update(first_used_at=now)
            delivery.first_used_at = now
        answer_id = answer.pk
        transaction.on_commit(lambda: hooks.call("recommendation_answered", answer_id=answer_id))
    return answer
