"""The deck as a PowerPoint file the presenter can edit (python-pptx): each title in the slide's title placeholder,
the body in real text boxes at the sizes the PDF uses, the composition as a native bar chart with its description,
the årshjul as a native table."""

import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.util import Pt

from meetings.deck.slides import (
    BODY_HEIGHT,
    BODY_SIZE,
    BODY_TOP,
    BODY_WIDTH,
    HEIGHT,
    LINE,
    MARGIN_TOP,
    MARGIN_X,
    TITLE_HEIGHT,
    TITLE_SIZE,
    WIDTH,
    Deck,
    Slide,
    column_widths,
)

FONT = "Source Sans 3"  # the PDF's; PowerPoint puts its own in its place where it is not installed
# The default template's layouts.
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5


def _style(run, *, size: float, bold: bool = False, italic: bool = False):
    run.font.size, run.font.name, run.font.bold, run.font.italic = Pt(size), FONT, bold, italic


def _title(slide, text: str, *, size: float = TITLE_SIZE):
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = Pt(MARGIN_X), Pt(MARGIN_TOP), Pt(BODY_WIDTH), Pt(TITLE_HEIGHT)
    shape.text_frame.text = text
    shape.text_frame.word_wrap = True
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            _style(run, size=size, bold=True)


def _text(slide, spec: Slide, *, top: float = BODY_TOP, height: float = BODY_HEIGHT):
    box = slide.shapes.add_textbox(Pt(MARGIN_X), Pt(top), Pt(BODY_WIDTH), Pt(height))
    frame = box.text_frame
    frame.word_wrap = True
    for index, block in enumerate(spec.blocks):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.line_spacing = LINE
        if index:
            paragraph.space_before = Pt(BODY_SIZE * 0.4)
        run = paragraph.add_run()
        run.text = f"•\u00a0{block.text}" if block.style == "bullet" else block.text
        _style(run, size=BODY_SIZE, bold=block.style == "heading", italic=block.style == "note")


def _chart(slide, spec: Slide):
    """A bar a side and organisation ("Regionstyrelsen 2"), the sides as two series so each keeps its colour."""
    data = CategoryChartData()
    categories, series = [], {}
    for side in spec.chart:
        for organisation in side["organisations"]:
            categories.append(organisation["name"])
            for other in spec.chart:
                series.setdefault(other["label"], []).append(organisation["seats"] if other is side else None)
    data.categories = categories
    for label, values in series.items():
        data.add_series(label, values)
    # Below the chart, its summary in words (on the first slide of the part).
    chart_height = BODY_HEIGHT - (BODY_SIZE * LINE * 3 if spec.blocks else 0)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, Pt(MARGIN_X), Pt(BODY_TOP), Pt(BODY_WIDTH),
                                   Pt(chart_height), data)  # fmt: skip
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt)  # the alternative text PowerPoint shows
    chart = frame.chart
    chart.font.size, chart.font.name = Pt(BODY_SIZE), FONT
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.include_in_layout = False
    chart.category_axis.reverse_order = True  # top to bottom, as listed
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 40, 100
    plot.has_data_labels = True
    plot.data_labels.position = XL_LABEL_POSITION.INSIDE_BASE
    plot.data_labels.font.size = Pt(BODY_SIZE)
    if spec.blocks:
        _text(slide, Slide(kind="text", title="", blocks=spec.blocks), top=BODY_TOP + chart_height,
              height=BODY_HEIGHT - chart_height)  # fmt: skip


def _table(slide, spec: Slide):
    rows, columns = len(spec.table), max(len(row) for row in spec.table)
    frame = slide.shapes.add_table(rows, columns, Pt(MARGIN_X), Pt(BODY_TOP), Pt(BODY_WIDTH),
                                   Pt(min(BODY_HEIGHT, rows * spec.size * 2)))  # fmt: skip
    for column, width in zip(frame.table.columns, column_widths(columns, row_headings=spec.row_headings), strict=True):
        column.width = Pt(width)
    for r, row in enumerate(spec.table):
        for c in range(columns):
            cell = frame.table.cell(r, c)
            cell.text = row[c] if c < len(row) else ""
            cell.margin_left = cell.margin_right = Pt(3)  # as the PDF's cells, which the sizes are measured for
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    _style(run, size=spec.size, bold=r == 0)


def deck_pptx(deck: Deck) -> bytes:
    """The deck as a .pptx file."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Pt(WIDTH), Pt(HEIGHT)
    presentation.core_properties.title, presentation.core_properties.author = deck.title, deck.author
    presentation.core_properties.language = "sv-SE"
    for spec in deck.slides:
        if spec.kind == "title":
            slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_LAYOUT])
            _title(slide, spec.title, size=44)
            slide.shapes.title.top = Pt(HEIGHT / 3)
            subtitle = slide.placeholders[1]
            subtitle.left, subtitle.top = Pt(MARGIN_X), Pt(HEIGHT / 3 + TITLE_HEIGHT + 16)
            subtitle.width, subtitle.height = Pt(BODY_WIDTH), Pt(BODY_SIZE * 4)
            subtitle.text_frame.text = spec.subtitle
            for run in subtitle.text_frame.paragraphs[0].runs:
                _style(run, size=28)
            continue
        slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
        _title(slide, spec.title)
        {"chart": _chart, "table": _table}.get(spec.kind, _text)(slide, spec)
    output = io.BytesIO()
    presentation.save(output)
    return output.getvalue()
