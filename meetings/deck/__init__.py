"""The yearly review as a deck for the projector: slides a room can read, in SRO's order, as HTML (the page, the
staff's preview and, through WeasyPrint, the 16:9 PDF) and as a PowerPoint file.

The one way in: ``review_deck`` (the slides of a review as it reads now, from the published record),
``deck_html`` and ``deck_pptx`` (a deck drawn), ``Deck.from_json`` (a published deck read back)."""

from django.template.loader import render_to_string

from meetings.deck.build import review_deck as _review_deck
from meetings.deck.measure import text_width
from meetings.deck.pptx import deck_pptx
from meetings.deck.slides import BODY_SIZE, BODY_WIDTH, Deck, Slide
from meetings.selectors.review import review_context

__all__ = ["Deck", "deck_html", "deck_pptx", "review_deck"]

ROW = 32  # a chart row's height in points, for 24-point labels


def review_deck(*, review) -> Deck:
    """The review's slides as it reads now (the secretary's saved words, the public record)."""
    return _review_deck(review_context(review=review))


def _chart_rows(slide: Slide) -> dict:
    """Where the chart's labels and bars go (an SVG the width of the slide's body)."""
    labels = [o["name"] for side in slide.chart for o in side["organisations"]]
    label_width = max((text_width(label, size=BODY_SIZE) for label in labels), default=0) + 16
    numbers = 48
    most = max((o["seats"] for side in slide.chart for o in side["organisations"]), default=1) or 1
    rows, y = [], 0
    for index, side in enumerate(slide.chart):
        rows.append({"y": y + 24, "heading": f"{side['label']}", "seats": side["seats"], "side": index % 2})
        y += ROW
        for organisation in side["organisations"]:
            width = (BODY_WIDTH - label_width - numbers) * organisation["seats"] / most
            rows.append({"y": y + 24, "label": organisation["name"], "seats": organisation["seats"], "bar_y": y + 4,
                         "bar_x": label_width, "bar_width": round(width, 1), "side": index % 2,
                         "number_x": round(label_width + width + 8, 1)})  # fmt: skip
            y += ROW
    return {"rows": rows, "height": y, "width": BODY_WIDTH}


def _groups(slide: Slide) -> list[tuple[str, list[str]]]:
    """The blocks in runs of one style: the bullets in a row are one list."""
    groups: list[tuple[str, list[str]]] = []
    for block in slide.blocks:
        if groups and groups[-1][0] == block.style:
            groups[-1][1].append(block.text)
        else:
            groups.append((block.style, [block.text]))
    return groups


def deck_html(deck: Deck) -> str:
    """The slides as HTML sections (``documents/_deck.html``): the page and the PDF read the same."""
    slides = [(slide, _chart_rows(slide) if slide.kind == "chart" else None, _groups(slide)) for slide in deck.slides]
    return render_to_string("documents/_deck.html", {"deck": deck, "slides": slides})
