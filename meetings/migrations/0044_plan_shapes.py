"""The shape each year's årshjul is printed in (two tables, or meetings and quarters as the columns of one)."""

import django.db.models.deletion
from django.db import migrations, models

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0043_triggers_after_the_term_and_credentials"),
        ("members", "0006_merge_20261207_1735"),
    ]

    # The guard and the revision's triggers put back after, as for every table beside the members' (0043).
    operations = guarded_schema_change(
        migrations.CreateModel(
            name="AnnualPlanShape",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "shape",
                    models.CharField(
                        choices=[
                            ("tables", "The coming working year and the areas by quarter (two tables)"),
                            ("columns", "Meetings and quarters side by side as columns of one table"),
                        ],
                        default="tables",
                        max_length=20,
                        verbose_name="shape",
                    ),
                ),
                (
                    "body",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="annual_plan_shapes",
                        to="members.body",
                        verbose_name="body",
                    ),
                ),
            ],
            options={
                "verbose_name": "shape of the annual plan",
                "verbose_name_plural": "shapes of the annual plan",
                "constraints": [models.UniqueConstraint(fields=("body", "year"), name="annual_plan_shape_one_a_year")],
            },
        ),
    )
