"""The portal's URLs. Ids in paths use the ``id`` converter: a number of at most nine ASCII digits; years ``year``.

Django's ``int`` matches any length, and a number past the database's integer (2**31 on PostgreSQL, 2**63
on SQLite) made the lookup fail with a 500; such an address now simply does not match (404).
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,9}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")


class YearConverter(IdConverter):
    """A year of four ASCII digits, 1000–9999: a year past 9999 is no date Python can make (it was a 500)."""

    regex = "[1-9][0-9]{3}"


register_converter(YearConverter, "year")


def _register_body_converter():
    from meetings.sections import BodyConverter  # imports the models: only once the URLs are loaded

    register_converter(BodyConverter, "body")


_register_body_converter()
