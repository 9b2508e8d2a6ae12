"""Sending a recommendation to the parties' registrars (and the kommunalförbund, for their members) in one step.

One ``Dispatch`` with a ``Delivery`` per recipient, each with its own answer link, and each mail a task of its own
(``recommendations.tasks.send_recommendation_mail``), queued once the transaction has committed: the request only
writes rows, so sending to all 50 parties stays well under a second (bench/recommendation_dispatch.py).

An answer link's token is never stored: it is an HMAC of the sending's key and the recipient under the site's secret
key, and only its SHA-256 is kept. The mail task derives it again, so no task's arguments hold it either, and a
reminder carries the same link."""

import base64
import datetime
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from meetings.errors import ServiceError
from meetings.models import MinutesVersion, Position
from recommendations.models import Channel, Delivery, Dispatch, Principal, Recommendation


def answer_token(*, key: str, principal_id: int | None = None, channel_id: int | None = None) -> str:
    """The answer link's secret for one recipient of the sending ``key``."""
    digest = salted_hmac("recommendations.answer-link", f"{key}:{principal_id or ''}:{channel_id or ''}",
                         algorithm="sha256").digest()  # fmt: skip
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_expires_at(recommendation: Recommendation) -> datetime.datetime:
    """The end of the day ``RECOMMENDATION_LINK_DAYS`` after the date to answer by."""
    last_day = recommendation.answer_by + datetime.timedelta(days=settings.RECOMMENDATION_LINK_DAYS)
    return timezone.make_aware(datetime.datetime.combine(last_day, datetime.time.max))


def dispatch_refusal(recommendation: Recommendation) -> str | None:
    """Why it cannot be sent now, or None: the notes that hold it must be published (and not withdrawn); a position
    per capsulam is public as soon as it is recorded."""
    position = recommendation.position
    if position.minutes_version_id:
        if not MinutesVersion.objects.public().filter(pk=position.minutes_version_id).exists():
            return _("The meeting notes that hold the position are not published: publish them first.")
        return None
    if position.how != Position.How.PER_CAPSULAM:
        return _("Only a position of published meeting notes, or one taken per capsulam, can be sent.")
    return None


def _reached(recommendation: Recommendation) -> set[int]:
    """The parties an earlier sending reached (a delivery with an address)."""
    return set(Delivery.objects.filter(dispatch__recommendation=recommendation, principal__isnull=False)
               .exclude(status=Delivery.Status.NO_ADDRESS).values_list("principal_id", flat=True))  # fmt: skip


def recipients_without_address(recommendation: Recommendation) -> list[Principal]:
    """The parties a sending now would not reach: no registrar address (the secretary is warned before she sends)."""
    reached = _reached(recommendation)
    return [p for p in Principal.objects.filter(registrar_email="").select_related("group") if p.pk not in reached]


def recommendation_dispatch(*, recommendation: Recommendation, by, key: str) -> Dispatch:
    """Send it to every party not yet reached (the first time: all 50) and, the first time, to each channel with an
    address. A party without a registrar address gets a delivery marked ``no_address`` (and no mail); sending again
    later reaches those whose address was filled in meanwhile. ``key`` is the form's: the same key twice (a double
    click) sends once and returns the first sending."""
    try:
        with transaction.atomic():
            recommendation = Recommendation.objects.select_for_update(no_key=True, of=("self",)).select_related(
                "position", "position__minutes_version").get(pk=recommendation.pk)  # fmt: skip
            if (done := Dispatch.objects.filter(key=key).first()) is not None:
                return done
            if reason := dispatch_refusal(recommendation):
                raise ServiceError(reason)
            return _dispatched(recommendation, by=by, key=key)
    except IntegrityError:  # the same key, committed by a request that ran beside this one
        if (done := Dispatch.objects.filter(key=key).first()) is not None:
            return done
        raise


def _dispatched(recommendation: Recommendation, *, by, key: str) -> Dispatch:
    first = not recommendation.dispatches.exists()
    reached = _reached(recommendation)
    principals = [p for p in Principal.objects.all() if p.pk not in reached]
    if not principals:
        raise ServiceError(_("Every party has already been sent the recommendation."))
    dispatch = Dispatch.objects.create(recommendation=recommendation, sent_at=timezone.now(), sent_by=by, key=key)
    expires = link_expires_at(recommendation)

    def delivery(*, email: str, principal=None, channel=None) -> Delivery:
        token = answer_token(key=key, principal_id=principal.pk if principal else None,
                             channel_id=channel.pk if channel else None)  # fmt: skip
        return Delivery(dispatch=dispatch, principal=principal, channel=channel, email=email,
                        status=Delivery.Status.QUEUED if email else Delivery.Status.NO_ADDRESS,
                        token_sha256=token_sha256(token), expires_at=expires)  # fmt: skip

    rows = [delivery(email=p.registrar_email, principal=p) for p in principals]
    if first:
        rows += [delivery(email=c.registrar_email, channel=c) for c in Channel.objects.exclude(registrar_email="")]
    Delivery.objects.bulk_create(rows)
    queued = list(dispatch.deliveries.filter(status=Delivery.Status.QUEUED).values_list("pk", flat=True))
    body_id = recommendation.body_id
    transaction.on_commit(lambda: _enqueue(queued, body_id))
    if first:
        transaction.on_commit(lambda: _schedule_reminders(recommendation))
    return dispatch


def _enqueue(delivery_ids: list[int], body_id: int) -> None:
    from recommendations.tasks import send_recommendation_mail

    for delivery_id in delivery_ids:
        send_recommendation_mail.enqueue(delivery_id=delivery_id, body_id=body_id)


def _schedule_reminders(recommendation: Recommendation) -> None:
    """The reminders' runs, at eight in the morning of each reminder day still to come (the worker runs them then;
    ``manage.py send_recommendation_reminders`` does the same from cron, and neither sends a reminder twice)."""
    from recommendations.tasks import send_recommendation_reminders

    if not send_recommendation_reminders.get_backend().supports_defer:
        return
    now = timezone.now()
    for days in settings.RECOMMENDATION_REMINDER_DAYS:
        day = recommendation.answer_by - datetime.timedelta(days=days)
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))
        if when > now:
            send_recommendation_reminders.using(run_after=when).enqueue()
