# What went to the chair in each round, for the approval bound to what she read.
#
# SQLite adds a column by rebuilding the table, which the guard's triggers on other tables (they name
# meetings_minutes) would break, and which drops the table's own triggers: the guard is lifted for the
# rebuild, and the guard and the revision's triggers are put back after (as any migration that changes
# a guarded table must do).

from django.db import migrations, models


def uninstall(apps, schema_editor):
    from meetings import integrity

    integrity.uninstall(schema_editor)


def install(apps, schema_editor):
    from meetings import integrity, revision

    integrity.install(schema_editor)
    revision.install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0010_record_versions"),
    ]

    operations = [
        migrations.RunPython(uninstall, install),
        migrations.AddField(
            model_name="minutes",
            name="sent_html",
            field=models.TextField(blank=True, editable=False, verbose_name="content when sent to the chair"),
        ),
        migrations.RunPython(install, uninstall),
    ]
