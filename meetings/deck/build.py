"""The yearly review's slides, in SRO's order, from the parts ``meetings.selectors.review`` reads."""

from html import unescape

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from meetings.dates import long_date
from meetings.deck.measure import text_width
from meetings.deck.slides import (
    BODY_SIZE,
    BODY_WIDTH,
    GAP,
    LINES,
    SMALLEST_TABLE_SIZE,
    Block,
    Deck,
    Slide,
    continued,
    table_size,
    text_slides,
)
from meetings.sanitize import html_to_text
from meetings.selectors.registers import PlanTable

CHART_ROWS = 9  # organisations and side headings on one chart slide, at 24 points, with a line of summary
LABEL_WIDTH = BODY_WIDTH * 0.55


def _html_blocks(html: str) -> list[Block]:
    """Rich text as blocks: a paragraph each, a list item a bullet (``html_to_text`` marks them "– ")."""
    blocks = []
    for line in html_to_text(html).splitlines():
        if line.startswith("– "):
            blocks.append(Block(text=line[2:], style="bullet"))
        else:
            blocks.append(Block(text=line))
    return blocks


def _about(context) -> list[Slide]:
    body = context["body"]
    paragraphs = [p for p in (body.description or "").split("\n") if p.strip()] or [body.name]
    title = _("What %(body)s is and does") % {"body": body.short_name}
    return text_slides(title=title, blocks=[Block(text=p.strip()) for p in paragraphs], part="about")


def _label(seats) -> str:
    """An organisation's full name where it fits a chart's label column, else the name it is known by."""
    fits = text_width(seats.organisation, size=BODY_SIZE) <= LABEL_WIDTH
    return seats.organisation if fits or not seats.common_name else seats.common_name


def _composition(context) -> list[Slide]:
    """The composition on the year's last day as a bar chart, each side and organisation with its seats; in words
    too (``alt``, and a line under the chart), for whoever cannot see the chart."""
    body, sides = context["body"], context["composition"]
    title = _("Who sits in %(body)s on %(date)s") % {"body": body.short_name, "date": long_date(context["last_day"])}
    if not sides:
        return text_slides(title=title, blocks=[Block(text=_("No members on that day."))], part="composition")
    total = sum(side.seats for side in sides)
    seats = ngettext("%(count)s seat", "%(count)s seats", total) % {"count": total}
    short = f"{seats}: " + ", ".join(f"{side.seats} {side.label}" for side in sides)
    summary = f"{seats}: " + "; ".join(
        f"{side.label} {side.seats} ("
        + ", ".join(f"{o.organisation} {o.seats}" for o in side.organisations) + ")" for side in sides
    )  # fmt: skip
    # The rows as the chart draws them, cut into slides of CHART_ROWS: a side's heading, then its organisations.
    rows = [row for side in sides for row in [(side, None), *((side, o) for o in side.organisations)]]
    slides = []
    for start in range(0, len(rows), CHART_ROWS):
        chart: list[dict] = []
        for side, organisation in rows[start : start + CHART_ROWS]:
            if organisation is None or not chart or chart[-1]["label"] != side.label:
                chart.append({"label": side.label, "seats": side.seats, "organisations": []})
            if organisation is not None:
                chart[-1]["organisations"].append({"name": _label(organisation), "seats": organisation.seats})
        slides.append(Slide(kind="chart", title=title if not slides else _("%(title)s (cont.)") % {"title": title},
                            chart=chart, alt=summary, blocks=[Block(text=short, style="note")] if not slides else [],
                            part="composition"))  # fmt: skip
    return slides


def _highlights(context) -> list[Slide]:
    review, year = context["review"], context["year"]
    blocks = _html_blocks(review.highlights_text)
    for line in context["highlights"]:
        blocks.append(Block(text=line.text, style="bullet"))
        titles = [matter.title for matter in line.matters.all()]
        if titles and titles != [line.text]:
            blocks.append(Block(text=_("Matters: %(titles)s") % {"titles": "; ".join(titles)}, style="note"))
    if not blocks:
        blocks = [Block(text=_("No highlight has been written yet."))]
    title = _("The most important in %(year)s") % {"year": year}
    return text_slides(title=title, blocks=blocks, part="highlights")


def _areas(context) -> list[Slide]:
    year = context["year"]
    blocks = [Block(text=f"{area.name}: {', '.join(area.when)}" if area.when else area.name, style="bullet")
              for area in context["areas"]]  # fmt: skip
    for title, count in context["recurring"]:
        meetings = ngettext("%(counter)s meeting", "%(counter)s meetings", count) % {"counter": count}
        blocks.append(Block(text=f"{title} ({meetings})", style="bullet"))
    if not blocks:
        blocks = [Block(text=_("The annual plan of %(year)s has no recurring area.") % {"year": year})]
    return text_slides(title=_("Recurring areas %(year)s") % {"year": year}, blocks=blocks, part="areas")


def _meetings_table(tables: list[PlanTable]) -> list[list[str]]:
    """ "Närmaste arbetsåret" with all of the year's meetings as columns of one table (the notice cuts it into
    tables of five to fit A4; a slide is wider)."""
    merged = PlanTable(heading=tables[0].heading, kind="meetings", columns=[c for t in tables for c in t.columns])
    body = [[entry.label if entry else "" for entry in row] for row in merged.rows]
    return [[column.heading for column in merged.columns], *body]


def _cell(entry, row) -> str:
    """An entry as its row reads it: in an area's row what is planned, in a matter's own row (the third shape) what
    is planned or, where the matter is all it says, an X (the row names it already)."""
    if getattr(row, "matter", None) is not None:
        return entry.topic or "X"
    return unescape(strip_tags(entry.area_cell_html))


def _grid_table(tables: list[PlanTable]) -> list[list[str]]:
    """A grid (areas or matters as rows) as one table: the areas by quarter of a year, or the meetings and quarters as
    columns, which the notice continues in tables of five columns to fit A4 and a slide holds whole."""
    columns = [column for table in tables for column in table.columns]
    rows: dict[str, list[str]] = {}
    offset = 0
    for table in tables:
        for row in table.grid or []:
            cells = rows.setdefault(row.heading, [""] * len(columns))
            for index, cell in enumerate(row.cells):
                cells[offset + index] = "\n".join(_cell(entry, row) for entry in cell)
        offset += len(table.columns)
    return [[_("Matters/areas"), *(column.heading for column in columns)],
            *([heading, *cells] for heading, cells in rows.items())]  # fmt: skip


def _plan(context) -> list[Slide]:
    """The coming year's årshjul, a slide for each of SRO's shapes, each table whole on its one slide."""
    plan, next_year = context["plan"], context["next_year"]
    title = _("Annual plan %(next)s") % {"next": next_year}
    if not plan.tables:
        return text_slides(title=title, blocks=[Block(text=_("Nothing is planned yet."))], part="plan")
    shapes: list[tuple[str, list[list[str]], bool]] = []
    meetings = [t for t in plan.tables if t.kind == "meetings"]
    if meetings:
        shapes.append((meetings[0].heading, _meetings_table(meetings), False))
    for year in sorted({t.columns[0].quarter[0] for t in plan.tables if t.kind == "quarters" and t.columns}):
        grids = [t for t in plan.tables if t.kind == "quarters" and t.columns and t.columns[0].quarter[0] == year]
        shapes.append((grids[0].heading, _grid_table(grids), True))
    columns = [t for t in context["plan_columns"].tables if t.kind == "columns"]
    if columns:
        shapes.append((columns[0].heading, _grid_table(columns), True))
    slides = []
    for heading, table, row_headings in shapes:
        # The largest size at which it fits one slide; a plan too big for that is printed at the smallest.
        size = table_size(table, row_headings=row_headings) or SMALLEST_TABLE_SIZE
        slides.append(Slide(kind="table", title=f"{title}: {heading}", table=table, part="plan", size=size,
                            row_headings=row_headings))  # fmt: skip
    return slides


def _coming(context) -> list[Slide]:
    blocks = _html_blocks(context["review"].coming) or [Block(text="–")]
    return text_slides(title=_("Coming in %(next)s") % {"next": context["next_year"]}, blocks=blocks, part="coming")


def _positions(context) -> list[Slide]:
    compilation, year = context["compilation"], context["year"]
    blocks: list[Block] = []
    for month in compilation.months:
        blocks.append(Block(text=month.heading, style="heading"))
        for section in month.sections:
            if section.heading:  # none where the month's heading says it all (its one meeting)
                blocks.append(Block(text=section.heading, style="heading"))
            if section.note:
                blocks.append(Block(text=section.note, style="note"))
            for group in section.groups:
                blocks.append(Block(text=group.subject, style="heading"))
                if group.label:  # "Per capsulam 2 maj 2025"
                    blocks.append(Block(text=group.label, style="note"))
                for position in group.positions:
                    blocks.extend(_html_blocks(position.html))
    if compilation.left_out:
        blocks.append(Block(style="note", text=ngettext(
            "%(counter)s position that only notes the information (“SRO noterar informationen”) is left out.",
            "%(counter)s positions that only note the information (“SRO noterar informationen”) are left out.",
            compilation.left_out) % {"counter": compilation.left_out}))  # fmt: skip
    if not blocks:
        blocks = [Block(text=_("No position was taken in %(year)s.") % {"year": year})]
    return text_slides(title=_("All positions %(year)s") % {"year": year}, blocks=blocks, part="positions")


def _recommendations(context) -> list[Slide]:
    """ "Rekommendationer ÅR": what became of each of the year's sent recommendations, in SRO's words (its title, "4 av
    49 kommuner och Västra Götalandsregionen har antagit", when they are to answer and the other counts), as the
    compilation tells it; a recommendation kept whole on a slide where it fits one, the part continued "(forts.)".
    No slide for a year without one."""
    year = context["year"]
    title = _("Recommendations %(year)s") % {"year": year}
    pages: list[list[Block]] = []
    used = 0.0
    for row in context.get("recommendations") or []:
        summary = row.summary
        sentence = f"{summary.sentence}."
        if summary.region_sentence:
            sentence += f" {summary.region_sentence}."
        note = pgettext("yearly review", "Answer by %(date)s.") % {"date": long_date(row.answer_by)}
        others = [f"{label}: {count}" for _state, label, count in summary.others if count]
        if others:
            note += " " + ", ".join(others) + "."
        group = [Block(text=row.title, style="heading"), Block(text=sentence), Block(text=note, style="note")]
        need = sum(len(block.lines()) for block in group) + GAP * (len(group) - 1)
        if pages and used + GAP + need <= LINES:
            pages[-1].extend(group)
            used += GAP + need
        else:
            pages.append(group)
            used = need
    slides: list[Slide] = []
    for page in pages:  # a page holds one slide's worth, or a recommendation too long for one cut by text_slides
        for slide in text_slides(title=title, blocks=page, part="recommendations"):
            slide.title = continued(title) if slides else title
            slides.append(slide)
    return slides


def review_deck(context: dict) -> Deck:
    """The deck of ``context`` (``review_context``): SRO's parts in SRO's order."""
    body, year, next_year = context["body"], context["year"], context["next_year"]
    title = _("Review %(year)s and coming in %(next)s") % {"year": year, "next": next_year}
    subtitle = body.name + (f" – {body.subtitle}" if getattr(body, "subtitle", "") else "")
    slides = [Slide(kind="title", title=title, subtitle=subtitle, part="title")]
    # The year's recommendations follow its positions, as in the compilation: what became of those that asked the
    # parties to decide.
    for part in (_about, _composition, _highlights, _areas, _plan, _coming, _positions, _recommendations):
        slides.extend(part(context))
    return Deck(title=title, author=body.name, slides=slides)
