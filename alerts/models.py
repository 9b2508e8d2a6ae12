"""Public alerts: an e-mail address that asked to be told of new published notes, new positions, one matter,
or what one party (a municipality or the region) decides on SRO's recommendations.
Only the address and a token are kept; a subscription is deleted when it ends."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    class Topic(models.TextChoices):
        NOTES = "notes", _("New published meeting notes")
        POSITIONS = "positions", _("New positions")
        MATTER = "matter", _("One matter")
        PARTY = "party", _("What one municipality or the region decides on SRO's recommendations")

    email = models.EmailField(_("e-mail"))
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    matter = models.ForeignKey(
        "meetings.Matter", verbose_name=_("matter"), related_name="subscriptions", on_delete=models.CASCADE,
        null=True, blank=True,
    )  # fmt: skip
    principal = models.ForeignKey(
        "recommendations.Principal", verbose_name=_("municipality or region"), related_name="subscriptions",
        on_delete=models.CASCADE, null=True, blank=True,
    )  # fmt: skip
    body = models.ForeignKey(
        "members.Body", verbose_name=_("body"), related_name="subscriptions", on_delete=models.CASCADE,
        null=True, blank=True, help_text=_("Notes and positions of this body only; empty: of every body."),
    )  # fmt: skip
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "topic"],
                condition=Q(matter__isnull=True, body__isnull=True, principal__isnull=True),
                name="subscription_unique_topic",
            ),
            models.UniqueConstraint(
                fields=["email", "topic", "body"],
                condition=Q(matter__isnull=True, body__isnull=False),
                name="subscription_unique_topic_of_body",
            ),
            models.UniqueConstraint(
                fields=["email", "matter"], condition=Q(matter__isnull=False), name="subscription_unique_matter"
            ),
            models.CheckConstraint(
                condition=Q(topic="matter", matter__isnull=False) | (~Q(topic="matter") & Q(matter__isnull=True)),
                name="subscription_matter_for_matter_topic",
            ),
            models.UniqueConstraint(
                fields=["email", "principal"], condition=Q(principal__isnull=False), name="subscription_unique_party"
            ),
            models.CheckConstraint(
                condition=Q(topic="party", principal__isnull=False, body__isnull=True)
                | (~Q(topic="party") & Q(principal__isnull=True)),
                name="subscription_party_for_party_topic",
            ),
        ]

    def __str__(self):
        return f"{self.email}: {self.get_topic_display()}"
