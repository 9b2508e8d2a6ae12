"""The path of a page by its URL name and ids, as ``reverse`` gives it, for lists that link every row.

Django's ``reverse`` matches the arguments against the URL patterns again on every call (about 20 µs; a list
of 50 positions links 100 times, the OParl meeting list some 1,200). Here each name is reversed once per
process with marker numbers, and the ids are put in the markers' place: the same path for a fraction of the
cost. Only numbers of at most nine digits take that way, as the ``id`` converter matches them
(``meetings.urls``); anything else (a body's web address, a longer number) is reversed by Django, as is a name
whose pattern refuses the markers, and kept for the rest of the answer or rendering. (So the OParl ids that
are a word and a number, "attachment-17", are patterns of their own with the number as the id:
``opendata.urls.api``.)

The table depends on the URL configuration alone, never on data: it is keyed by ``ROOT_URLCONF``, the
request's own URL configuration and the script prefix.
"""

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

_MARKER = 987654301  # nine digits that appear in no path of the portal
_LARGEST = 999_999_999
_tables: dict = {}


class Paths:
    """The paths of one answer or one rendering: the URL configuration and the script prefix are read once
    (each costs more than putting an id into a path)."""

    def __init__(self):
        self._patterns = _tables.setdefault((settings.ROOT_URLCONF, get_urlconf(), get_script_prefix()), {})
        self._words: dict = {}

    def __call__(self, name: str, *args, **kwargs) -> str:
        """``reverse(name, args=args)`` or ``reverse(name, kwargs=kwargs)``, the same string."""
        values = kwargs.values() if kwargs else args
        if not all(type(value) is int and 0 <= value <= _LARGEST for value in values):
            return self._reversed(name, args, kwargs)
        key = (name, len(args), tuple(kwargs))
        template = self._patterns.get(key)
        if template is None:
            template = self._patterns[key] = _template(name, len(args), tuple(kwargs))
        if template is False:  # a pattern that refuses the markers
            return self._reversed(name, args, kwargs)
        return template.format(*args, **kwargs)

    def _reversed(self, name: str, args: tuple, kwargs: dict) -> str:
        """Reversed by Django, once per answer for the same words (the OParl body's organisation on every
        membership): a path follows only from its name and arguments."""
        if not all(type(value) in (str, int) for value in (*args, *kwargs.values())):
            return reverse(name, args=args or None, kwargs=kwargs or None)
        key = (name, args, tuple(kwargs.items()))
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = reverse(name, args=args or None, kwargs=kwargs or None)
        return found


def path(name: str, *args, **kwargs) -> str:
    """``reverse(name, args=args)`` or ``reverse(name, kwargs=kwargs)``, the same string."""
    return Paths()(name, *args, **kwargs)


def _template(name: str, count: int, keywords: tuple) -> str | bool:
    """The reversed path as a format string with a field for each id, or False where the markers don't fit."""
    markers = [str(_MARKER + n) for n in range(count or len(keywords))]
    try:
        if count:
            reversed_path = reverse(name, args=markers)
        else:
            reversed_path = reverse(name, kwargs=dict(zip(keywords, markers, strict=True)))
    except NoReverseMatch:
        return False
    template = reversed_path.replace("{", "{{").replace("}", "}}")
    fields = [f"{{{n}}}" for n in range(count)] if count else [f"{{{keyword}}}" for keyword in keywords]
    for marker, field in zip(markers, fields, strict=True):
        if template.count(marker) != 1:
            return False
        template = template.replace(marker, field)
    return template
