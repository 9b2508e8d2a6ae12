"""Changes to the people register, as the staff pages make them."""

from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from members.access import may_change_credentials
from members.models import Membership, Person, PersonLogEntry


class RegisterError(ValueError):
    """A change the register refuses, with a Swedish reason."""


@transaction.atomic
def person_email_set(*, person: Person, email: str, by) -> Person:
    """Give a person the address notices are sent to (a change of credentials: ``person_save``)."""
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise RegisterError(_("“%(email)s” is not an e-mail address.") % {"email": email}) from error
    person.email = email
    return person_save(person=person, by=by)


@transaction.atomic
def person_save(*, person: Person, by) -> Person:
    """Add or change a person of the register (the form has checked the fields).

    The e-mail address and the account link open "Mina möten": changing either is a change of credentials, allowed
    only by ``members.access.may_change_credentials``, logged, and told to the old address. ``by`` None is the
    portal itself (the demo, an import), which changes nothing of anyone's by hand."""
    person.first_name, person.last_name = person.first_name.strip(), person.last_name.strip()
    before = Person.objects.select_for_update().filter(pk=person.pk).first() if person.pk else None
    changes = []
    if before is not None:
        if before.email.strip().lower() != person.email.strip().lower():
            changes.append((PersonLogEntry.Action.EMAIL_CHANGED, before.email, person.email))
        if before.user_id != person.user_id:
            changes.append((PersonLogEntry.Action.ACCOUNT_CHANGED, _account(before.user), _account(person.user)))
    if changes and by is not None and not may_change_credentials(by, before):
        raise RegisterError(
            _("Only an administrator, or a secretary of every body %(name)s sits in, may change the e-mail address or "
              "the user account: they open “My meetings”.") % {"name": before.name}
        )  # fmt: skip
    person.save()
    for action, old, new in changes:
        PersonLogEntry.objects.create(person=person, action=action, old_value=old, new_value=new,
                                      user=by if by is not None and by.is_authenticated else None)  # fmt: skip
    if changes and before.email:
        transaction.on_commit(partial(_tell_old_address, before.email, person, [a for a, _o, _n in changes], by))
    return person


def _account(user) -> str:
    return user.get_username() if user is not None else ""


def _tell_old_address(to: str, person: Person, actions: list[str], by) -> None:
    """The old address hears of the change, in Swedish: if it was not theirs to make, they can say so."""
    from members.tasks import send_mail_task

    what = [str(PersonLogEntry.Action(a).label) for a in actions]
    name = ""
    if by is not None:
        person_of_by = getattr(by, "person", None)
        name = person_of_by.name if person_of_by else (by.get_full_name() or by.get_username())
    body = _(
        "Hello %(name)s,\n\nIn the SRO portal's register, the following was changed for you: %(what)s.\n"
        "Changed by: %(by)s.\n\nYour address and your user account are how you sign in to “My meetings”. "
        "If you did not ask for this change, tell the secretariat at once.\n\n%(site)s\n"
    ) % {"name": person.name, "what": ", ".join(what).lower(), "by": name or _("the portal"), "site": settings.SITE_URL}
    send_mail_task.enqueue(subject=_("Your details in the SRO portal were changed"), body=body, to=[to])


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
