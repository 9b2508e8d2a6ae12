from django.db import migrations


def install(apps, schema_editor):
    # The guard as the code has it now covers tables made later (migration 0010): 0010 installs it, and
    # here it is left out on a new database. A database migrated before 0010 has had it since this step.
    pass


def uninstall(apps, schema_editor):
    from meetings import integrity

    integrity.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_minutes_versions")]

    operations = [migrations.RunPython(install, uninstall)]
