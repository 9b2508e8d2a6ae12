"""Changes to the people register, as the staff pages make them."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from members.models import Membership, Person


class RegisterError(ValueError):
    """A change the register refuses, with a Swedish reason."""


@transaction.atomic
def person_email_set(*, person: Person, email: str) -> Person:
    """Give a person the address notices are sent to."""
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise RegisterError(_("“%(email)s” is not an e-mail address.") % {"email": email}) from error
    person.email = email
    person.save(update_fields=["email"])
    return person


@transaction.atomic
def person_save(*, person: Person) -> Person:
    """Add or change a person of the register (the form has checked the fields)."""
    person.first_name, person.last_name = person.first_name.strip(), person.last_name.strip()
    person.save()
    return person


@transaction.atomic
def membership_add(*, membership: Membership) -> Membership:
    """A seat in the body for a period; two seats of one person may not overlap."""
    overlapping = Membership.objects.filter(body=membership.body, person=membership.person).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=membership.start_date)
    )
    if membership.end_date:
        overlapping = overlapping.filter(start_date__lte=membership.end_date)
    if overlapping.exists():
        raise RegisterError(_("%(name)s already sits in %(body)s in that period: end that membership first.")
                            % {"name": membership.person.name, "body": membership.body.short_name})  # fmt: skip
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end_date) -> Membership:
    """End a seat on a date: from the day after, the person is no longer called."""
    if end_date < membership.start_date:
        raise RegisterError(_("A membership cannot end before it started (%(start)s).")
                            % {"start": f"{membership.start_date:%Y-%m-%d}"})  # fmt: skip
    membership.end_date = end_date
    membership.save(update_fields=["end_date"])
    return membership
