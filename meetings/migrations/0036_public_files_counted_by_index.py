"""The API's file list counts and pages the public files from the index of the items that have any, which now
carries each item's versions and number of public files: no row is read (1.7 → 1.3 ms at 10 years of history,
2.8 → 1.9 ms at 30; the rows hold the items' texts and files)."""

from django.db import migrations, models

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0035_items_counted_by_index"),
    ]

    operations = guarded_schema_change(
        migrations.RemoveIndex(model_name="frozenitem", name="frozenitem_with_public_files"),
        migrations.AddIndex(
            model_name="frozenitem",
            index=models.Index(
                condition=models.Q(("public_files__gt", 0)),
                fields=["meeting", "sequence", "id"],
                include=("dispatch", "minutes_version", "public_files"),
                name="frozenitem_with_public_files",
            ),
        ),
    )
