"""When what the public reads of a meeting last changed (``Meeting.public_modified``, OParl's ``modified`` and what
its ``modified_since`` filters): kept by the database (``meetings.public_state``), so a draft saved between sendings
no longer moves it. Meetings before it get the moment their row last changed, the best record there is (the backup's
restore of an older archive does the same)."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import F

from meetings.integrity import guarded_schema_change


def as_last_saved(apps, schema_editor):
    apps.get_model("meetings", "Meeting").objects.update(public_modified=F("updated_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0038_meetings_as_announced"),
    ]

    operations = guarded_schema_change(
        migrations.AddField(
            model_name="meeting",
            name="public_modified",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="changed for the public"
            ),
        ),
        migrations.RunPython(as_last_saved, migrations.RunPython.noop),
    )
