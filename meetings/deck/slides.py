"""The deck as data: slides of blocks of text, a chart or a table, cut to what a slide holds at a size a room can
read. The PDF and the PowerPoint file are both drawn from this, so they hold the same slides; it is stored as JSON
when the review is published (``YearlyReview.published_deck``).

A slide is PowerPoint's 16:9 (13⅓ × 7½ inches, 960 × 540 points). Body text is 24 points with a line of 1.25; the
title 36. The body's room is counted in lines, measured in the font the PDF embeds (``measure``), with a margin for
PowerPoint's own line breaking: a list that runs long goes on to a slide titled "(forts.)"."""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from meetings.deck.measure import text_width, wrap

WIDTH, HEIGHT = 960, 540  # points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 48, 32, 32
TITLE_SIZE, BODY_SIZE, LINE = 36, 24, 1.25
TITLE_HEIGHT = 96  # a title of up to two lines at 36 points, and the gap under it
BODY_TOP = MARGIN_TOP + TITLE_HEIGHT
BODY_WIDTH = WIDTH - 2 * MARGIN_X
BODY_HEIGHT = HEIGHT - BODY_TOP - MARGIN_BOTTOM
# Lines are measured against 90 % of the width, so that a renderer that breaks a little earlier still fits them.
MEASURE_WIDTH = BODY_WIDTH * 0.9
BULLET_INDENT = 30
GAP = 0.4  # the space between two blocks, in lines
LINES = int(BODY_HEIGHT / (BODY_SIZE * LINE))  # 12
SMALLEST_TABLE_SIZE = 14
ROW_HEADING_SHARE = 0.2  # of a table's width, for the column that heads its rows


@dataclass
class Block:
    """A paragraph of a slide's body: ``text`` (plain text), ``style`` p, bullet, heading (bold, kept with what
    follows) or note (italic)."""

    text: str
    style: str = "p"

    @property
    def indent(self) -> float:
        return BULLET_INDENT if self.style == "bullet" else 0

    def lines(self) -> list[str]:
        return wrap(self.text, width=MEASURE_WIDTH - self.indent, size=BODY_SIZE, bold=self.style == "heading")


@dataclass
class Slide:
    """One slide. ``kind``: title, text, chart or table. A chart holds ``chart`` (sides, each with its
    organisations and seats) and says it in words in ``alt``; a table holds ``table`` (a heading row and rows of
    cells) at ``size`` points."""

    kind: str
    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)
    chart: list[dict] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    size: int = BODY_SIZE
    alt: str = ""
    row_headings: bool = False  # a table's first column heads its rows
    part: str = ""  # which part: about, composition, highlights, areas, plan, coming, positions, recommendations


@dataclass
class Deck:
    title: str
    author: str
    slides: list[Slide]

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Deck":
        slides = [Slide(**{**s, "blocks": [Block(**b) for b in s["blocks"]]}) for s in data["slides"]]
        return cls(title=data["title"], author=data["author"], slides=slides)


def continued(title: str) -> str:
    return _("%(title)s (cont.)") % {"title": title}


def text_slides(*, title: str, blocks: list[Block], part: str) -> list[Slide]:
    """``blocks`` on as many slides as they need, titled "(forts.)" after the first. A block longer than the room
    left is cut between its lines and goes on on the next slide; a heading is never left last on a slide."""
    slides: list[Slide] = []
    page: list[Block] = []
    used = 0.0

    def turn():
        nonlocal page, used
        slides.append(Slide(kind="text", title=title if not slides else continued(title), blocks=page, part=part))
        page, used = [], 0.0

    queue = list(blocks)
    while queue:
        block = queue.pop(0)
        lines = block.lines()
        gap = GAP if page else 0
        room = int(LINES - used - gap)
        if block.style == "heading":
            # A heading goes with the headings straight after it and the first line under them, or to the next slide.
            need = len(lines)
            for after in queue:
                need += len(after.lines()) if after.style == "heading" else 1
                if after.style != "heading":
                    break
            if need <= room or not page:
                page.append(block)
                used += gap + len(lines)
            else:
                turn()
                queue.insert(0, block)
            continue
        if len(lines) <= room:
            page.append(block)
            used += gap + len(lines)
            continue
        if room >= 2:  # cut it: what fits here, the rest on the next slide
            page.append(Block(text=" ".join(lines[:room]), style=block.style))
            queue.insert(0, Block(text=" ".join(lines[room:]), style="p" if block.style == "bullet" else block.style))
        else:
            queue.insert(0, block)
        if not page:  # never a slide with nothing on it: put the block alone rather than loop
            page.append(queue.pop(0))
        turn()
    if page or not slides:
        turn()
    return slides


def column_widths(columns: int, *, row_headings: bool, width: float = BODY_WIDTH) -> list[float]:
    """A table's column widths in points: equal, but a column that heads the rows (an area, a matter) gets a quarter."""
    if not row_headings or columns < 2:
        return [width / columns] * columns
    first = width * ROW_HEADING_SHARE
    return [first, *[(width - first) / (columns - 1)] * (columns - 1)]


def table_size(table: list[list[str]], *, row_headings: bool = False, height: float = BODY_HEIGHT) -> int | None:
    """The largest size, from 24 points down to ``SMALLEST_TABLE_SIZE``, at which ``table`` fits one slide's body
    (each cell's lines measured in its column, a cell's padding counted) with every word whole in its column; else
    the largest at which it fits with a long word broken (as the PDF breaks it, overflow-wrap in review.css, and
    PowerPoint does); None if none does."""
    widths = column_widths(max((len(row) for row in table), default=1), row_headings=row_headings)

    def bold(r, c):
        return r == 0 or (row_headings and c == 0)

    def fits(size: int, *, whole: bool) -> bool:
        total = 0.0
        for r, row in enumerate(table):
            room = [(widths[c] - 8) * 0.85 for c in range(len(row))]  # less 3 pt of padding a side and the rules
            if whole and any(text_width(word, size=size, bold=bold(r, c)) > room[c] / 0.85 * 0.95
                             for c, cell in enumerate(row) for word in cell.split()):  # fmt: skip
                return False
            lines = [len(wrap(cell, width=room[c], size=size, bold=bold(r, c))) for c, cell in enumerate(row)]
            total += max(lines, default=1) * size * 1.2 + 10
        return total <= height * 0.92  # a margin for the renderer's own breaks

    for whole in (True, False):
        for size in range(BODY_SIZE, SMALLEST_TABLE_SIZE - 1, -1):
            if fits(size, whole=whole):
                return size
    return None
