"""HTML → Word: the portal's own document HTML (documents/_notice.html, _minutes.html) and the rich text inside it
(cleaned by ``meetings.sanitize``: p, div, br, strong, em, u, del, ul, ol, li, a, blockquote, h2–h4, tables) written
into a python-docx document with Word's own styles: headings as Heading 1–4, lists as Word lists (a numbered list
counts from 1 again), tables as Word tables, links as links.

``htmldocx``, the one library on PyPI for this, was looked at and not taken: unchanged since 2021, it fetches images
from any URL in the HTML, and its numbered lists run on from one list to the next.
"""

import re

from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from lxml import html as lxml_html

HEADING = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
BLOCKS = {"p", "div", "section", "header", "footer", "article", "main", "nav", "aside", "blockquote", "body", "html",
          "figure", "figcaption", "address"}  # fmt: skip
SKIPPED = {"head", "title", "meta", "link", "style", "script", "template", "img", "svg", "iframe", "object"}
# Printed documents leave these out (static/css/print.css): the running title goes in the Word header instead.
HIDDEN_CLASSES = {"running-title", "visually-hidden", "d-print-none"}
# Blocks the PDF shows side by side (the members of each side, the signatures): a table of one row in Word.
SIDE_BY_SIDE_CLASSES = {"composition", "signatories"}
# Lists shown without bullets (the members under each heading).
UNSTYLED_LIST_CLASSES = {"list-unstyled", "composition-members", "positions-plain"}
# How document.css sets a block's text apart.
ITALIC_CLASSES = {"agenda-kind", "agenda-break-line", "composition-category", "doc-approval", "compilation-left-out"}
BOLD_CLASSES = {"welcome", "doc-version"}
PARAGRAPH_STYLE_CLASSES = {"doc-subtitle": "Subtitle"}
LINK_SCHEMES = ("http://", "https://", "mailto:")
HEADING_COLOUR = RGBColor(0x00, 0x50, 0x5F)  # the PDFs' headings (static/css/print.css)
_SPACES = re.compile(r"\s+")
# Characters XML 1.0 (and so Word) cannot hold; pasted text sometimes carries them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


class _Format:
    """The character formatting in force where a piece of text stands."""

    def __init__(self, bold=False, italic=False, underline=False, strike=False, link=None):
        self.bold, self.italic, self.underline, self.strike, self.link = bold, italic, underline, strike, link

    def but(self, **changes) -> "_Format":
        values = {**vars(self), **changes}
        return _Format(**values)


class _List:
    def __init__(self, *, ordered: bool, plain: bool, depth: int, num_id: int | None):
        self.ordered, self.plain, self.depth, self.num_id = ordered, plain, depth, num_id
        self.item_started = False  # the current item's first paragraph is yet to come


class HtmlToDocx:
    """Writes HTML into a python-docx ``Document`` (or one of its table cells), block by block."""

    def __init__(self, document):
        self.document = document
        self.paragraph = None
        self.container = document
        self.lists: list[_List] = []
        self.fresh_cell = None  # a new table cell's own empty paragraph, used for its first block
        self.pending_style = None  # the style of the block being written, for its next paragraph

    # The entry point.
    def add_html(self, html: str, container=None) -> None:
        if not html or not html.strip():
            return
        fragments = lxml_html.fragments_fromstring(html) if "<html" not in html[:500].lower() else [
            lxml_html.document_fromstring(html)]  # fmt: skip
        previous = self.container
        self.container = container or self.container
        for fragment in fragments:
            if isinstance(fragment, str):
                self._text(fragment, _Format())
            else:
                self._element(fragment, _Format())
        self._end_paragraph()
        self.container = previous

    # Blocks.
    def _element(self, element, fmt: _Format) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        classes = _classes(element)
        outer = fmt  # the text after a block (its tail) belongs to the block around it
        if tag in SKIPPED or not tag or classes & HIDDEN_CLASSES:
            self._text(element.tail, outer)
            return
        if tag not in BLOCKS and tag not in HEADING and tag not in ("ul", "ol", "li", "table", "dl", "dt", "dd"):
            self._inline(element, fmt)  # writes its own tail
            return
        fmt = fmt.but(bold=fmt.bold or bool(classes & BOLD_CLASSES),
                      italic=fmt.italic or bool(classes & ITALIC_CLASSES))  # fmt: skip
        if tag in HEADING:
            self._block(element, fmt, style=f"Heading {HEADING[tag]}")
        elif tag in ("ul", "ol"):
            self._list(element, fmt)
        elif tag == "li":
            self._list_item(element, fmt)
        elif tag == "table":
            self._table(element, fmt)
        elif tag == "dl":
            self._definitions(element, fmt)
        elif classes & SIDE_BY_SIDE_CLASSES:
            self._side_by_side(element, fmt)
        elif "position" in classes:
            self._position(element, fmt)
        else:
            style = next((PARAGRAPH_STYLE_CLASSES[name] for name in classes if name in PARAGRAPH_STYLE_CLASSES), None)
            self._block(element, fmt, style=style or ("Quote" if tag == "blockquote" else None))
        self._text(element.tail, outer)

    def _block(self, element, fmt: _Format, *, style: str | None) -> None:
        """A block: its text starts a paragraph of its own (of ``style``, or of the block around it), when there is
        text; an empty block leaves nothing."""
        self._end_paragraph()
        saved = self.pending_style
        self.pending_style = style or saved
        self._children(element, fmt)
        self._end_paragraph()
        self.pending_style = saved

    def _children(self, element, fmt: _Format) -> None:
        self._text(element.text, fmt)
        for child in element:
            self._element(child, fmt)

    def _position(self, element, fmt: _Format) -> None:
        """One position after its label ("Förslag till ställningstagande: Det politiska …"), as the PDF prints it:
        the label and the position's first block share a paragraph."""
        self._end_paragraph()
        self._text(element.text, fmt)
        first_block = True
        for child in element:
            if first_block and child.tag in ("div", "p"):
                first_block = False
                self._children(child, fmt)
                self._end_paragraph()
                self._text(child.tail, fmt)
            else:
                self._element(child, fmt)
        self._end_paragraph()

    def _definitions(self, element, fmt: _Format) -> None:
        """ "Datum: 6 mars 2025": each term and its description on one line, the term in bold."""
        self._end_paragraph()
        for child in element:
            if child.tag == "dt":
                self._end_paragraph()
                self._start_paragraph(None)
                self._children(child, fmt.but(bold=True))
            elif child.tag == "dd":
                if self.paragraph is None:
                    self._start_paragraph(None)
                else:
                    self._run(" ", fmt)
                self._children(child, fmt)
        self._end_paragraph()

    # Lists.
    def _list(self, element, fmt: _Format) -> None:
        self._end_paragraph()
        ordered = element.tag == "ol"
        plain = bool(_classes(element) & UNSTYLED_LIST_CLASSES)
        self.lists.append(_List(ordered=ordered, plain=plain, depth=len(self.lists) + 1,
                                num_id=self._restarted_numbering() if ordered and not plain else None))  # fmt: skip
        for child in element:
            self._element(child, fmt)
        self.lists.pop()
        self._end_paragraph()

    def _list_item(self, element, fmt: _Format) -> None:
        self._end_paragraph()
        if self.lists:
            self.lists[-1].item_started = True
        self._children(element, fmt)
        self._end_paragraph()
        if self.lists:
            self.lists[-1].item_started = False

    def _list_style(self) -> tuple[str | None, _List | None]:
        """The style of a paragraph opening now: a list item's first, a list item's next (continued), or none."""
        if not self.lists:
            return None, None
        current = self.lists[-1]
        level = "" if current.depth == 1 else f" {min(current.depth, 3)}"
        if current.plain:
            return None, None
        if current.item_started:
            current.item_started = False
            return ("List Number" if current.ordered else "List Bullet") + level, current
        return "List Continue" + level, None

    def _restarted_numbering(self) -> int:
        """A numbering of its own for a numbered list, counting from 1 (Word's "List Number" style runs on through
        the whole document otherwise)."""
        numbering = self.document.part.numbering_part.element
        style = self.document.styles["List Number"].element
        abstract = numbering.num_having_numId(style.pPr.numPr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    # Tables.
    def _table(self, element, fmt: _Format) -> None:
        self._end_paragraph()
        caption = element.find("caption")
        if caption is not None:
            self._start_paragraph("Caption")
            self._children(caption, fmt)
            self._end_paragraph()
        rows = [row for row in element.iter("tr") if self._owning_table(row) is element]
        if not rows:
            return
        width = max(sum(int(cell.get("colspan") or 1) if str(cell.get("colspan") or "1").isdigit() else 1
                        for cell in row if cell.tag in ("td", "th")) for row in rows)  # fmt: skip
        if width == 0:
            return
        table = self.container.add_table(rows=len(rows), cols=width)
        table.style = self.document.styles["Table Grid"]
        for r, row in enumerate(rows):
            if row.getparent() is not None and row.getparent().tag == "thead":
                header = OxmlElement("w:tblHeader")  # repeated at the top of each page, as in the PDF
                table.rows[r]._tr.get_or_add_trPr().append(header)
            c = 0
            for cell in row:
                if cell.tag not in ("td", "th") or c >= width:
                    continue
                span = int(cell.get("colspan")) if str(cell.get("colspan") or "").isdigit() else 1
                span = max(1, min(span, width - c))
                target = table.cell(r, c)
                if span > 1:
                    target = target.merge(table.cell(r, c + span - 1))
                self._into_cell(target, cell, fmt.but(bold=fmt.bold or cell.tag == "th"))
                c += span

    @staticmethod
    def _owning_table(row):
        parent = row.getparent()
        while parent is not None and parent.tag != "table":
            parent = parent.getparent()
        return parent

    def _into_cell(self, cell, element, fmt: _Format) -> None:
        """Writes an element's content into a table cell, the cell's own first paragraph taking the first block."""
        self._end_paragraph()
        saved = (self.container, self.lists, self.fresh_cell, self.pending_style)
        self.container, self.lists, self.fresh_cell, self.pending_style = cell, [], cell.paragraphs[0], None
        self._children(element, fmt)
        self._end_paragraph()
        self.container, self.lists, self.fresh_cell, self.pending_style = saved

    def _side_by_side(self, element, fmt: _Format) -> None:
        self._end_paragraph()
        parts = [child for child in element if isinstance(child.tag, str)]
        if not parts:
            return
        table = self.container.add_table(rows=1, cols=len(parts))
        for cell, part in zip(table.rows[0].cells, parts, strict=True):
            self._into_cell(cell, part, fmt)

    # Paragraphs and runs.
    def _start_paragraph(self, style: str | None) -> None:
        style = style or self.pending_style
        list_style, current = (None, None) if style else self._list_style()
        style = style or list_style
        if self.fresh_cell is not None:
            self.paragraph, self.fresh_cell = self.fresh_cell, None
            if style:
                self.paragraph.style = self.document.styles[style]
        else:
            self.paragraph = self.container.add_paragraph(style=style)
        if current is not None and current.num_id is not None:
            numbering = self.paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numbering.get_or_add_ilvl().val = 0
            numbering.get_or_add_numId().val = current.num_id

    def _end_paragraph(self) -> None:
        if self.paragraph is not None and self.paragraph.runs:
            last = self.paragraph.runs[-1]
            last.text = last.text.rstrip(" ")
        self.paragraph = None

    def _text(self, text: str | None, fmt: _Format) -> None:
        if not text:
            return
        text = _SPACES.sub(" ", _NOT_XML.sub("", text))
        if self.paragraph is None:
            text = text.lstrip()
            if not text:
                return
            self._start_paragraph(None)
        elif not self.paragraph.text or self.paragraph.text.endswith((" ", "\n")):
            text = text.lstrip()
        if text:
            self._run(text, fmt)

    def _run(self, text: str, fmt: _Format):
        if fmt.link:
            return self._link(text, fmt)
        run = self.paragraph.add_run(text)
        run.bold = fmt.bold or None
        run.italic = fmt.italic or None
        run.underline = fmt.underline or None
        run.font.strike = fmt.strike or None
        return run

    def _link(self, text: str, fmt: _Format):
        """A real Word link (w:hyperlink), blue and underlined as Word shows links."""
        part = self.paragraph.part
        relation = part.relate_to(fmt.link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), relation)
        run = self.paragraph.add_run(text)
        run.bold = fmt.bold or None
        run.italic = fmt.italic or None
        run.underline = True
        run.font.color.rgb = RGBColor(0x00, 0x50, 0x5F)
        hyperlink.append(run._r)
        self.paragraph._p.append(hyperlink)
        return run

    def _inline(self, element, fmt: _Format) -> None:
        tag = element.tag
        if tag == "br":
            if self.paragraph is not None:
                self.paragraph.add_run().add_break(WD_BREAK.LINE)
        else:
            inner = fmt
            if tag in ("strong", "b"):
                inner = fmt.but(bold=True)
            elif tag in ("em", "i"):
                inner = fmt.but(italic=True)
            elif tag == "u":
                inner = fmt.but(underline=True)
            elif tag in ("del", "s"):
                inner = fmt.but(strike=True)
            elif tag == "a":
                href = (element.get("href") or "").strip()
                inner = fmt.but(link=href if href.startswith(LINK_SCHEMES) else None)
            self._children(element, inner)
        self._text(element.tail, fmt)


def style_document(document) -> None:
    """The PDFs' look where Word has a say: headings in the portal's colour, compact paragraphs, Swedish text."""
    for level in range(1, 5):
        style = document.styles[f"Heading {level}"]
        style.font.color.rgb = HEADING_COLOUR
        style.paragraph_format.keep_with_next = True  # a heading never alone at a page's foot
    document.styles["Normal"].font.size = Pt(10.5)
    document.styles["Normal"].paragraph_format.space_after = Pt(4)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:val"), "sv-SE")  # Word checks the spelling in Swedish
