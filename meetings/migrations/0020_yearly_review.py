"""The yearly review ("Återblick ÅR och på gång ÅR+1"), published as a frozen deck."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import meetings.fields
from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0019_matter_merged_into"),
        ("members", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # Through guarded_schema_change, which puts the revision's triggers back: the new table gets them too.
    operations = guarded_schema_change(
        migrations.CreateModel(
            name="YearlyReview",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "highlights_text",
                    meetings.fields.SanitizedHTMLField(blank=True, verbose_name="about the most important matters"),
                ),
                ("coming", meetings.fields.SanitizedHTMLField(blank=True, verbose_name="coming next year")),
                ("published_html", models.TextField(blank=True, editable=False, verbose_name="as published")),
                ("published_at", models.DateTimeField(blank=True, editable=False, null=True, verbose_name="published")),
                (
                    "published_version",
                    models.PositiveSmallIntegerField(default=0, editable=False, verbose_name="published version"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "body",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reviews",
                        to="members.body",
                        verbose_name="body",
                    ),
                ),
                (
                    "highlights",
                    models.ManyToManyField(
                        blank=True,
                        related_name="reviews",
                        to="meetings.matter",
                        verbose_name="the most important matters",
                    ),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="published by",
                    ),
                ),
            ],
            options={
                "verbose_name": "yearly review",
                "verbose_name_plural": "yearly reviews",
                "ordering": ["-year"],
                "constraints": [models.UniqueConstraint(fields=("body", "year"), name="yearly_review_one_per_year")],
            },
        ),
    )
