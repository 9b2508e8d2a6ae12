"""The days a past year's notices were really sent and its notes really approved, recorded beside the moments they
were entered; the approved version's guard put back so that its recorded day, once stored, never changes."""

from django.db import migrations, models

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0043_triggers_after_the_term_and_credentials"),
    ]

    operations = guarded_schema_change(
        migrations.AddField(
            model_name="minutes",
            name="recorded_approved_on",
            field=models.DateField(blank=True, null=True, verbose_name="approved on (recorded afterwards)"),
        ),
        migrations.AddField(
            model_name="minutesversion",
            name="recorded_approved_on",
            field=models.DateField(blank=True, null=True, verbose_name="approved on (recorded afterwards)"),
        ),
        migrations.AddField(
            model_name="noticedispatch",
            name="recorded_sent_on",
            field=models.DateField(blank=True, null=True, verbose_name="sent on (recorded afterwards)"),
        ),
    )
