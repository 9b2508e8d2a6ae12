"""Two reads that grew with the years of history, made to follow a page instead:

- each sent item keeps how many of its files are public (``FrozenItem.public_files``, counted from its frozen list
  of attachments, here for the rows there are), and an index of the items that have any: the API's file list;
- an index of each body's positions, newest first: the years of the positions register, one probe a year."""

from django.db import migrations, models

from meetings.integrity import guarded_schema_change


def count_public_files(apps, schema_editor):
    FrozenItem = apps.get_model("meetings", "FrozenItem")
    rows = list(FrozenItem.objects.exclude(attachments=[]).only("attachments"))
    for row in rows:
        row.public_files = sum(1 for attachment in row.attachments if attachment.get("is_public"))
    FrozenItem.objects.bulk_update([row for row in rows if row.public_files], ["public_files"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0033_assignments_given_as_approved"),
    ]

    operations = guarded_schema_change(
        migrations.AddField(
            model_name="frozenitem",
            name="public_files",
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name="public files"),
        ),
        migrations.AddIndex(
            model_name="frozenitem",
            index=models.Index(
                condition=models.Q(("public_files__gt", 0)),
                fields=["meeting", "sequence", "id"],
                name="frozenitem_with_public_files",
            ),
        ),
        migrations.AddIndex(
            model_name="position",
            index=models.Index(fields=["body", "-taken_on"], name="position_body_newest_first"),
        ),
        # Last: the rows it writes leave trigger events pending, which an index built after them would meet.
        migrations.RunPython(count_public_files, migrations.RunPython.noop),
    )
