"""What the public reads now, kept by the database (``meetings.public_state``): the tables, then the guard put back,
which installs their triggers and fills them from the record."""

import django.db.models.deletion
from django.db import migrations, models

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0030_position_corrections'),
    ]

    operations = guarded_schema_change(
        migrations.CreateModel(
            name='PublicNotice',
            fields=[
                ('meeting', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='public_notice', serialize=False, to='meetings.meeting', verbose_name='meeting')),
                ('dispatch', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='public', to='meetings.noticedispatch', verbose_name='sent notice')),
            ],
            options={
                'verbose_name': 'public version of the notice',
                'verbose_name_plural': 'public versions of the notice',
            },
        ),
        migrations.CreateModel(
            name='PublicVersion',
            fields=[
                ('minutes', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='public_version', serialize=False, to='meetings.minutes', verbose_name='meeting notes')),
                ('version', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='public', to='meetings.minutesversion', verbose_name='approved version')),
            ],
            options={
                'verbose_name': 'public version of the notes',
                'verbose_name_plural': 'public versions of the notes',
            },
        ),
    )
