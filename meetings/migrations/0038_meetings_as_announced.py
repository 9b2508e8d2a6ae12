"""What the public and the called read of a meeting's date, times, kind, form and place is what was announced: the
snapshot of its newest sent notice, until a version of its notes is approved (the meeting's own from then on, which
cannot change any more: 0037). A change saved after a sending no longer reaches them before the next sending.

Each meeting gets it as the record has it (``announce``; the backup's restore of an older archive runs it too)."""

import datetime

from django.db import migrations, models

from meetings.integrity import guarded_schema_change


def announce(apps, schema_editor):
    """Each meeting as last announced: nothing once a version of its notes is approved (its own facts stand), else
    the meeting of its newest sent notice's snapshot; and that date (its own before any) for the lists."""
    Meeting = apps.get_model("meetings", "Meeting")
    NoticeDispatch = apps.get_model("meetings", "NoticeDispatch")
    MinutesVersion = apps.get_model("meetings", "MinutesVersion")
    approved = set(MinutesVersion.objects.values_list("minutes__meeting_id", flat=True))
    newest = {}
    for meeting_id, snapshot in NoticeDispatch.objects.order_by("meeting_id", "version").values_list("meeting_id",
                                                                                                      "snapshot"):
        newest[meeting_id] = (snapshot or {}).get("meeting")  # a notice sent before snapshots were kept has none
    meetings = list(Meeting.objects.only("pk", "date"))
    for meeting in meetings:
        facts = None if meeting.pk in approved else newest.get(meeting.pk)
        meeting.announced = facts
        meeting.announced_date = datetime.date.fromisoformat(facts["date"]) if facts else meeting.date
    Meeting.objects.bulk_update(meetings, ["announced", "announced_date"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0037_meeting_facts_kept"),
    ]

    operations = guarded_schema_change(
        migrations.AddField(
            model_name="meeting",
            name="announced",
            field=models.JSONField(blank=True, editable=False, null=True, verbose_name="as last sent"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="announced_date",
            field=models.DateField(editable=False, null=True, verbose_name="date as last sent"),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["-announced_date"], name="meeting_announced_newest_first"),
        ),
        migrations.RunPython(announce, migrations.RunPython.noop),
    )
