"""Generated history for measuring: years of meetings with agendas, published notes and positions.

Not real SRO data: made up from a small vocabulary so that search has words to find. Used by the
query-count tests (small and large) and by ``bench/public_site.py`` (10 years: 100 meetings, 1,500
agenda items, 3,000 positions). Rows are written in bulk; the notes are inserted as drafts and then
marked published, the one order the database's integrity guard allows.
"""

import datetime
import hashlib
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Attachment,
    FrozenItem,
    Matter,
    Meeting,
    Minutes,
    MinutesVersion,
    NoticeDispatch,
    Position,
)
from meetings.pdf import html_to_pdf
from meetings.selectors.notices import meeting_snapshot, notice_items

MEETINGS_PER_YEAR = 10
ITEMS_PER_MEETING = 15
POSITIONS_OUTSIDE_MEETINGS_PER_YEAR = 150  # with one position per item: 3,000 positions in 10 years

SUBJECTS = [
    "hälso- och sjukvårdsavtal", "nära vård", "psykisk hälsa", "barn och unga", "läkemedel", "hjälpmedel",
    "vårdinformationsmiljö", "digitalisering", "kompetensförsörjning", "samverkan", "folkhälsa", "missbruk",
    "äldre", "primärvård", "ambulanssjukvård", "utskrivning från sluten vård", "regional utvecklingsstrategi",
    "statsbidrag", "uppföljning", "färdplan",
]  # fmt: skip
VERBS = ["informerar om", "redovisar", "föreslår", "följer upp", "diskuterar", "återrapporterar"]
WHO = ["VGR", "VästKom", "Göteborgsregionen", "Fyrbodal", "Skaraborg", "Boråsregionen", "Sjuhärad"]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(WHO)} {rng.choice(VERBS)} {rng.choice(SUBJECTS)} och {rng.choice(SUBJECTS)}."


@transaction.atomic
def _send_and_publish(meetings, *, now, pdf_name: str, pdf_hash: str) -> dict[int, list[FrozenItem]]:
    """Each meeting's notice as a sent, published version 1 with its items, as the notice service freezes it.
    Returns the frozen items by meeting id."""
    dispatches = NoticeDispatch.objects.bulk_create(
        NoticeDispatch(meeting=meeting, version=1, sent_at=now, pdf=pdf_name, pdf_sha256=pdf_hash,
                       html="<p>Genererad kallelse.</p>", public_html="<p>Genererad kallelse.</p>",
                       public_pdf_html="<html lang='sv'><title>Kallelse</title><p>Genererad kallelse.</p></html>",
                       snapshot={"meeting": meeting_snapshot(meeting)})
        for meeting in meetings
    )  # fmt: skip
    rows = {}
    for meeting, dispatch in zip(meetings, dispatches, strict=True):
        for row in notice_items(meeting):
            row.dispatch = dispatch
            rows.setdefault(meeting.pk, []).append(row)
    FrozenItem.objects.bulk_create([row for group in rows.values() for row in group], batch_size=500)
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(notice_version=1, notice_published_at=now)
    return rows


def generate(*, body, years: int = 10, first_year: int = 2010, seed: int = 1) -> dict:
    """Write ``years`` years of held meetings, all with published notice and notes; return the counts."""
    rng = random.Random(seed)
    now = timezone.now()
    pdf = html_to_pdf("<html lang='sv'><title>Minnesanteckningar</title><p>Genererade minnesanteckningar.</p>")
    pdf_name = default_storage.save("minutes/generated.pdf", ContentFile(pdf))
    pdf_hash = hashlib.sha256(pdf).hexdigest()
    attachment_name = default_storage.save("attachments/generated.pdf", ContentFile(pdf))

    matters = Matter.objects.bulk_create(
        Matter(body=body, title=f"{subject.capitalize()} {year}", description=_sentence(rng))
        for year in range(first_year, first_year + years)
        for subject in rng.sample(SUBJECTS, 4)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            body=body,
            date=datetime.date(year, month, 10),
            start_time=datetime.time(13, 30),
            end_time=datetime.time(15, 30),
            status=Meeting.Status.HELD,
            location="Regionens hus, Vänersborg",
            notice_sent_at=now,
            announced_date=datetime.date(year, month, 10),
        )
        for year in range(first_year, first_year + years)
        for month in range(1, 1 + MEETINGS_PER_YEAR)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            order=order,
            kind=AgendaItem.Kind.INFORMATION_POSITION,
            title=f"{rng.choice(SUBJECTS).capitalize()}: {rng.choice(VERBS)} {rng.choice(SUBJECTS)}",
            duration_minutes=rng.choice([5, 10, 15, 20]),
            body=f"<p>{_sentence(rng)} {_sentence(rng)}</p>",
            proposals=[f"<div>SRO ställer sig bakom {rng.choice(SUBJECTS)}.</div>"],
            matter=rng.choice(matters),
        )
        for meeting in meetings
        for order in range(1, 1 + ITEMS_PER_MEETING)
    )
    Attachment.objects.bulk_create(
        Attachment(item=item, file=attachment_name, title=f"Underlag {item.title[:60]}.pdf", is_public=True,
                   content_type="application/pdf", size=len(pdf), sha256=pdf_hash)
        for item in items[::5]
    )  # fmt: skip
    sent = _send_and_publish(meetings, now=now, pdf_name=pdf_name, pdf_hash=pdf_hash)
    minutes = Minutes.objects.bulk_create(Minutes(meeting=meeting) for meeting in meetings)
    working = Position.objects.bulk_create(
        Position(body=body, how=Position.How.MEETING, taken_on=item.meeting.date, item=item, matter=item.matter,
                 text=f"SRO ställer sig bakom att {rng.choice(WHO)} arbetar vidare med {rng.choice(SUBJECTS)}.",
                 clauses=f"{_sentence(rng)}\n{_sentence(rng)}")
        for item in items
    )  # fmt: skip
    outside = [
        Position(body=body, how=rng.choice([Position.How.PER_CAPSULAM, Position.How.CHAIR_DECISION]),
                 taken_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)), matter=rng.choice(matters),
                 text=f"SRO ställer sig bakom {rng.choice(SUBJECTS)} per capsulam.")
        for year in range(first_year, first_year + years)
        for _ in range(POSITIONS_OUTSIDE_MEETINGS_PER_YEAR)
    ]  # fmt: skip
    Position.objects.bulk_create(outside)
    by_meeting: dict[int, list[AgendaItem]] = {}
    for item in items:
        by_meeting.setdefault(item.meeting_id, []).append(item)
    versions = MinutesVersion.objects.bulk_create(
        MinutesVersion(
            minutes=one,
            version=1,
            # A page of notes has its level-one heading in the frozen HTML, as the notes' own template writes it.
            html=f"<h1>Minnesanteckningar {body.short_name}</h1>" + "".join(
                f"<h2>{i.order}. {i.title}</h2><p>{_sentence(rng)} {_sentence(rng)}</p>"
                for i in by_meeting[one.meeting_id]),
            pdf=pdf_name,
            pdf_sha256=pdf_hash,
            approved_by_name="Generated Chair",
            approved_at=now,
            published_at=now,
            snapshot={"meeting": meeting_snapshot(one.meeting)},
        )
        for one in minutes
    )  # fmt: skip
    for meeting in meetings:  # as the publication announces it (``meetings.services.announce``)
        meeting.announced = meeting_snapshot(meeting)
    Meeting.objects.bulk_update(meetings, ["announced"], batch_size=500)
    version_of = {v.minutes.meeting_id: v for v in versions}
    frozen = []
    for position in working:
        position.pk, position.minutes_version = None, version_of[position.item.meeting_id]
        frozen.append(position)
    Position.objects.bulk_create(frozen)  # the copies frozen with each approved version
    # And the agenda as each approved version froze it, as the approval does (``services.minutes``): the agenda
    # had not changed since the notice was sent.
    approved = []
    for meeting_pk, rows in sent.items():
        for row in rows:
            row.pk, row.dispatch, row.minutes_version = None, None, version_of[meeting_pk]
            approved.append(row)
    FrozenItem.objects.bulk_create(approved, batch_size=500)
    Minutes.objects.filter(pk__in=[m.pk for m in minutes]).update(
        status=Minutes.Status.PUBLISHED, approved_at=now, approved_by_name="Generated Chair", published_at=now
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # after a bulk load, as autovacuum would do a little later
    return {"meetings": len(meetings), "items": len(items), "positions": len(items) + len(outside),
            "matters": len(matters)}  # fmt: skip
