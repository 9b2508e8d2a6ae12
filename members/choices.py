"""The label of a choice, as ``get_FOO_display`` gives it, for fields that lists show on every row.

Django's own ``get_FOO_display`` builds a dictionary of the field's choices on every call, translating each label
to hash it (about 30 µs for six choices; 50 memberships in one OParl answer). A model overrides it for such a
field (Django's documented way) with ``label``: the value's member of the choices, its label translated once.
"""

from django.db import models


def label(choices: type[models.Choices], value):
    """The translated label of ``value``, or ``value`` itself where it is none of the choices (as Django does)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
