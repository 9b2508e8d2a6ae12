"""Changes to the people register, as the staff pages make them."""

import datetime
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from members.access import may_change_credentials
from members.models import Body, Membership, Organisation, Party, Person, PersonLogEntry, Term


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
    entries = [
        PersonLogEntry.objects.create(person=person, action=action, old_value=old, new_value=new,
                                      user=by if by is not None and by.is_authenticated else None)
        for action, old, new in changes
    ]  # fmt: skip
    if changes and before.email:
        transaction.on_commit(partial(_tell_old_address, before.email, person, entries, by))
    return person


def _account(user) -> str:
    return user.get_username() if user is not None else ""


def _tell_old_address(to: str, person: Person, entries: list[PersonLogEntry], by) -> None:
    """The old address hears of the change, in Swedish: if it was not theirs to make, they can say so. Once: the task
    marks the log's entries told when the server has taken the mail."""
    from members.tasks import send_mail_task

    what = [str(PersonLogEntry.Action(entry.action).label) for entry in entries]
    name = ""
    if by is not None:
        person_of_by = getattr(by, "person", None)
        name = person_of_by.name if person_of_by else (by.get_full_name() or by.get_username())
    body = _(
        "Hello %(name)s,\n\nIn the SRO portal's register, the following was changed for you: %(what)s.\n"
        "Changed by: %(by)s.\n\nYour address and your user account are how you sign in to “My meetings”. "
        "If you did not ask for this change, tell the secretariat at once.\n\n%(site)s\n"
    ) % {"name": person.name, "what": ", ".join(what).lower(), "by": name or _("the portal"), "site": settings.SITE_URL}
    send_mail_task.enqueue(subject=_("Your details in the SRO portal were changed"), body=body, to=[to],
                           log_ids=[entry.pk for entry in entries])  # fmt: skip


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


@dataclass(frozen=True)
class SeatDecision:
    """What becomes of one seat at the turn of the term: it continues (with the role, title and organisation
    given, which may differ from the old ones) or it ends."""

    membership: Membership
    continues: bool
    role: str = ""
    title: str = ""
    organisation: Organisation | None = None


@dataclass(frozen=True)
class Newcomer:
    """A member who takes a seat with the new term: a person of the register, or a new one by name."""

    side: str
    category: str
    organisation: Organisation
    role: str
    title: str = ""
    person: Person | None = None
    first_name: str = ""
    last_name: str = ""
    party: Party | None = None
    email: str = ""


def term_next_proposal(*, body: Body, today: datetime.date) -> tuple[str, datetime.date, datetime.date]:
    """The name and dates the term change proposes: the four years after the body's current term (the one in
    force today, else the latest its seats belong to), e.g. 2027–2030 after 2023–2026."""
    terms = Term.objects.filter(memberships__body=body).distinct().order_by("-start_date")
    current = terms.filter(start_date__lte=today, end_date__gte=today).first() or terms.first()
    start = current.end_date + datetime.timedelta(days=1) if current else datetime.date(today.year + 1, 1, 1)
    end = datetime.date(start.year + 4, start.month, start.day) - datetime.timedelta(days=1)
    return f"{start.year}–{end.year}", start, end


def term_outgoing_seats(*, body: Body, start_date: datetime.date) -> list[Membership]:
    """The seats in force the day before the new term starts: each one continues or ends."""
    return list(
        Membership.objects.on(start_date - datetime.timedelta(days=1))
        .filter(body=body)
        .select_related("person", "person__party", "organisation")
        .order_by("side", "category", "sort_order", "person__last_name", "person__first_name")
    )


@transaction.atomic
def term_start(
    *,
    body: Body,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    seats: list[SeatDecision],
    newcomers: list[Newcomer],
    by,
) -> Term:
    """Start the body's next term in one step: the term itself, a new seat for everyone who continues (with a
    changed role, title or organisation if given) and for each newcomer; every outgoing seat ends the day
    before. The old seats are kept as they were, so the composition on any earlier date stays what it was.

    Refused as a whole (nothing saved) when a seat has no decision, the term overlaps one already begun in
    the body, or a newcomer already sits in the body then.
    """
    name = name.strip()
    if end_date <= start_date:
        raise RegisterError(_("The term must end after it starts."))
    term = Term.objects.filter(name=name).first()
    if term is None:
        term = Term.objects.create(name=name, start_date=start_date, end_date=end_date)
    elif (term.start_date, term.end_date) != (start_date, end_date):
        raise RegisterError(_("The term %(name)s already exists from %(start)s to %(end)s: use those dates or "
                              "another name.") % {"name": name, "start": f"{term.start_date:%Y-%m-%d}",
                                                  "end": f"{term.end_date:%Y-%m-%d}"})  # fmt: skip
    if Membership.objects.filter(body=body, term=term).exists():
        raise RegisterError(_("The term %(name)s has already begun in %(body)s: change its seats on each "
                              "person's page.") % {"name": name, "body": body.short_name})  # fmt: skip
    outgoing = {m.pk: m for m in term_outgoing_seats(body=body, start_date=start_date)}
    decided = {d.membership.pk: d for d in seats}
    if set(decided) != set(outgoing):
        raise RegisterError(_("The seats have changed since the page was opened: open it again."))
    last_day = start_date - datetime.timedelta(days=1)
    for membership in outgoing.values():
        if membership.end_date is None or membership.end_date > last_day:
            membership.end_date = last_day
            membership.save(update_fields=["end_date", "updated_at"])
    order = 0
    for decision in sorted(decided.values(), key=lambda d: d.membership.sort_order):
        if not decision.continues:
            continue
        old = decision.membership
        membership_add(membership=Membership(
            body=body, person=old.person, term=term, side=old.side, category=old.category,
            organisation=decision.organisation or old.organisation, role=decision.role or old.role,
            title=decision.title, start_date=start_date, end_date=end_date, sort_order=order,
        ))  # fmt: skip
        order += 1
    for newcomer in newcomers:
        person = newcomer.person
        if person is None:
            person = person_save(person=Person(first_name=newcomer.first_name, last_name=newcomer.last_name,
                                               party=newcomer.party, organisation=newcomer.organisation),
                                 by=by)  # fmt: skip
        if newcomer.email and not person.email:
            person_email_set(person=person, email=newcomer.email, by=by)  # a change of credentials, as anywhere
        membership_add(membership=Membership(
            body=body, person=person, term=term, side=newcomer.side, category=newcomer.category,
            organisation=newcomer.organisation, role=newcomer.role, title=newcomer.title,
            start_date=start_date, end_date=end_date, sort_order=order,
        ))  # fmt: skip
        order += 1
    return term
