"""What the public site and the open data publish about a person, per category of membership (politicians,
officials, administration, communication): name, title, party, organisation. PUBLIC_PERSON_DETAILS sets it; by
default everything for everyone, as SRO publishes its members. Sent notices and approved notes are the record and
keep what they say (a name that must come down there is withdrawn: ``meetings.services.minutes.minutes_withdraw``).
"""

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from members.models import Membership

DETAILS = ("name", "title", "party", "organisation")
# Who the line is about, where the name is not published.
UNNAMED = {
    Membership.Category.POLITICIAN: _("A politician"),
    Membership.Category.OFFICIAL: _("An official"),
    Membership.Category.ADMINISTRATION: _("Administration"),
    Membership.Category.COMMUNICATION: _("Communication"),
}


@lru_cache(maxsize=8)
def parse(raw: str) -> dict[str, frozenset[str]]:
    """ "official=name,organisation;administration=organisation" → per category, the details published (a category
    not named publishes every detail). A misspelt category or detail stops the portal at start-up."""
    found = {}
    for part in filter(None, (p.strip() for p in raw.split(";"))):
        category, _sep, details = part.partition("=")
        chosen = frozenset(d.strip() for d in details.split(",") if d.strip())
        if category.strip() not in Membership.Category.values or not chosen <= set(DETAILS):
            raise ImproperlyConfigured(f"PUBLIC_PERSON_DETAILS: {part!r} names an unknown category or detail "
                                       f"(categories {', '.join(Membership.Category.values)}; details "
                                       f"{', '.join(DETAILS)})")  # fmt: skip
        found[category.strip()] = chosen
    return found


def published(category: str) -> frozenset[str]:
    return parse(settings.PUBLIC_PERSON_DETAILS).get(category, frozenset(DETAILS))  # parsed once per setting


def for_person(memberships) -> frozenset[str]:
    """A person in several categories: only what every one of them publishes."""
    details = frozenset(DETAILS)
    for membership in memberships:
        details &= published(membership.category)
    return details


def public_description(membership: Membership) -> str:
    """The membership as the public members page lists it, with only the details its category publishes:
    "Name (Party), title or organisation"; without the name, "En tjänsteperson, organisation"."""
    shown = published(membership.category)
    person = membership.person
    who = person.name if "name" in shown else str(UNNAMED[membership.category])
    if "name" in shown and "party" in shown and person.party_id:
        who = f"{who} ({person.party.abbreviation})"
    where = ""
    if membership.title and "title" in shown:
        where = membership.title
    elif "organisation" in shown:
        where = membership.organisation.display_name
    return f"{who}, {where}" if where else who
