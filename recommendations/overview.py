"""The parties' standings laid out as the public page shows them: the region, then the four kommunalförbund, each
with its member municipalities in order. The overview of the 49 and the table of all 50 read the same groups."""

from dataclasses import dataclass

from recommendations.selectors.standing import Standing


@dataclass(frozen=True)
class Group:
    key: str  # for ids in the page: "region" or the kommunalförbund's pk
    name: str
    standings: list[Standing]


def overview_groups(standings: list[Standing]) -> list[Group]:
    """``standings`` (in the selector's order: the region first, then by kommunalförbund) as groups."""
    groups: list[Group] = []
    for standing in standings:
        key = str(standing.group.pk) if standing.group else "region"
        if not groups or groups[-1].key != key:
            name = standing.group.common_name if standing.group else standing.principal.common_name
            groups.append(Group(key=key, name=name, standings=[]))
        groups[-1].standings.append(standing)
    return groups
