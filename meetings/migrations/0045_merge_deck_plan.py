"""The yearly review's highlight lines (deck) and the annual plan's shapes (plan) side by side; the record's guard
and the revision's triggers put back over every table as both leave it, whichever ran last."""

from django.db import migrations

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0044_deck_review_highlights"),
        ("meetings", "0044_plan_shapes"),
    ]

    operations = guarded_schema_change()
