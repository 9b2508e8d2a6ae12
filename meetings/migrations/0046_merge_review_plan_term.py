"""The deck's highlight lines, the plan's shapes and the recorded dates together; the record's guard and the
revision's triggers put back over every table as the three leave it (the recorded approval date is in the guard)."""

from django.db import migrations

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0045_merge_plan_term"),
        ("meetings", "0045_merge_deck_plan"),
    ]

    operations = guarded_schema_change()
