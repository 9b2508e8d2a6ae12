"""Who may touch whom: the one rule of the staff pages and the admin alike.

Bodies are walls. A secretary keeps the bodies she holds the secretary's role in (an administrator keeps every
body). A person of the shared register belongs to the bodies they are tied to: a seat there (now or before), an
invitation, a substitution or a presentation at one of its meetings, or a role their account holds there.

- A secretary acts on a person (name, title, organisation, party, phone) only if the person is tied to one of her
  bodies, or to no body yet (someone just added to the register, to be given a seat).
- A person's e-mail address and account link are the credentials of "Mina möten": whoever holds them reads what the
  person may read. Only an administrator changes them, or a secretary of every body the person is tied to; an
  account that is an administrator's is changed by an administrator only.
- A seat, a matter or anything else with a body is made or moved only within her bodies (``bodies_held``).

Nothing here imports the layers above (``meetings`` and up): their rows are reached through the register's
reverse relations by name.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from members.models import Body, Membership, Person, StaffRole


def bodies_held(user, role: str | None = "secretary") -> QuerySet[Body]:
    """The bodies ``user`` holds ``role`` in ("secretary", "chair"; any role if None); an administrator every body."""
    if not user.is_authenticated:
        return Body.objects.none()
    if user.is_superuser:
        return Body.objects.all()
    held = StaffRole.objects.filter(user=user)
    if role is not None:
        held = held.filter(role=role)
    return Body.objects.filter(pk__in=held.values("body_id"))


# A person's ties to a body, each as the path from the person to that body.
_TIES = (
    "memberships__body",
    "invitations__meeting__body",
    "substitutions_made__meeting__body",
    "substituted_at__meeting__body",
    "presentations__item__meeting__body",
    "user__staff_roles__body",
)


def _tied_to(bodies) -> Q:
    """People tied to any of ``bodies`` (a queryset or list of bodies)."""
    condition = Q()
    for path in _TIES:
        condition |= Q(pk__in=Person.objects.filter(**{f"{path}__in": bodies}).values("pk"))
    return condition


def person_bodies(person: Person) -> QuerySet[Body]:
    """The bodies ``person`` is tied to (see the module's docstring)."""
    if not person.pk:
        return Body.objects.none()
    condition = Q()
    for path in _TIES:
        condition |= Q(pk__in=Person.objects.filter(pk=person.pk).values(path))
    return Body.objects.filter(condition)


def _untied() -> Q:
    return ~_tied_to(Body.objects.all())


def people_for(user) -> QuerySet[Person]:
    """The people ``user`` may act on: tied to one of her bodies, or to none yet; every one for an administrator."""
    if user.is_authenticated and user.is_superuser:
        return Person.objects.all()
    held = bodies_held(user)
    if not held.exists():  # a chair, a member: nobody's details are theirs to change
        return Person.objects.none()
    return Person.objects.filter(_tied_to(held) | _untied())


def may_act_on(user, person: Person) -> bool:
    """May ``user`` change what the register says of ``person`` (not the credentials: ``may_change_credentials``)?"""
    if not person.pk:
        return bool(user.is_authenticated and (user.is_superuser or bodies_held(user).exists()))
    return people_for(user).filter(pk=person.pk).exists()


def may_change_credentials(user, person: Person) -> bool:
    """May ``user`` change ``person``'s e-mail address or account link? An administrator; or a secretary of every
    body the person is tied to (of some body, for a person tied to none), unless the account is an administrator's."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    held = set(bodies_held(user).values_list("pk", flat=True))
    if not held:
        return False
    if person.pk and person.user_id and get_user_model().objects.filter(pk=person.user_id, is_superuser=True).exists():
        return False
    return set(person_bodies(person).values_list("pk", flat=True)) <= held


def linkable_users(user, person: Person | None = None):
    """The accounts ``user`` may link a person to: for an administrator every account; for a secretary an account
    that is no administrator's, linked to no other person, and holds no role outside her bodies."""
    users = get_user_model().objects.all()
    if user.is_authenticated and user.is_superuser:
        return users
    if not user.is_authenticated:
        return users.none()
    elsewhere = StaffRole.objects.filter(user=OuterRef("pk")).exclude(body__in=bodies_held(user))
    others = Person.objects.filter(user=OuterRef("pk"))
    if person is not None and person.pk:
        others = others.exclude(pk=person.pk)
    return users.filter(is_superuser=False).exclude(Exists(elsewhere)).exclude(Exists(others))


def memberships_for(user) -> QuerySet[Membership]:
    """The seats ``user`` keeps: those in her bodies."""
    return Membership.objects.filter(body__in=bodies_held(user))
