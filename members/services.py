"""Changes to the people register, as the staff pages make them."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Person


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
