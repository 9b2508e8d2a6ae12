"""A choice's label as get_FOO_display gives it, from the overrides the lists use."""

import pytest

from meetings.models import Meeting, Position
from members.models import Membership, Organisation


@pytest.mark.parametrize(
    ("model", "field", "choices"),
    [
        (Membership, "role", Membership.Role),
        (Organisation, "kind", Organisation.Kind),
        (Position, "how", Position.How),
        (Meeting, "form", Meeting.Form),
    ],
)
def test_every_choice_shows_the_label_django_would_show(model, field, choices):
    for value in [*choices.values, "not-a-choice"]:
        row = model(**{field: value})
        django_label = dict(model._meta.get_field(field).flatchoices).get(value, value)
        shown = getattr(row, f"get_{field}_display")()
        assert shown == str(django_label)
        assert type(shown) is str


def test_the_label_is_swedish():
    assert Membership(role=Membership.Role.VICE_CHAIR).get_role_display() == "vice ordförande"
    assert Position(how=Position.How.PER_CAPSULAM).get_how_display() == "Per capsulam"
