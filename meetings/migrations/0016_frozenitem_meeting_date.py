"""Each agenda item as sent or approved keeps its meeting's date, indexed newest first with its place.

The API's item list and the search ordered the items through the joined meeting and read every row of
thirty years to find the newest twenty; with the date on the row they read one index and stop. The rows
already there get their meeting's date (the guard lifted for that one statement; on PostgreSQL the
revision's deferred triggers run at once, so that none is pending when the guard is put back, see 0015).
"""

from django.db import migrations, models

from meetings.integrity import guarded_schema_change


def fill_dates(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    schema_editor.execute(
        "UPDATE meetings_frozenitem SET meeting_date = "
        "(SELECT date FROM meetings_meeting WHERE meetings_meeting.id = meetings_frozenitem.meeting_id)"
    )
    if postgres:
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0015_search_vectors_and_newest_first"),
    ]

    operations = guarded_schema_change(
        migrations.AddField(
            model_name="frozenitem",
            name="meeting_date",
            field=models.DateField(editable=False, null=True, verbose_name="meeting date"),
        ),
        migrations.AddIndex(
            model_name="frozenitem",
            index=models.Index(fields=["-meeting_date", "sequence"], name="frozenitem_newest_first"),
        ),
        migrations.RunPython(fill_dates, migrations.RunPython.noop),
    )
