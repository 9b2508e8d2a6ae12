from django.db import migrations


def install(apps, schema_editor):
    from meetings import integrity

    integrity.install(schema_editor)


def uninstall(apps, schema_editor):
    from meetings import integrity

    integrity.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_minutes_versions")]

    operations = [migrations.RunPython(install, uninstall)]
