"""Changes to how the årshjul is shown (its entries and areas are planned in ``services.positions``)."""

from django.db import transaction
from django.utils.translation import gettext as _

from meetings.models import AnnualPlanShape
from meetings.services import ServiceError


@transaction.atomic
def plan_shape_set(*, body, year: int, shape: str) -> AnnualPlanShape:
    """Print ``year``'s plan in ``shape`` from now on. Notices already sent keep the shape they were sent in: what
    was sent is frozen with them."""
    if shape not in AnnualPlanShape.Shape.values:
        raise ServiceError(_("Choose one of the shapes."))
    chosen, _created = AnnualPlanShape.objects.update_or_create(body=body, year=year, defaults={"shape": shape})
    return chosen
