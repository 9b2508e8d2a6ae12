from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Body


class AnnualPlanShape(models.Model):
    """The shape a body's årshjul of one year is printed in, as the secretary chose it. SRO uses three: "Närmaste
    arbetsåret" (the coming meetings as columns) with the grid of recurring areas by quarter, printed together as
    two tables; or one table with every meeting and every quarter of the year side by side as columns and the
    areas as rows. A year with no choice keeps the two tables."""

    class Shape(models.TextChoices):
        TABLES = "tables", _("The coming working year and the areas by quarter (two tables)")
        COLUMNS = "columns", _("Meetings and quarters side by side as columns of one table")

    body = models.ForeignKey(Body, verbose_name=_("body"), related_name="annual_plan_shapes", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"))
    shape = models.CharField(_("shape"), max_length=20, choices=Shape.choices, default=Shape.TABLES)

    class Meta:
        verbose_name = _("shape of the annual plan")
        verbose_name_plural = _("shapes of the annual plan")
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="annual_plan_shape_one_a_year")]

    def __str__(self):
        return f"{self.year}: {self.get_shape_display()}"
