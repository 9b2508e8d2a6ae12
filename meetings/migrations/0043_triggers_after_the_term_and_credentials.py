"""The record's guard and the public revision's triggers put back over every table as it now stands: the people
register's credentials log is a new table, and on SQLite adding a body's "publish the notice when it is sent" rebuilt
the bodies' table without its trigger (``members`` sits below ``meetings`` and cannot run ``meetings``' installer
itself, so the record does it here, after both)."""

from django.db import migrations

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0042_merge_20261207_1735"),
        ("members", "0006_merge_20261207_1735"),
    ]

    operations = guarded_schema_change()
