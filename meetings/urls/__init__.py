"""The portal's URLs. Ids in paths use the ``id`` converter: a number of at most nine digits.

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


def _register_body_converter():
    from meetings.sections import BodyConverter  # imports the models: only once the URLs are loaded

    register_converter(BodyConverter, "body")


_register_body_converter()
