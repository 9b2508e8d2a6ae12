"""Public alerts: an e-mail address that asked to be told of new published notes, new positions or one
matter. Only the address and a token are kept; a subscription is deleted when it ends."""

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

    email = models.EmailField(_("e-mail"))
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    matter = models.ForeignKey(
        "meetings.Matter", verbose_name=_("matter"), related_name="subscriptions", on_delete=models.CASCADE,
        null=True, blank=True,
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
                condition=Q(matter__isnull=True, body__isnull=True),
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
        ]

    def __str__(self):
        return f"{self.email}: {self.get_topic_display()}"
