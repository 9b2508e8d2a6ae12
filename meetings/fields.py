"""Model fields of the portal."""

from django.db import models

from meetings.sanitize import clean_html


class SanitizedHTMLField(models.TextField):
    """Rich text that is cleaned with the portal's allow-list (nh3) on its way into the database.

    The cleaning sits in ``get_prep_value``, which every path through the ORM passes (``save()``, the
    admin, ``bulk_create``, ``update()``, fixtures and restores with ``raw=True``): nothing unsafe can be
    stored, so the templates may print this field with ``|safe``. Cleaning is idempotent.
    """

    def pre_save(self, model_instance, add):
        # The instance holds what was stored, not what was typed.
        value = clean_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return clean_html(value) if value else value
