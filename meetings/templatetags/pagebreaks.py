"""Page breaks in the printed documents: a short block (an agenda item, a matter's positions in the compilation) is
kept whole on one page, a long one may break between its paragraphs.

WeasyPrint has no "keep together if short" (CSS cannot see how long a box is), so the PDF's template decides by
the length of each block's text and marks a short one ``keep-whole`` (``static/css/print.css``). Only the PDF
templates apply it: the page and the HTML the notes' approval is bound to stay as they are.
"""

import re

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

# About a fifth of an A4 page of body text at 10.5 pt (some 95 characters a line): a block up to this long is
# moved whole to the next page rather than split; a longer one fills the page and goes on overleaf.
SHORT_BLOCK_CHARACTERS = 900

# The blocks, as documents/_notice.html, _minutes.html and _compilation.html open them: (tag, class).
BLOCKS = (("section", "agenda-item"), ("div", "compilation-matter"))


def is_short(html: str) -> bool:
    """Whether a block holds little enough text to be kept whole. A table (the annual plan) is never short: its
    rows may go on to the next page."""
    return "<table" not in html and len(" ".join(strip_tags(html).split())) <= SHORT_BLOCK_CHARACTERS


def _end_of(html: str, tag: str, start: int) -> int:
    """Where the element opened at ``start`` ends (after its closing tag), counting the same tag nested inside."""
    tags = re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE)
    depth = 0
    for match in tags.finditer(html, start):
        depth += -1 if match[1] else 1
        if depth == 0:
            return match.end()
    return len(html)


def _mark(html: str, tag: str, name: str) -> str:
    opening = f'<{tag} class="{name}"'
    parts, position = [], 0
    while (start := html.find(opening, position)) != -1:
        end = _end_of(html, tag, start)
        block = html[start:end]
        parts.append(html[position:start])
        parts.append(block.replace(opening, f'<{tag} class="{name} keep-whole"', 1) if is_short(block) else block)
        position = end
    parts.append(html[position:])
    return "".join(parts)


@register.filter(is_safe=True)
def keep_short_blocks_whole(html: str) -> str:
    """The document with each short agenda item and each short matter marked to be kept on one page."""
    for tag, name in BLOCKS:
        html = _mark(html, tag, name)
    # Safe: the templates' own rendered output, with only a class added.
    return mark_safe(html)
