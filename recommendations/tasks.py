"""The recommendations' background work: each recipient's mail (the sending and the reminders), a task of its own as
the notice's mails are, and the day's reminders."""

from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from meetings.tasks import _tried_again_later


def recommendation_mail(delivery, *, reminder_days: int | None = None) -> tuple[str, str]:
    """The subject and text of one recipient's mail, with its own answer link (derived again, never stored)."""
    from recommendations.services import answer_token

    recommendation = delivery.dispatch.recommendation
    token = answer_token(key=delivery.dispatch.key, principal_id=delivery.principal_id,
                         channel_id=delivery.channel_id)  # fmt: skip
    link = settings.SITE_URL + reverse("answer:answer", kwargs={"token": token})
    context = {"recommendation": recommendation, "position": recommendation.position, "delivery": delivery,
               "link": link, "documents": list(recommendation.documents.all()), "reminder_days": reminder_days,
               "members": [p.common_name for p in delivery.channel.members.all()] if delivery.channel_id and
               not delivery.channel.answers_for_all else [],
               "body": recommendation.body}  # fmt: skip
    body = render_to_string("emails/recommendation.txt", context)
    subject = render_to_string("emails/recommendation_subject.txt", context).strip()
    return subject, body


@task()
def send_recommendation_mail(*, delivery_id: int, body_id: int | None = None, reminder_days: int | None = None,
                             attempt: int = 1):  # fmt: skip
    """One recipient's mail: the recommendation and its answer link (``reminder_days``: the reminder that many days
    before the date to answer by). The sending's mail is sent once: whether the server took it, or refused it and
    why, is recorded on the delivery, and a run after the server took it sends nothing."""
    from recommendations.models import Delivery

    kwargs = {"delivery_id": delivery_id, "body_id": body_id, "reminder_days": reminder_days}
    delivery = Delivery.objects.select_related("dispatch__recommendation__position", "dispatch__recommendation__body",
                                               "principal", "channel").get(pk=delivery_id)  # fmt: skip
    rows = Delivery.objects.filter(pk=delivery_id)
    if reminder_days is None and delivery.status == Delivery.Status.SENT:
        return delivery.email  # taken by the server on an earlier run, whose worker stopped before it could say so
    with _tried_again_later(send_recommendation_mail, attempt, **kwargs):
        try:
            subject, body = recommendation_mail(delivery, reminder_days=reminder_days)
            message_id = make_msgid(domain=DNS_NAME)
            EmailMessage(subject=subject, body=body, to=[delivery.email], headers={"Message-ID": message_id}).send()
        except Exception as error:
            if reminder_days is None:
                rows.update(status=Delivery.Status.FAILED, error=str(error)[:300], updated_at=timezone.now())
            raise
        if reminder_days is None:
            rows.update(status=Delivery.Status.SENT, error="", message_id=message_id, updated_at=timezone.now())
    return delivery.email


@task()
def send_recommendation_reminders():
    """Today's reminders (``recommendations.services.recommendation_reminders_send``), at the time the sending
    scheduled."""
    from recommendations.services import recommendation_reminders_send

    return recommendation_reminders_send()
