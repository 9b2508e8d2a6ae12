"""What the public reads now (which notes version, which notice version) is kept by the database, and always equals
what the record says: whichever path changed the record, a service, a bulk update or a withdrawal made past them."""

import datetime

import pytest
from django.db import connection
from django.db.models import Exists, F, OuterRef

from meetings import integrity
from meetings.models import (
    Meeting,
    Minutes,
    MinutesVersion,
    MinutesWithdrawal,
    NoticeDispatch,
    PublicNotice,
    PublicVersion,
)
from meetings.services import minutes as minutes_services
from meetings.services.minutes import freeze, minutes_withdraw

pytestmark = pytest.mark.django_db


def from_the_record() -> tuple[dict, dict]:
    """The same two answers computed from the record itself, as the portal did before it kept them."""
    public = MinutesVersion.objects.filter(published_at__isnull=False, withdrawal__isnull=True)
    newer = public.filter(minutes=OuterRef("minutes"), version__gt=OuterRef("version"))
    versions = dict(public.exclude(Exists(newer)).values_list("minutes_id", "pk"))
    sent = NoticeDispatch.objects.filter(
        meeting__notice_published_at__isnull=False, version=F("meeting__notice_version")
    )
    return versions, dict(sent.values_list("meeting_id", "pk"))


def kept() -> tuple[dict, dict]:
    return (dict(PublicVersion.objects.values_list("minutes_id", "version_id")),
            dict(PublicNotice.objects.values_list("meeting_id", "dispatch_id")))  # fmt: skip


def test_the_demo_is_kept_as_the_record_says(demo):
    versions, notices = kept()
    assert versions and notices and (versions, notices) == from_the_record()


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
    assert kept() == before == from_the_record()
