"""A matter can be merged into another: the same question entered under two spellings becomes one.

The guard is lifted around the change (on SQLite, rebuilding the matters' table trips the triggers of the
guarded tables that name it; see 0015)."""

import django.db.models.deletion
from django.db import migrations, models

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0018_log_cancellation_sent"),
    ]

    operations = guarded_schema_change(
        migrations.AddField(
            model_name="matter",
            name="merged_into",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="merged",
                to="meetings.matter",
                verbose_name="merged into",
            ),
        ),
    )
