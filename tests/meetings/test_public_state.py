"""What the public reads now (which notes version, which notice version, which matters) is kept by the database, and
always equals what the record says: whichever path changed the record, a service, a bulk update or a withdrawal made
past them."""

import datetime

import pytest
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q

from meetings import integrity
from meetings.models import (
    AnnualPlanEntry,
    FrozenItem,
    Matter,
    Meeting,
    Minutes,
    MinutesVersion,
    MinutesWithdrawal,
    NoticeDispatch,
    Position,
    PublicMatter,
    PublicNotice,
    PublicVersion,
)
from meetings.services import minutes as minutes_services
from meetings.services.minutes import freeze, minutes_withdraw
from meetings.services.positions import matter_for_title, matter_merge, plan_entry_add, position_record

pytestmark = pytest.mark.django_db


def from_the_record() -> tuple[dict, dict]:
    """The same two answers computed from the record itself, as the portal did before it kept them."""
    public = MinutesVersion.objects.filter(published_at__isnull=False, withdrawal__isnull=True)
    newer = public.filter(minutes=OuterRef("minutes"), version__gt=OuterRef("version"))
    versions = dict(public.exclude(Exists(newer)).values_list("minutes_id", "pk"))
    sent = NoticeDispatch.objects.filter(
        meeting__notice_published_at__isnull=False, version=F("meeting__notice_version")
    )
    notices = dict(sent.values_list("meeting_id", "pk"))
    # A matter is known by a public position, a public item (of a published notice as sent; of public notes when
    # the notice is not published) or a plan entry; a merged one through the matter it went into.
    positions = Position.objects.filter(Q(how__in=["per_capsulam", "chair_decision"])
                                        | Q(minutes_version_id__in=versions.values())).values("matter_id")  # fmt: skip
    items = FrozenItem.objects.filter(
        Q(dispatch_id__in=notices.values())
        | Q(minutes_version_id__in=versions.values(), meeting__notice_published_at__isnull=True)
    ).values("matter_id")
    known = set()
    for ids in (positions, items, AnnualPlanEntry.objects.values("matter_id")):
        known |= {m for m in ids.values_list("matter_id", flat=True) if m}
    matters = {m.merged_into_id or m.pk for m in Matter.objects.filter(pk__in=known)}
    return versions, notices, matters


def kept() -> tuple[dict, dict, set]:
    return (dict(PublicVersion.objects.values_list("minutes_id", "version_id")),
            dict(PublicNotice.objects.values_list("meeting_id", "dispatch_id")),
            set(PublicMatter.objects.values_list("matter_id", flat=True)))  # fmt: skip


def test_the_demo_is_kept_as_the_record_says(demo):
    versions, notices, matters = kept()
    assert versions and notices and matters and (versions, notices, matters) == from_the_record()


def test_corrections_withdrawals_and_a_notice_taken_down_are_followed_at_once(demo, secretary):
    notes = Minutes.objects.select_related("meeting").get(meeting__date=datetime.date(2022, 10, 19))
    first = notes.versions.get(version=1)
    assert PublicVersion.objects.get(minutes=notes).version == first

    minutes_services.minutes_correct(minutes=notes, by=secretary, reason="Rättelse")
    assert PublicVersion.objects.get(minutes=notes).version == first  # a correction in progress changes nothing
    minutes_services.minutes_send_to_chair(minutes=notes, by=secretary, remind=False)
    notes.refresh_from_db()
    now = datetime.datetime.now(datetime.UTC)
    freeze(minutes=notes, approved_by=None, approved_by_name="Johnny Magnusson", now=now)
    second = notes.versions.get(version=2)
    assert PublicVersion.objects.get(minutes=notes).version == first  # approved, not yet published
    minutes_services.minutes_publish(minutes=notes, by=secretary, alert=False)
    assert PublicVersion.objects.get(minutes=notes).version == second
    assert kept() == from_the_record()

    minutes_withdraw(version=second, by=secretary, reason="Fel person namngiven")
    assert PublicVersion.objects.get(minutes=notes).version == first  # the older one is public again
    MinutesWithdrawal.objects.create(version=first, withdrawn_by_name="Skript", withdrawn_at=second.approved_at,
                                     reason="Gjort förbi tjänsterna")  # fmt: skip
    assert not PublicVersion.objects.filter(minutes=notes).exists()
    assert kept() == from_the_record()

    meeting = PublicNotice.objects.select_related("meeting").first().meeting
    Meeting.objects.filter(pk=meeting.pk).update(notice_published_at=None)  # a bulk update, past every service
    assert not PublicNotice.objects.filter(meeting=meeting).exists()
    assert kept() == from_the_record()


def test_a_restore_with_the_triggers_lifted_is_put_right_when_they_are_back(demo):
    before = kept()
    with integrity.guard_disabled(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM meetings_publicversion")
        cursor.execute("DELETE FROM meetings_publicnotice")
        cursor.execute("DELETE FROM meetings_publicmatter")
    assert kept() == before == from_the_record()


def test_a_matter_is_public_when_something_public_names_it_and_follows_merges_and_take_downs(demo, secretary):
    body = Meeting.objects.first().body
    new = matter_for_title(body=body, title="Ny fråga om hjälpmedel")
    assert new.pk not in kept()[2]  # nothing public names it yet
    position_record(body=body, how="per_capsulam", taken_on=datetime.date(2026, 2, 3), text="SRO tillstyrker.",
                    matter=new, by=secretary)  # fmt: skip
    assert new.pk in kept()[2]  # a position per capsulam is public at once, and so its matter

    planned = matter_for_title(body=body, title="Planerad fråga")
    entry = plan_entry_add(body=body, matter=planned, year=2027, quarter=1)
    assert planned.pk in kept()[2]
    AnnualPlanEntry.objects.filter(pk=entry.pk).update(matter=None, topic="Annat")  # a bulk update, past the services
    assert planned.pk not in kept()[2] and kept() == from_the_record()

    matter_merge(source=new, into=planned)  # known through the one it went into; no longer a row of its own
    assert planned.pk in kept()[2] and new.pk not in kept()[2]
    assert kept() == from_the_record()

    # A notice taken down: the matters only its agenda named are no longer public; published again, they are.
    meeting = Meeting.objects.filter(public_notice__isnull=False, minutes__isnull=True).first()
    on_agenda = set(
        FrozenItem.objects.filter(meeting=meeting, matter__isnull=False).values_list("matter_id", flat=True)
    )
    assert on_agenda and on_agenda <= kept()[2]
    Meeting.objects.filter(pk=meeting.pk).update(notice_published_at=None)
    assert kept() == from_the_record()
    Meeting.objects.filter(pk=meeting.pk).update(notice_published_at=datetime.datetime.now(datetime.UTC))
    assert on_agenda <= kept()[2] and kept() == from_the_record()
