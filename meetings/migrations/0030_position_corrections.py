"""Corrections of positions taken outside a meeting, kept beside the position; the guard is put back after, and
now also refuses any change to a correction (``meetings.integrity``)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0029_notes_sha512_and_public_notice_pdf'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = guarded_schema_change(
        migrations.CreateModel(
            name='PositionCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('corrected_at', models.DateTimeField(verbose_name='corrected')),
                ('corrected_by_name', models.CharField(max_length=200, verbose_name='corrected by (name)')),
                ('reason', models.TextField(verbose_name='reason for the correction')),
                ('previous_how', models.CharField(choices=[('meeting', 'At a meeting'), ('per_capsulam', 'Per capsulam'), ('chair_decision', "Chair's decision")], max_length=20, verbose_name='how it was taken, before')),
                ('previous_taken_on', models.DateField(verbose_name='date, before')),
                ('previous_matter_title', models.CharField(blank=True, max_length=300, verbose_name='matter, before')),
                ('previous_html', models.TextField(help_text='Sanitised HTML, as it was printed.', verbose_name='position, before')),
                ('corrected_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='corrected by')),
                ('position', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='meetings.position', verbose_name='position')),
            ],
            options={
                'verbose_name': 'correction of a position',
                'verbose_name_plural': 'corrections of positions',
                'ordering': ['position', 'corrected_at', 'pk'],
            },
        ),
    )
