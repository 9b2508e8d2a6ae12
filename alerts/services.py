"""Subscribing, confirming (double opt-in), unsubscribing, and telling subscribers of what was published.

The one entry point the rest of the portal calls is ``published``: after a publication commits, it queues the
alert mails as a background task, never inside the publishing request."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alerts.models import Subscription
from meetings.sections import section_reverse

# Subscriptions asked for from one address of the internet in an hour, at most (against abuse).
SUBSCRIBE_LIMIT = 5
# Confirmations mailed to one address in an hour, at most, whoever asks.
CONFIRMATIONS_PER_ADDRESS = 3


def _link(name: str, token: str) -> str:
    return f"{settings.SITE_URL}{reverse(name, kwargs={'token': token})}"


def unconfirmed_cutoff():
    """Subscriptions asked for before this and never confirmed are gone (their confirmation link with them)."""
    return timezone.now() - datetime.timedelta(days=settings.ALERT_UNCONFIRMED_DAYS)


def subscriptions_purge_unconfirmed() -> int:
    """Delete the subscriptions never confirmed within ALERT_UNCONFIRMED_DAYS; how many."""
    deleted, _per_model = Subscription.objects.filter(confirmed_at__isnull=True,
                                                      created_at__lt=unconfirmed_cutoff()).delete()  # fmt: skip
    return deleted


@transaction.atomic
def subscribe(*, email: str, topic: str, matter=None, body=None, principal=None) -> Subscription:
    """Ask for an alert: nothing is sent but the confirmation until the link in it is followed. Asking again
    sends the confirmation again (an already confirmed subscription stays as it is, and is told so).
    New notes and positions are of one ``body``, or of every body (None); a matter is its own body's; a party's
    decisions (``principal``) are on every body's recommendations."""
    email = email.strip().lower()
    subscriptions_purge_unconfirmed()  # one indexed delete: the table keeps itself clean between the daily runs
    one_matter = topic == Subscription.Topic.MATTER
    one_party = topic == Subscription.Topic.PARTY
    subscription, _created = Subscription.objects.get_or_create(
        email=email, topic=topic, matter=matter if one_matter else None,
        principal=principal if one_party else None, body=None if one_matter or one_party else body,
    )  # fmt: skip
    transaction.on_commit(lambda: _mail_confirmation(subscription))
    return subscription


def _mail_confirmation(subscription: Subscription) -> None:
    from meetings.tasks import mail_enqueue

    body = render_to_string("alerts/emails/confirm.txt", {
        "subscription": subscription, "confirm": _link("alerts:confirm", subscription.token),
        "confirmed": subscription.confirmed_at is not None,
    })  # fmt: skip
    mail_enqueue(subject=_("Confirm your alert from the SRO portal"), body=body, to=[subscription.email])


def confirm(*, subscription: Subscription) -> Subscription:
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def unsubscribe(*, subscription: Subscription) -> None:
    """The subscription and the address are gone."""
    subscription.delete()


def published(*, minutes_version=None, position=None) -> None:
    """Called when a version of the notes is published, or a position taken outside a meeting (per capsulam, by
    the chair) is recorded, which is public at once: once the transaction commits, the alerts go out as a
    background task (``alerts.tasks.send_alerts``)."""
    from alerts.tasks import send_alerts

    if minutes_version is not None:
        transaction.on_commit(lambda: send_alerts.enqueue(minutes_version_id=minutes_version.pk))
    if position is not None:
        transaction.on_commit(lambda: send_alerts.enqueue(position_id=position.pk))


def _followed(matter_ids: set[int]) -> set[int]:
    """The matters named, and those they were merged into: a merged matter is followed through the other."""
    from meetings.models import Matter

    return matter_ids | set(Matter.objects.filter(pk__in=matter_ids, merged_into__isnull=False)
                            .values_list("merged_into", flat=True))  # fmt: skip


def alerts_for(*, minutes_version) -> int:
    """One mail to each confirmed subscription the published notes concern: new notes; new positions (if the
    notes hold any that do more than note information); a matter (if the notes hold a position on it or an item
    of it). Each mail carries its own one-click unsubscribe (RFC 8058). Returns how many were queued."""
    from meetings.models import FrozenItem, Position

    meeting = minutes_version.minutes.meeting
    positions = list(Position.objects.filter(minutes_version=minutes_version).select_related("matter"))
    matter_ids = {p.matter_id for p in positions if p.matter_id}
    matter_ids |= set(FrozenItem.objects.filter(minutes_version=minutes_version, matter__isnull=False)
                      .values_list("matter_id", flat=True))  # fmt: skip
    decided = [p for p in positions if not p.notes_information]
    notes_url = f"{settings.SITE_URL}{reverse('public:minutes', kwargs={'pk': meeting.pk})}"
    subject = _("New from %(body)s: the notes of %(date)s") % {
        "body": meeting.body.short_name, "date": f"{meeting.date:%Y-%m-%d}"}  # fmt: skip
    topics = {Subscription.Topic.NOTES} | ({Subscription.Topic.POSITIONS} if decided else set())
    context = {"meeting": meeting, "notes_url": notes_url}
    return _send(topics=topics, matter_ids=_followed(matter_ids), positions=positions, subject=subject,
                 template="alerts/emails/published.txt", context=context, body=meeting.body)  # fmt: skip


def alerts_for_position(*, position) -> int:
    """A position taken outside a meeting: to those who follow positions (unless it only notes information) and
    to those who follow its matter. Returns how many mails were queued."""
    topics = set() if position.notes_information else {Subscription.Topic.POSITIONS}
    matter_ids = _followed({position.matter_id} if position.matter_id else set())
    url = (
        f"{settings.SITE_URL}{reverse('public:matter', kwargs={'pk': position.matter_id})}"
        if position.matter_id
        else f"{settings.SITE_URL}{section_reverse('public:positions', position.body)}"
    )
    subject = _("New from %(body)s: a position of %(date)s") % {
        "body": position.body.short_name, "date": f"{position.taken_on:%Y-%m-%d}"}  # fmt: skip
    return _send(topics=topics, matter_ids=matter_ids, positions=[position], subject=subject,
                 template="alerts/emails/position.txt", context={"position": position, "url": url},
                 body=position.body)  # fmt: skip


def _send(*, topics, matter_ids, positions, subject, template, context, body) -> int:
    """One mail per confirmed subscription to one of ``topics`` (of ``body`` or of every body) or to one of the
    matters. Each carries its own one-click unsubscribe (RFC 8058)."""
    from meetings.tasks import mail_enqueue

    wanted = Subscription.objects.filter(Q(body__isnull=True) | Q(body=body), confirmed_at__isnull=False)
    wanted = wanted.select_related("matter")
    sent = 0
    for subscription in wanted.iterator():
        if subscription.topic == Subscription.Topic.MATTER:
            if subscription.matter_id not in matter_ids:
                continue
            about = [p for p in positions if p.matter_id == subscription.matter_id]
        elif subscription.topic in topics:
            about = positions
        else:
            continue
        unsubscribe_url = _link("alerts:unsubscribe", subscription.token)
        body = render_to_string(template, {**context, "subscription": subscription, "positions": about,
                                           "unsubscribe": unsubscribe_url})  # fmt: skip
        # One task per mail: a mail server that refuses one address delays no other, and a retry sends
        # nobody the alert twice.
        mail_enqueue(subject=subject, body=body, to=[subscription.email], headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        })  # fmt: skip
        sent += 1
    return sent


def recommendation_answered(*, answer_id: int) -> None:
    """Called (through the hook ``recommendation_answered``) once a party's answer is recorded and committed: the
    alerts of a recorded decision go out as a background task. A receipt without a decision tells nobody."""
    from alerts.tasks import send_alerts

    send_alerts.enqueue(answer_id=answer_id)


def alerts_for_decision(*, answer) -> int:
    """One mail to each confirmed subscription to the decisions of the party that decided: what it decided, on
    which recommendation, with a link to the recommendation's page (and the unsubscribe link). How many."""
    from meetings.tasks import mail_enqueue
    from recommendations.selectors.standing import state_label

    recommendation = answer.recommendation
    url = f"{settings.SITE_URL}{reverse('public:recommendation', kwargs={'pk': recommendation.pk})}"
    subject = _("%(party)s has decided on SRO's recommendation: %(title)s") % {
        "party": answer.principal.common_name, "title": recommendation.title}  # fmt: skip
    wanted = Subscription.objects.filter(topic=Subscription.Topic.PARTY, principal_id=answer.principal_id,
                                         confirmed_at__isnull=False)  # fmt: skip
    sent = 0
    for subscription in wanted.iterator():
        unsubscribe_url = _link("alerts:unsubscribe", subscription.token)
        body = render_to_string("alerts/emails/decision.txt", {
            "answer": answer, "recommendation": recommendation, "standing": state_label(answer.outcome),
            "url": f"{url}#party-{answer.principal_id}", "unsubscribe": unsubscribe_url,
        })  # fmt: skip
        mail_enqueue(subject=subject, body=body, to=[subscription.email], headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        })  # fmt: skip
        sent += 1
    return sent
