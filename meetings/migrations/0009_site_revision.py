"""The site's revision number and the triggers that raise it (see meetings.revision)."""

from django.db import migrations


def install(apps, schema_editor):
    from meetings import revision

    revision.install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0008_minutesversion_search_vector"), ("members", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
