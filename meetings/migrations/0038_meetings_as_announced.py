"""What the public and the called read of a meeting's date, times, kind, form and place is what was announced: as
the public version of its notes approved them, else as its newest sent notice printed them. A change saved after a
sending, or in a correction of approved notes, no longer reaches them before the next sending or publication.

Each approved version keeps the meeting as it approved it (``MinutesVersion.snapshot``; those approved before get
the meeting as it is, the best record there is), and each meeting gets what was announced of it (``announce``; the
backup's restore of an older archive runs it too)."""

import datetime

from django.db import migrations, models

from meetings.integrity import guarded_schema_change


def _facts(meeting) -> dict:
    """``meetings.selectors.notices.meeting_snapshot``, as it is now."""
    return {"date": meeting.date.isoformat(), "start_time": meeting.start_time.strftime("%H:%M"),
            "end_time": meeting.end_time.strftime("%H:%M"), "form": meeting.form, "location": meeting.location,
            "kind": meeting.kind}  # fmt: skip


def announce(apps, schema_editor):
    """Each approved version without the meeting as it approved it gets the meeting as it is; each meeting what
    was announced of it (``meetings.services.announce``): as its public version of the notes approved it, else as
    its newest sent notice's snapshot printed it, else nothing; and that date (its own before any) for the lists."""
    Meeting = apps.get_model("meetings", "Meeting")
    NoticeDispatch = apps.get_model("meetings", "NoticeDispatch")
    MinutesVersion = apps.get_model("meetings", "MinutesVersion")
    meetings = {meeting.pk: meeting for meeting in Meeting.objects.all()}
    versions = list(MinutesVersion.objects.select_related("minutes").filter(snapshot={}))
    for version in versions:
        version.snapshot = {"meeting": _facts(meetings[version.minutes.meeting_id])}
    MinutesVersion.objects.bulk_update(versions, ["snapshot"], batch_size=500)
    announced = {}
    for meeting_id, snapshot in NoticeDispatch.objects.order_by("meeting_id", "version").values_list("meeting_id",
                                                                                                      "snapshot"):
        announced[meeting_id] = (snapshot or {}).get("meeting")  # a notice sent before snapshots were kept has none
    public = MinutesVersion.objects.filter(public__isnull=False).values_list("minutes__meeting_id", "snapshot")
    for meeting_id, snapshot in public:
        announced[meeting_id] = snapshot["meeting"]
    for meeting in meetings.values():
        facts = announced.get(meeting.pk)
        meeting.announced = facts
        meeting.announced_date = datetime.date.fromisoformat(facts["date"]) if facts else meeting.date
    Meeting.objects.bulk_update(list(meetings.values()), ["announced", "announced_date"], batch_size=500)


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
        migrations.AddField(
            model_name="minutesversion",
            name="snapshot",
            field=models.JSONField(blank=True, default=dict, verbose_name="meeting as approved"),
        ),
        migrations.RunPython(announce, migrations.RunPython.noop),
    )
