"""Several PDFs as one that keeps what each part had: the pages, and the structure tree of each tagged part.

The first part (a document of the portal's own, say the notice) gives the result its catalogue: the language, the
mark info, the output intent, the XMP metadata, the viewer preferences. Every tagged part's top structure elements
join the first part's ``Document`` element, their parent tree keys moved past the ones already used (the pages'
``StructParents`` and the annotations' ``StructParent`` with them). A part without tags keeps its pages as they came.

What the result claims follows what its parts are: PDF/UA-1 only if every part claims it and is tagged, PDF/A-2 only
if every part claims PDF/A-1 or -2 with the first part's colour space for its output intent; a claim not earned is
taken out of the XMP (ISO 14289-1 §5, ISO 19005-2 §6.6.4).
Entry point: ``merge_pdfs``.
"""

import io
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem


@dataclass
class Part:
    """One PDF to put in, and its bookmark (with bookmarks under it, each a title and a page of this part)."""

    content: bytes
    title: str
    group: str = ""  # a bookmark to put this part's bookmark under (an agenda item), made at its first part


@dataclass(frozen=True)
class Conformance:
    """What a PDF claims in its XMP, and whether it is tagged (a structure tree, marked content)."""

    tagged: bool
    pdf_ua: bool
    pdf_a: bool
    colours: int = 0  # the components of its PDF/A output intent's profile (3 RGB, 4 CMYK), 0 for none

    @property
    def accessible(self) -> bool:
        return self.tagged and self.pdf_ua


@dataclass
class Merged:
    content: bytes
    not_accessible: list[Part] = field(default_factory=list)  # the parts not tagged as PDF/UA-1
    unreadable: list[Part] = field(default_factory=list)  # the parts left out: not readable as PDF
    pdf_ua: bool = False
    pdf_a: bool = False


def _conformance(pdf: pikepdf.Pdf) -> Conformance:
    root = pdf.Root
    mark_info = root.get("/MarkInfo")
    tagged = "/StructTreeRoot" in root and mark_info is not None and bool(mark_info.get("/Marked", False))
    try:
        xmp = pdf.open_metadata()
        ua, a = str(xmp.get("pdfuaid:part", "")), str(xmp.get("pdfaid:part", ""))
    except Exception:  # an XMP packet that does not parse claims nothing
        ua = a = ""
    colours = 0
    for intent in root.get("/OutputIntents", []):
        if intent.get("/S") == Name.GTS_PDFA1 and "/DestOutputProfile" in intent:
            colours = int(intent.DestOutputProfile.get("/N", 0))
    return Conformance(tagged=tagged, pdf_ua=ua == "1", pdf_a=a in ("1", "2"), colours=colours)


def conformance(content: bytes) -> Conformance | None:
    """What the PDF claims and whether it is tagged; None for what cannot be read as a PDF."""
    try:
        with pikepdf.open(io.BytesIO(content)) as pdf:
            return _conformance(pdf)
    except (pikepdf.PdfError, ValueError):
        return None


def _parent_tree_pairs(node) -> list[tuple[int, object]]:
    pairs, stack = [], [node]
    while stack:
        current = stack.pop()
        stack += list(current.get("/Kids", []))
        nums = current.get("/Nums", [])
        pairs += [(int(nums[index]), nums[index + 1]) for index in range(0, len(nums), 2)]
    return pairs


def _elements(kids) -> list:
    kids = list(kids) if isinstance(kids, Array) else ([kids] if kids is not None else [])
    return [kid for kid in kids if isinstance(kid, Dictionary) and "/S" in kid]


def _top_elements(tree) -> list:
    """The part's top structure elements: its Document's kids, or the root's kids when there is no one Document."""
    kids = _elements(tree.get("/K"))
    if len(kids) == 1 and kids[0].get("/S") == Name.Document:
        return _elements(kids[0].get("/K"))
    return kids


def _next_key(pdf: pikepdf.Pdf, pairs) -> int:
    used = [key for key, _ in pairs]
    for page in pdf.pages:
        if "/StructParents" in page.obj:
            used.append(int(page.obj.StructParents))
        used += [int(a.StructParent) for a in page.obj.get("/Annots", []) if "/StructParent" in a]
    return max(used, default=-1) + 1


class _Merger:
    def __init__(self, first: pikepdf.Pdf):
        self.pdf = first
        self.pages_before = 0
        tree = first.Root.get("/StructTreeRoot")
        self.tree = tree
        if tree is not None:
            kids = tree.get("/K")
            kids = list(kids) if isinstance(kids, Array) else [kids]
            if len(kids) == 1 and kids[0].get("/S") == Name.Document:
                self.document = kids[0]
            else:  # a Document to hold them all
                self.document = first.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=tree,
                                                               K=Array(kids)))  # fmt: skip
                for kid in kids:
                    kid.P = self.document
                tree.K = Array([self.document])
            self.pairs = _parent_tree_pairs(tree["/ParentTree"]) if "/ParentTree" in tree else []
            self.next_key = _next_key(first, self.pairs)

    def add(self, part: pikepdf.Pdf, *, tagged: bool) -> bool:
        """The part's pages added, and its structure if it has one; whether its structure came along whole."""
        part_tree = part.Root.get("/StructTreeRoot") if tagged else None
        if part_tree is None or self.tree is None:
            self.pdf.pages.extend(part.pages)
            return False
        try:
            return self._add_tagged(part, part_tree)
        except (pikepdf.PdfError, AttributeError, KeyError, TypeError, ValueError):  # a structure tree not as written
            if len(self.pdf.pages) == self.pages_before:
                self.pdf.pages.extend(part.pages)
            return False

    def _add_tagged(self, part, part_tree) -> bool:
        self.pages_before = len(self.pdf.pages)
        offset = self.next_key
        for page in part.pages:  # renumbered in the part, before it is copied
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        pairs = [(key + offset, value) for key, value in _parent_tree_pairs(part_tree.get("/ParentTree", Dictionary()))]
        self.next_key = max([key for key, _ in pairs] + [_next_key(part, []) - 1, offset - 1]) + 1
        tops = _top_elements(part_tree)
        for top in tops:  # copied without the way up to the part's own root, which stays behind
            if "/P" in top:
                del top["/P"]
        self.pdf.pages.extend(part.pages)  # the pages first: the elements copied after refer to these copies
        if not isinstance(self.document.get("/K"), Array):
            self.document.K = Array([self.document.K] if "/K" in self.document else [])
        for top in tops:
            copied = self.pdf.copy_foreign(top if top.is_indirect else part.make_indirect(top))
            copied.P = self.document
            self.document.K.append(copied)
        for key, value in pairs:
            if isinstance(value, Array):  # a page's marked contents, each the element it belongs to
                value = Array([self._copied(part, element) for element in value])
            else:
                value = self._copied(part, value)
            self.pairs.append((key, value))
        for name in ("/RoleMap", "/ClassMap"):
            if name in part_tree:
                own = self.tree.get(name)
                if own is None:
                    own = self.tree[name] = Dictionary()
                for key, value in part_tree[name].items():
                    if key not in own:
                        own[key] = self.pdf.copy_foreign(value) if value.is_indirect else value
        return True

    def _copied(self, part, element):
        if element is None or (not element.is_indirect and not isinstance(element, Dictionary)):
            return element
        return self.pdf.copy_foreign(element if element.is_indirect else part.make_indirect(element))

    def finish(self) -> None:
        if self.tree is None:
            return
        nums = Array()
        for key, value in sorted(self.pairs, key=lambda pair: pair[0]):
            nums.append(key)
            nums.append(value)
        self.tree.ParentTree = self.pdf.make_indirect(Dictionary(Nums=nums))
        self.tree.ParentTreeNextKey = self.next_key
        if "/IDTree" in self.tree:
            del self.tree["/IDTree"]  # the first part's IDs are not referred to: no element of it has an /ID kept


def merge_pdfs(parts: list[Part], *, title: str) -> Merged:
    """The parts as one PDF, in order, with a bookmark for each part (under its group's bookmark, if it has one) and
    the first part's bookmarks under its own. A part that cannot be read is left out and listed in ``unreadable``."""
    merged = Merged(content=b"")
    opened, claims, marks = [], [], []  # the parts that read; what each claims; where each begins
    for part in parts:
        try:  # read through once: a file that does not read fails here, not half-way through the merge
            with pikepdf.open(io.BytesIO(part.content)) as checked:
                content = _saved(checked)
            pdf = pikepdf.open(io.BytesIO(content))
        except (pikepdf.PdfError, ValueError):
            merged.unreadable.append(part)
            continue
        opened.append((part, pdf))
    if not opened:
        out = pikepdf.new()
        out.add_blank_page()
        return Merged(content=_saved(out), unreadable=merged.unreadable)

    first_part, first = opened[0]
    merger = _Merger(first)
    claims.append(_conformance(first))
    if not claims[0].accessible:
        merged.not_accessible.append(first_part)
    marks.append((first_part, 0))
    for part, pdf in opened[1:]:
        claim = _conformance(pdf)
        marks.append((part, len(first.pages)))
        if not merger.add(pdf, tagged=claim.tagged) and claim.accessible:
            claim = Conformance(tagged=False, pdf_ua=False, pdf_a=claim.pdf_a, colours=claim.colours)
        claims.append(claim)
        if not claim.accessible:
            merged.not_accessible.append(part)
    merger.finish()

    with first.open_outline() as outline:
        own_outline = list(outline.root)
        outline.root.clear()
        groups = {}
        for part, page in marks:
            item = OutlineItem(part.title, page)
            if part is first_part:
                item.children.extend(own_outline)
            if part.group:
                if part.group not in groups:
                    groups[part.group] = OutlineItem(part.group, page)
                    outline.root.append(groups[part.group])
                groups[part.group].children.append(item)
            else:
                outline.root.append(item)
    first.Root.PageMode = Name.UseOutlines
    first.Root.ViewerPreferences = first.Root.get("/ViewerPreferences", Dictionary())
    first.Root.ViewerPreferences.DisplayDocTitle = True

    merged.pdf_ua = all(claim.accessible for claim in claims)
    # Only the first part's output intent is kept: a part made for another colour space (CMYK) would paint its
    # device colours under the wrong one, so it takes the PDF/A claim away.
    merged.pdf_a = all(claim.pdf_a and claim.colours in (0, claims[0].colours) for claim in claims)
    with first.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:title"] = title
        if not merged.pdf_ua and "pdfuaid:part" in xmp:
            del xmp["pdfuaid:part"]
        if not merged.pdf_a:
            for key in ("pdfaid:part", "pdfaid:conformance"):
                if key in xmp:
                    del xmp[key]
    merged.content = _saved(first)
    for _part, pdf in opened:
        pdf.close()
    return merged


def _saved(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
