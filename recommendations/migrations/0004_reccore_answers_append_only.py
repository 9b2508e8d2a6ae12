"""The parties' answers become a log the database keeps: an entry is never changed or deleted (a correction is a new
entry with its reason). The record's guard (``meetings.integrity``) names the table; re-installed here, after it
exists."""

from django.db import migrations

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):

    dependencies = [
        ("recommendations", "0003_reccore_status_notes_and_reminders"),
        ("meetings", "0043_triggers_after_the_term_and_credentials"),
    ]

    operations = guarded_schema_change()
