"""The revision follows the public record only: the secretary's working copy (the agenda being edited,
the notes being kept, attendance, invitations, the log) no longer raises it (meetings.revision.WORKING)."""

from django.db import migrations


def install(apps, schema_editor):
    from meetings import revision

    revision.install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0013_revision_slots")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
