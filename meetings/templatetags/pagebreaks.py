"""Page breaks in the printed documents: a short agenda item is kept whole on one page, a long one may break
between its paragraphs.

WeasyPrint has no "keep together if short" (CSS cannot see how long a box is), so the PDF's template decides by
the length of each item's text and marks a short item ``keep-whole`` (``static/css/print.css``). Only the PDF
templates apply it: the page and the HTML the notes' approval is bound to stay as they are.
"""

import re

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

# About a fifth of an A4 page of body text at 10.5 pt (some 95 characters a line): an item up to this long is
# moved whole to the next page rather than split; a longer one fills the page and goes on overleaf.
SHORT_ITEM_CHARACTERS = 900

# An agenda item as documents/_notice.html and _minutes.html write it; items hold no sections of their own.
_ITEM = re.compile(r'<section class="agenda-item"(?P<rest>[^>]*)>(?P<inner>.*?)</section>', re.DOTALL)


def is_short(html: str) -> bool:
    """Whether an item holds little enough text to be kept whole. A table (the annual plan) is never short: its
    rows may go on to the next page."""
    return "<table" not in html and len(" ".join(strip_tags(html).split())) <= SHORT_ITEM_CHARACTERS


def _mark(match: re.Match) -> str:
    if not is_short(match["inner"]):
        return match[0]
    return f'<section class="agenda-item keep-whole"{match["rest"]}>{match["inner"]}</section>'


@register.filter(is_safe=True)
def keep_short_items_whole(html: str) -> str:
    """The document with each short agenda item marked to be kept on one page."""
    # Safe: the templates' own rendered output, with only a class added.
    return mark_safe(_ITEM.sub(_mark, html))
