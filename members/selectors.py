"""Reads of the body's members that views and documents need."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from members.models import Body, Membership, Organisation, Person, StaffRole, Term

# The notice names the politicians by side ("Kommunpolitiker", "Regionpolitiker").
_CATEGORY_LABELS = {
    (Membership.Side.MUNICIPALITIES, Membership.Category.POLITICIAN): _("Municipal politicians"),
    (Membership.Side.REGION, Membership.Category.POLITICIAN): _("Regional politicians"),
}
_SIDE_HEADINGS = {
    Membership.Side.MUNICIPALITIES: _("For the four municipal associations of Västra Götaland (VGK)"),
    Membership.Side.REGION: _("For Västra Götalandsregionen (VGR)"),
}
_SIDE_ORDER = [Membership.Side.MUNICIPALITIES, Membership.Side.REGION]
_CATEGORY_ORDER = list(Membership.Category)


@dataclass
class CategoryGroup:
    category: str
    label: str
    memberships: list[Membership] = field(default_factory=list)


@dataclass
class SideGroup:
    side: str
    heading: str
    categories: list[CategoryGroup] = field(default_factory=list)


def user_name(user) -> str:
    """A signed-in user by name: hers in the people register ("Helén Eliasson"), else the account's full name,
    else the user name."""
    person = getattr(user, "person", None)  # none in the register: no error
    return person.name if person else (user.get_full_name() or user.get_username())


def default_body() -> Body | None:
    """The body the portal serves. The models allow several; today one portal serves one, the first made."""
    return Body.objects.order_by("pk").first()


def body_composition(*, body: Body, on: datetime.date) -> list[SideGroup]:
    """The body's members on ``on``, grouped as the notice groups them: side, then category.

    Within a group the members keep their ``sort_order``. Runs one query.
    """
    memberships = (
        Membership.objects.on(on)
        .filter(body=body)
        .select_related("person", "person__party", "organisation")
        .order_by("sort_order", "person__last_name", "person__first_name")
    )
    buckets: dict[tuple[str, str], list[Membership]] = {}
    for membership in memberships:
        buckets.setdefault((membership.side, membership.category), []).append(membership)

    sides = []
    for side in _SIDE_ORDER:
        categories = [
            CategoryGroup(
                category=category,
                label=_CATEGORY_LABELS.get((side, category), category.label),
                memberships=buckets[(side, category)],
            )
            for category in _CATEGORY_ORDER
            if (side, category) in buckets
        ]
        if categories:
            sides.append(SideGroup(side=side, heading=_SIDE_HEADINGS[side], categories=categories))
    return sides


def presidium(*, body: Body, on: datetime.date) -> list[Membership]:
    """The chair and vice chair(s) on ``on``, chair first: they sign the notice's welcome."""
    roles = [Membership.Role.CHAIR, Membership.Role.VICE_CHAIR]
    found = (
        Membership.objects.on(on)
        .filter(body=body, role__in=roles)
        .select_related("person", "person__party", "organisation", "organisation__parent")
    )
    return sorted(found, key=lambda m: (roles.index(m.role), m.sort_order))


def called_memberships(*, body: Body, on: datetime.date) -> list[Membership]:
    """Everyone called to a meeting on ``on``, in the order the notice lists them."""
    return [m for side in body_composition(body=body, on=on) for group in side.categories for m in group.memberships]


def secretary_addresses(*, body) -> list[str]:
    """Where the secretariat is told of the chair's actions: the address of every active secretary of ``body`` (the
    account's, else the person's in the register). Another body's secretaries hear nothing of it."""
    users = (
        get_user_model()
        .objects.filter(staff_roles__body=body, staff_roles__role=StaffRole.Role.SECRETARY, is_active=True)
        .distinct()
        .select_related("person")
    )
    addresses = set()
    for user in users:
        person = getattr(user, "person", None)  # none in the register: no error, no address of theirs
        addresses.add(user.email or (person.email if person else ""))
    return sorted(addresses - {""})


# The register as open data shows it (``opendata``: OParl's bodies, terms, organisations, people and memberships).


def bodies_in_order():
    """Every body, the first (whose section is at /) first."""
    return Body.objects.order_by("pk")


def terms_in_order():
    """Every term of office, the oldest first."""
    return Term.objects.order_by("start_date")


def body_memberships(*, body_pk: int):
    """The body's memberships, the earliest first."""
    return Membership.objects.filter(body_id=body_pk).order_by("start_date", "pk")


def all_memberships():
    """Every membership of every body (to look one up)."""
    return Membership.objects.all()


def represented_organisations(*, body):
    """The organisations (municipalities, the region, the associations) that have members in the body."""
    return Organisation.objects.filter(memberships__body=body).distinct().order_by("pk")


def organisation_with_members(*, pk: int) -> Organisation | None:
    """The organisation if anyone represents it in some body, else None."""
    return Organisation.objects.filter(pk=pk, memberships__isnull=False).distinct().first()


def body_people(*, body):
    """The body's members by name, each with its party and ``body_memberships``: its memberships of this body."""
    memberships = Membership.objects.filter(body=body).order_by("start_date", "pk")
    return (
        Person.objects.filter(memberships__body=body)
        .distinct()
        .order_by("last_name", "first_name", "pk")
        .select_related("party")
        # As a list on each person (not a manager's queryset made and cloned for every person of the page).
        .prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="body_memberships"))
    )


def person_with_membership(*, pk: int) -> Person | None:
    """The person if a member of some body, else None."""
    return Person.objects.filter(pk=pk, memberships__isnull=False).first()
