"""How wide a line of text is in the deck's font, from the font file's own advance widths: the slides are cut by
these measures (``meetings.deck.slides``), not by hoping the renderer breaks them well."""

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTFont

FONT_FILES = {False: "source-sans-3-latin-400-normal.ttf", True: "source-sans-3-latin-700-normal.ttf"}


@lru_cache(maxsize=2)
def _metrics(bold: bool) -> tuple[dict[int, int], int, int]:
    font = TTFont(Path(settings.BASE_DIR) / "static" / "fonts" / FONT_FILES[bold])
    cmap, widths = font.getBestCmap(), font["hmtx"].metrics
    advances = {code: widths[glyph][0] for code, glyph in cmap.items()}
    # A character the Latin subset lacks is drawn from a fallback font: count it as wide as an "M".
    return advances, font["head"].unitsPerEm, advances.get(ord("M"), 1000)


def text_width(text: str, *, size: float, bold: bool = False) -> float:
    """The width in points of ``text`` set at ``size`` points."""
    advances, per_em, wide = _metrics(bold)
    return sum(advances.get(ord(char), wide) for char in text) * size / per_em


def wrap(text: str, *, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points, between words (a word wider than a line is cut)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size=size, bold=bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(word, size=size, bold=bold) > width:
            cut = next(i for i in range(len(word), 0, -1) if text_width(word[:i], size=size, bold=bold) <= width)
            lines.append(word[: max(cut, 1)])
            word = word[max(cut, 1) :]
        current = word
    if current:
        lines.append(current)
    return lines or [""]
