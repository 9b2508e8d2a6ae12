"""OParl's state of a meeting follows what the public reads: held once its notes are published, not once the secretary
starts them (``oparl.meeting_state``). So starting the notes no longer moves ``Meeting.public_modified``: its trigger
(``meetings.public_state``) is put back watching only whether the meeting is cancelled of its states."""

from django.db import migrations

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0039_meeting_public_modified"),
    ]

    operations = guarded_schema_change()
