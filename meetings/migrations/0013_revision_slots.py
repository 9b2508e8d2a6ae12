"""The site's revision spread over rows on PostgreSQL (meetings.revision.SLOTS), so that writers do not
queue behind one row at their commits."""

from django.db import migrations


def install(apps, schema_editor):
    from meetings import revision

    revision.install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0012_submission")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
