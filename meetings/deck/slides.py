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
    part: str = ""  # which of SRO's parts: about, composition, highlights, areas, plan, coming, positions


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
        if len(lines) <= room and not (block.style == "heading" and queue and len(lines) >= room):
            page.append(block)
            used += gap + len(lines)
            continue
        if block.style != "heading" and room >= 2:  # cut it: what fits here, the rest on the next slide
            page.append(Block(text=" ".join(lines[:room]), style=block.style))
            queue.insert(0, Block(text=" ".join(lines[room:]), style="p" if block.style == "bullet" else block.style))
        else:
            queue.insert(0, block)
        if not page:  # a heading taller than a slide: put it alone rather than loop
            page.append(queue.pop(0))
        turn()
    if page or not slides:
        turn()
    return slides


def table_size(table: list[list[str]], *, width: float = BODY_WIDTH, height: float = BODY_HEIGHT) -> int | None:
    """The largest size, from 24 points down to ``SMALLEST_TABLE_SIZE``, at which ``table`` fits one slide's body
    (columns of equal width, each cell's lines measured, a cell's padding counted); None if none does."""
    columns = max((len(row) for row in table), default=1)
    cell_width = width / columns - 12
    words = {word for row in table for cell in row for word in cell.split()}
    for size in range(BODY_SIZE, SMALLEST_TABLE_SIZE - 1, -1):
        # A renderer does not break a word ("Vårdinformationsmiljö") inside a cell: each must fit its column whole.
        if any(text_width(word, size=size, bold=True) > cell_width * 0.95 for word in words):
            continue
        total = 0.0
        for index, row in enumerate(table):
            tallest = max((len(wrap(cell, width=cell_width * 0.9, size=size, bold=index == 0)) for cell in row),
                          default=1)  # fmt: skip
            total += tallest * size * 1.2 + 10
        if total <= height:
            return size
    return None
