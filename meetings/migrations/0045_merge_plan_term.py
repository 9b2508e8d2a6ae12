"""The annual plan's shapes (plan) and the recorded sending and approval dates (term) side by side; the record's
guard and the revision's triggers put back over every table as both leave it, whichever ran last."""

from django.db import migrations

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0044_plan_shapes"),
        ("meetings", "0044_term_recorded_dates"),
    ]

    operations = guarded_schema_change()
