"""Reminders before the date to answer by, to the parties that have not reported a decision."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from recommendations.models import Answer, Delivery, Reminder


def _threshold(days_left: int, thresholds: list[int]) -> int | None:
    """The reminder due with ``days_left`` days to go: the nearest reminder day not yet passed (a run missed on the
    14th day before sends the 14-day reminder on the 13th; the 3-day one waits for its own day)."""
    due = [t for t in thresholds if days_left <= t]
    return min(due) if due and days_left >= 0 else None


def recommendation_reminders_send(*, today: datetime.date | None = None) -> int:
    """Queue today's reminders: to each party's delivery (with an address) of a recommendation whose date to answer
    by is near, when the party has not reported a decision. Each (delivery, reminder day) once: running it again the
    same day, or after a missed day, sends nothing twice. Returns how many were queued."""
    today = today or timezone.localdate()
    thresholds = sorted(settings.RECOMMENDATION_REMINDER_DAYS)
    if not thresholds:
        return 0
    decided = Answer.objects.filter(recommendation=OuterRef("dispatch__recommendation"),
                                    principal=OuterRef("principal")).exclude(outcome="")  # fmt: skip
    deliveries = (Delivery.objects.filter(principal__isnull=False, dispatch__recommendation__answer_by__gte=today,
                                          dispatch__recommendation__answer_by__lte=today
                                          + datetime.timedelta(days=max(thresholds)))
                  .exclude(status=Delivery.Status.NO_ADDRESS).exclude(Exists(decided))
                  .select_related("dispatch__recommendation"))  # fmt: skip
    queued = []
    for delivery in deliveries:
        days_left = (delivery.dispatch.recommendation.answer_by - today).days
        days = _threshold(days_left, thresholds)
        if days is None or Reminder.objects.filter(delivery=delivery, days_before__lte=days).exists():
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(delivery=delivery, days_before=days, sent_on=today)
        except IntegrityError:  # another run took it at the same moment
            continue
        queued.append((delivery.pk, days, delivery.dispatch.recommendation.body_id))
    if queued:
        transaction.on_commit(lambda: _enqueue(queued))
    return len(queued)


def _enqueue(queued: list[tuple[int, int, int]]) -> None:
    from recommendations.tasks import send_recommendation_mail

    for delivery_id, days, body_id in queued:
        send_recommendation_mail.enqueue(delivery_id=delivery_id, body_id=body_id, reminder_days=days)
