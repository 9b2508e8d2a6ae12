"""The registrars' addresses the secretary keeps: every change is logged (who, when, from what to what)."""

from django.db import transaction

from recommendations.models import Channel, Principal, PrincipalLogEntry


def registrar_address_set(*, by, email: str, principal: Principal | None = None, channel: Channel | None = None):
    """Set a party's or a channel's registrar address; logged if it changed. Returns whether it changed."""
    target = principal or channel
    model = type(target)
    email = email.strip()
    with transaction.atomic():
        target = model.objects.select_for_update().get(pk=target.pk)
        if target.registrar_email == email:
            return False
        PrincipalLogEntry.objects.create(principal=principal, channel=channel, old_value=target.registrar_email,
                                         new_value=email, user=by)  # fmt: skip
        target.registrar_email = email
        target.save(update_fields=["registrar_email", "updated_at"])
    return True
