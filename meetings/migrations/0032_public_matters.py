"""Which matters the public may know of, kept by the database (``meetings.public_state``): the table, then the guard
put back, which installs its triggers and fills it from the record."""

import django.db.models.deletion
from django.db import migrations, models

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0031_public_state'),
    ]

    operations = guarded_schema_change(
        migrations.CreateModel(
            name='PublicMatter',
            fields=[
                ('matter', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='public', serialize=False, to='meetings.matter', verbose_name='matter')),
            ],
            options={
                'verbose_name': 'public matter',
                'verbose_name_plural': 'public matters',
            },
        ),
    )
