"""The yearly review's highlights become the secretary's own lines, each linking the matters it covers (instead of
one picked matter a line, in alphabetical order); a picked matter becomes a line of its title. The published slides
are kept beside the published HTML, for the PowerPoint file."""

import django.db.models.deletion
from django.db import migrations, models

from meetings.integrity import guarded_schema_change


def picks_to_lines(apps, schema_editor):
    YearlyReview = apps.get_model("meetings", "YearlyReview")
    ReviewHighlight = apps.get_model("meetings", "ReviewHighlight")
    for review in YearlyReview.objects.all():
        for order, matter in enumerate(review.highlights.order_by("title")):
            line = ReviewHighlight.objects.create(review=review, text=matter.title[:300], order=order)
            line.matters.add(matter)


def lines_to_picks(apps, schema_editor):
    ReviewHighlight = apps.get_model("meetings", "ReviewHighlight")
    for line in ReviewHighlight.objects.all():
        line.review.highlights.add(*line.matters.all())


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0043_triggers_after_the_term_and_credentials"),
    ]

    # Through guarded_schema_change, which puts the revision's triggers back: the new tables get them too.
    operations = guarded_schema_change(
        migrations.AddField(
            model_name="yearlyreview",
            name="published_deck",
            field=models.JSONField(blank=True, editable=False, null=True, verbose_name="slides as published"),
        ),
        migrations.CreateModel(
            name="ReviewHighlight",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.CharField(max_length=300, verbose_name="line")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "matters",
                    models.ManyToManyField(
                        blank=True,
                        related_name="review_highlights",
                        to="meetings.matter",
                        verbose_name="matters it covers",
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="highlight_lines",
                        to="meetings.yearlyreview",
                        verbose_name="yearly review",
                    ),
                ),
            ],
            options={
                "verbose_name": "highlight of the year",
                "verbose_name_plural": "highlights of the year",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.RunPython(picks_to_lines, lines_to_picks),
        migrations.RemoveField(model_name="yearlyreview", name="highlights"),
    )
