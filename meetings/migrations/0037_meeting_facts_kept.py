"""A meeting's date, times, kind, form and place do not change while its notes are approved or published: the guard
(``meetings.integrity``) is put back with that rule on ``meetings_meeting``."""

from django.db import migrations

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0036_public_files_counted_by_index"),
    ]

    operations = guarded_schema_change()
