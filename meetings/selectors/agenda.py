"""The agenda with its clock times: each item's start and end from the meeting's start and the durations before
it, the end of the whole, and whether it runs over."""

import datetime
from dataclasses import dataclass, field
from string import ascii_lowercase

from django.db.models import Prefetch

from meetings.models import (
    AgendaItem,
    Attachment,
    Meeting,
    Presenter,
)


@dataclass
class AgendaEntry:
    """One line of the agenda with what is computed from its place in it."""

    item: AgendaItem
    number: str  # "4", "1 a"; empty for a break
    start: datetime.time | None = None
    end: datetime.time | None = None
    children: list["AgendaEntry"] = field(default_factory=list)
    note: object = None  # the item's notes, where the notes of the meeting are shown
    position_texts: list[str] = field(default_factory=list)  # the positions taken, as cleaned HTML, in order
    assignments: list = field(default_factory=list)  # the assignments they give

    @property
    def has_times(self) -> bool:
        return self.start is not None and self.item.show_time


def _add_minutes(moment: datetime.datetime, minutes: int) -> datetime.datetime:
    return moment + datetime.timedelta(minutes=minutes)


def agenda_items_queryset(meeting: Meeting, *, public: bool = False):
    """The meeting's agenda items with everything the agenda shows, in a fixed number of queries.

    For the public, an item carries only its public attachments.
    """
    attachments = Attachment.objects.order_by("order", "pk")
    if public:
        attachments = attachments.filter(is_public=True)
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("matter")
        .prefetch_related(
            Prefetch("presenters", queryset=Presenter.objects.select_related("person", "person__organisation")),
            Prefetch("attachments", queryset=attachments),
        )
        .order_by("order", "pk")
    )


def agenda_with_times(*, meeting: Meeting, items=None) -> list[AgendaEntry]:
    """The agenda in order, each top-level item with its computed clock times.

    Times run from the meeting's start through the durations before each item:
    a break moves them on; an item with no duration has no times and takes no time.
    Sub-items are lettered (1 a, 1 b) and share their item's time.
    """
    if items is None:
        items = list(agenda_items_queryset(meeting))
    top = [i for i in items if i.parent_id is None]
    children: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)

    clock = datetime.datetime.combine(meeting.date, meeting.start_time)
    entries = []
    number = 0
    for item in top:
        if item.is_break:
            label = ""
        else:
            number += 1
            label = str(number)
        entry = AgendaEntry(item=item, number=label)
        if item.duration_minutes:
            end = _add_minutes(clock, item.duration_minutes)
            entry.start, entry.end = clock.time(), end.time()
            clock = end
        entry.children = [
            AgendaEntry(item=child, number=f"{label} {ascii_lowercase[index % 26]}")
            for index, child in enumerate(sorted(children.get(item.pk, []), key=lambda c: (c.order, c.pk)))
        ]
        entries.append(entry)
    return entries


def agenda_end(*, meeting: Meeting, entries: list[AgendaEntry]) -> datetime.time:
    """When the agenda as planned ends: the last computed time, or the start if nothing has a duration."""
    ends = [e.end for e in entries if e.end is not None]
    return ends[-1] if ends else meeting.start_time


def agenda_overruns(*, meeting: Meeting, entries: list[AgendaEntry]) -> bool:
    return agenda_end(meeting=meeting, entries=entries) > meeting.end_time
