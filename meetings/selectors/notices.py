"""Reads of the notice's sent versions: what the public sees, and what changed since the last sending."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.dates import long_date
from meetings.models import Attachment, FrozenItem, Meeting, NoticeDispatch, PublicNotice, PublicVersion
from meetings.models.frozen import public_file_count
from meetings.querysets import built_once
from meetings.sanitize import html_to_text
from meetings.selectors.agenda import agenda_items_queryset, agenda_with_times
from members import choices


def meeting_snapshot(meeting: Meeting) -> dict:
    """The meeting's own facts as the notice prints them, kept with each sent version."""
    return {
        "date": meeting.date.isoformat(),
        "start_time": meeting.start_time.strftime("%H:%M"),
        "end_time": meeting.end_time.strftime("%H:%M"),
        "form": meeting.form,
        "location": meeting.location,
        "kind": meeting.kind,
    }


def attachment_record(attachment) -> dict:
    return {"id": attachment.pk, "title": attachment.title, "is_public": attachment.is_public,
            "sha256": attachment.sha256, "sha512": attachment.sha512, "content_type": attachment.content_type,
            "size": attachment.size,
            "file_name": attachment.download_name}  # fmt: skip


def notice_items(meeting: Meeting) -> list[FrozenItem]:
    """The agenda as it stands now, as (unsaved) rows of a sent version: numbers, times, presenters, files."""
    entries = agenda_with_times(meeting=meeting, items=list(agenda_items_queryset(meeting)))
    rows = []
    for entry in entries:
        for one in (entry, *entry.children):
            item, proposals = one.item, one.item.proposal_list
            files = [attachment_record(a) for a in item.attachments.all()]
            rows.append(
                FrozenItem(
                    meeting=meeting, meeting_date=meeting.date, item_id=item.pk, parent_item_id=item.parent_id,
                    sequence=len(rows) + 1,
                    number=one.number, kind=item.kind, kind_note=item.kind_note, kind_label=str(item.kind_label),
                    standing=item.standing, title=item.title, duration_minutes=item.duration_minutes,
                    show_time=item.show_time, start=one.start if one.has_times else None,
                    end=one.end if one.has_times else None, body=item.body, proposals=proposals,
                    proposal_text="\n\n".join(html_to_text(html) for html in proposals), matter=item.matter,
                    matter_title=item.matter.title if item.matter_id else "",
                    presenters=[{"person_id": p.person_id, "description": p.description, "label": p.label}
                                for p in item.presenters.all()],
                    attachments=files, public_files=public_file_count(files),
                )
            )  # fmt: skip
    return rows


def published_dispatches():
    """Of each meeting whose notice is published, its newest sent version: what the public reads."""
    return NoticeDispatch.objects.filter(pk__in=PublicNotice.objects.values("dispatch_id"))


def public_notice(*, meeting: Meeting) -> NoticeDispatch | None:
    """The sent version the public reads for this meeting, or None while the notice is not published (read
    with the meeting where ``public_meeting`` was asked for it)."""
    if not meeting.notice_published_at:
        return None
    if Meeting.public_notice.is_cached(meeting):
        public = getattr(meeting, "public_notice", None)  # None: the meeting has no public notice row
        return public.dispatch if public is not None else None
    return published_dispatches().filter(meeting=meeting).first()


@built_once
def public_items():
    """The public agenda items: of a published notice as sent; of a meeting whose notice was never
    published, as the newest published version of its notes froze them."""

    # Both arms as id lists (no condition on the joined meeting), so that PostgreSQL filters the rows as it
    # reads them and joins the meetings afterwards only to order them.
    never_published = Meeting.objects.filter(notice_published_at__isnull=True).values("pk")
    return FrozenItem.objects.filter(
        Q(dispatch_id__in=PublicNotice.objects.values("dispatch_id"))
        | Q(minutes_version_id__in=PublicVersion.objects.values("version_id"), meeting__in=never_published)
    )


RECORD_ORDER = ("meeting_id", "sequence", "pk")


def public_attachment_records(*, body_pk: int | None = None, item_ids=None, pks=None) -> list[tuple[FrozenItem, dict]]:
    """Every public attachment of the published notices, as sent: (the item, the attachment's record); of the
    items ``item_ids`` only, if given (search asks only of the files that match), or of the rows ``pks``."""
    # Only the rows that carry files, and only what a file's record needs: the work follows the files, not
    # every item of thirty years.
    rows = (
        public_items()
        .exclude(attachments=[])
        .only("item_id", "meeting_id", "meeting_date", "sequence", "attachments", "dispatch_id", "minutes_version_id")
        # When its version was sent or approved (``FrozenItem.frozen_at``), as a value: not the two versions as objects.
        .annotate(frozen=Coalesce("dispatch__sent_at", "minutes_version__approved_at"))
        .order_by(*RECORD_ORDER)
    )
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    if body_pk is not None:
        rows = rows.filter(meeting__body_id=body_pk)
    if item_ids is not None:
        rows = rows.filter(item_id__in=item_ids)
    return [(row, record) for row in rows for record in row.public_attachments]


class PublicFiles:
    """The public attachments of one body as a sequence a ``Paginator`` pages through. Each sent item keeps how
    many of its files are public (``FrozenItem.public_files``), so a page reads two numbers per item with any,
    by an index of their own, and the records of its own items only (not every file record of thirty years).
    Iterated whole, it is ``public_attachment_records``."""

    def __init__(self, *, body_pk: int):
        self.body_pk = body_pk
        self._counts = None

    def counts(self) -> list[tuple[int, int]]:
        """(item row, its public files) of every item with files, in the list's order."""
        if self._counts is None:
            self._counts = list(
                public_items()
                .filter(meeting__body_id=self.body_pk, public_files__gt=0)
                .order_by(*RECORD_ORDER)
                .values_list("pk", "public_files")
            )
        return self._counts

    def count(self) -> int:
        return sum(files for _pk, files in self.counts())

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(public_attachment_records(body_pk=self.body_pk))

    def __getitem__(self, wanted: slice) -> list[tuple[FrozenItem, dict]]:
        start, stop = wanted.start or 0, wanted.stop
        pks, before, seen = [], None, 0
        for pk, files in self.counts():  # the items whose files fall within the slice
            if seen + files > start and (stop is None or seen < stop):
                pks.append(pk)
                before = seen if before is None else before
            seen += files
        records = public_attachment_records(body_pk=self.body_pk, pks=pks) if pks else []
        before = before or 0
        return records[start - before : None if stop is None else stop - before]


def public_attachment_record(*, pk: int) -> tuple[FrozenItem, dict] | None:
    """One public attachment of a published notice, or None (never one the notice did not send as public)."""
    item_id = Attachment.objects.filter(pk=pk, is_public=True).values_list("item_id", flat=True).first()
    if item_id is None:
        return None
    for row in public_items().filter(item_id=item_id).select_related("dispatch", "minutes_version"):
        for record in row.public_attachments:
            if record["id"] == pk:
                return row, record
    return None


def last_sent(*, meeting: Meeting) -> NoticeDispatch | None:
    """The newest sent version of the notice, or None before the first sending."""
    return NoticeDispatch.objects.filter(meeting=meeting).order_by("-version").first()


@dataclass
class NoticeChange:
    """One difference between the last sent version and the agenda now, as the secretary reads it."""

    subject: str
    field: str
    old: str = ""
    new: str = ""


MEETING_FIELDS = {
    "date": gettext_lazy("Date"),
    "start_time": gettext_lazy("Start"),
    "end_time": gettext_lazy("End"),
    "form": gettext_lazy("Meeting form"),
    "location": gettext_lazy("Place"),
    "kind": gettext_lazy("Kind"),
}
ITEM_FIELDS = {
    "number": gettext_lazy("Number"),
    "title": gettext_lazy("Title"),
    "kind_label": gettext_lazy("Kind"),
    "time": gettext_lazy("Time"),
    "body": gettext_lazy("Text"),
    "proposals": gettext_lazy("Proposed positions"),
    "matter_title": gettext_lazy("Matter"),
    "presenters": gettext_lazy("Presenters"),
    "attachments": gettext_lazy("Attachments"),
}


def _clock(value) -> str:
    return f"{value:%H.%M}" if isinstance(value, datetime.time) else ""


def _item_values(row: FrozenItem) -> dict[str, str]:
    time = ""
    if row.start and row.end:
        time = f"{_clock(row.start)}–{_clock(row.end)} ({row.duration_minutes} min)"
    elif row.duration_minutes:
        time = f"{row.duration_minutes} min"
    attachments = [a["title"] + ("" if a.get("is_public") else " " + _("(not public)")) for a in row.attachments]
    proposals = [html_to_text(html) for html in row.proposal_list]
    return {
        "number": row.number,
        "title": row.title,
        "kind_label": row.kind_label,
        "time": time,
        "body": " ".join(strip_tags(row.body).split()),
        "proposals": " / ".join(f"{n}. {text}" if len(proposals) > 1 else text for n, text in enumerate(proposals, 1)),
        "matter_title": row.matter_title,
        "presenters": "; ".join(p["label"] for p in row.presenters),
        "attachments": "; ".join(attachments),
    }


def _meeting_value(name: str, value: str) -> str:
    if name == "date" and value:
        return long_date(datetime.date.fromisoformat(value))
    if name == "form":
        return choices.label(Meeting.Form, value)
    if name == "kind":
        return choices.label(Meeting.Kind, value)
    return value.replace(":", ".") if name.endswith("_time") else value


def notice_changes(*, meeting: Meeting) -> list[NoticeChange]:
    """What differs between the last sent version and the agenda now: item by item, field by field."""
    dispatch = last_sent(meeting=meeting)
    if dispatch is None:
        return []
    changes = []
    sent_meeting, now_meeting = dispatch.snapshot.get("meeting", {}), meeting_snapshot(meeting)
    for name, label in MEETING_FIELDS.items():
        if name in sent_meeting and sent_meeting[name] != now_meeting[name]:
            changes.append(NoticeChange(subject=_("The meeting"), field=str(label),
                                        old=_meeting_value(name, sent_meeting[name]),
                                        new=_meeting_value(name, now_meeting[name])))  # fmt: skip
    before = {row.item_id: row for row in dispatch.items.all()}
    now = {row.item_id: row for row in notice_items(meeting)}
    for item_id, row in now.items():
        if item_id not in before:
            changes.append(NoticeChange(subject=row.heading, field=_("New item")))
            continue
        old, new = _item_values(before[item_id]), _item_values(row)
        for name, label in ITEM_FIELDS.items():
            if old[name] != new[name]:
                changes.append(NoticeChange(subject=row.heading, field=str(label), old=old[name], new=new[name]))
    for item_id, row in before.items():
        if item_id not in now:
            changes.append(NoticeChange(subject=row.heading, field=_("Item removed")))
    return changes
