"""The assignments a position gives, kept with its copy frozen with an approved version of the notes, as those notes
print them: the public matter timeline reads them from there.

Versions approved before this migration get the assignments as they stand now, on the copy of the position that
holds them (same item, same place), if the assignment existed when the version was approved: the best the record
allows; the approved PDF stays what it was."""

from django.db import migrations, models

from meetings.integrity import guarded_schema_change


def given_as_approved(apps, schema_editor):
    Assignment = apps.get_model("meetings", "Assignment")
    Position = apps.get_model("meetings", "Position")
    for assignment in Assignment.objects.filter(position__item__isnull=False).select_related("position", "due_meeting"):
        held_by = assignment.position
        due = assignment.due_date or (assignment.due_meeting.date if assignment.due_meeting_id else None)
        record = {"id": assignment.pk, "assignees": assignment.assignees, "description": assignment.description,
                  "due_on": due.isoformat() if due else None}  # fmt: skip
        copies = Position.objects.filter(item_id=held_by.item_id, order=held_by.order, minutes_version__isnull=False,
                                         minutes_version__approved_at__gte=assignment.created_at)  # fmt: skip
        for copy in copies:
            copy.assignments_given = [*copy.assignments_given, record]
            copy.save(update_fields=["assignments_given"])


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0032_public_matters'),
    ]

    operations = guarded_schema_change(
        migrations.AddField(
            model_name='position',
            name='assignments_given',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='assignments given, as approved'),
        ),
        migrations.RunPython(given_as_approved, migrations.RunPython.noop),
    )
