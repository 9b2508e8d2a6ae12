"""The machine-checkable rules of veraPDF's PDF/UA-1 profile (veraPDF/veraPDF-validation-profiles, PDF_UA/PDFUA-1.xml)
that a PDF of the portal can break, written with pikepdf against the structure tree: veraPDF itself cannot be
installed here. Each problem names its rule (clause-test, as the profile numbers them).

Checked: 5-1/5-2 (pdfuaid:part 1 in the XMP), 7.1-8/9 (metadata, dc:title), 7.1-10 (DisplayDocTitle), 7.1-11
(StructTreeRoot), 7.2-3/10/17/18/19/20/36/37 (what tables and lists may hold), 7.2-34 (a language), 7.18.1-3 and
7.18.4-1 (form fields: a description, in a Form tag), 7.18.3-1 (Tabs /S), 7.18.5-1/2 (links tagged, described),
7.21.4.1-1 (fonts embedded). Not checked: what needs a renderer (7.1-3 content tagged or artifact, contrast), reading
order, the meaning of alternative texts.
"""

import io

import pikepdf
from pikepdf import Name

STANDARD = {"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
            "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH",
            "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot",
            "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form"}  # fmt: skip
# What a structure element of a type may hold (its kids' standard types), as the profile's 7.2 rules write it.
MAY_HOLD = {
    "Table": ({"TR", "THead", "TBody", "TFoot", "Caption"}, "7.2-3"),
    "TR": ({"TH", "TD"}, "7.2-10"),
    "THead": ({"TR"}, "7.2-36"),
    "TBody": ({"TR"}, "7.2-37"),
    "TFoot": ({"TR"}, "7.2-38"),
    "L": ({"L", "LI", "Caption"}, "7.2-19"),
    "LI": ({"Lbl", "LBody"}, "7.2-20"),
}
MUST_BE_IN = {
    "LI": ({"L"}, "7.2-17"),
    "LBody": ({"LI"}, "7.2-18"),
    "TR": ({"Table", "THead", "TBody", "TFoot"}, "7.2-4"),
}


def _standard(element, role_map) -> str:
    kind = str(element.get("/S", ""))[1:]
    seen = set()
    while kind not in STANDARD and role_map is not None and Name("/" + kind) in role_map and kind not in seen:
        seen.add(kind)
        kind = str(role_map[Name("/" + kind)])[1:]
    return kind


def _struct_kids(element):
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _parent_of_annotations(root) -> dict:
    """StructParent number → the structure element the parent tree names for it."""
    found, stack = {}, [root.get("/ParentTree")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        stack += list(node.get("/Kids", []))
        nums = node.get("/Nums", [])
        for index in range(0, len(nums), 2):
            found[int(nums[index])] = nums[index + 1]
    return found


def problems(pdf_bytes: bytes) -> list[str]:
    """Every rule broken, in words with its number; an empty list for a PDF that follows them all."""
    found = []
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root
        with pdf.open_metadata() as xmp:
            if str(xmp.get("pdfuaid:part", "")) != "1":
                found.append("5-1/5-2: no pdfuaid:part 1 in the XMP metadata")
            if not xmp.get("dc:title"):
                found.append("7.1-9: no dc:title in the XMP metadata")
        if "/Metadata" not in root:
            found.append("7.1-8: no metadata stream in the catalog")
        preferences = root.get("/ViewerPreferences")
        if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
            found.append("7.1-10: no ViewerPreferences with DisplayDocTitle true")
        if not str(root.get("/Lang", "")):
            found.append("7.2-34: no document language (Lang) in the catalog")
        tree = root.get("/StructTreeRoot")
        if tree is None:
            return [*found, "7.1-11: no StructTreeRoot"]
        role_map = tree.get("/RoleMap")
        stack = [(kid, "") for kid in _struct_kids(tree)]
        while stack:
            element, parent = stack.pop()
            kind = _standard(element, role_map)
            kids = _struct_kids(element)
            if kind in MAY_HOLD:
                allowed, rule = MAY_HOLD[kind]
                wrong = sorted({_standard(k, role_map) for k in kids} - allowed)
                if wrong:
                    found.append(f"{rule}: {kind} holds {', '.join(wrong)}")
            if kind in MUST_BE_IN and parent not in MUST_BE_IN[kind][0]:
                found.append(f"{MUST_BE_IN[kind][1]}: {kind} inside {parent or 'the root'}")
            stack += [(kid, kind) for kid in kids]
        parents = _parent_of_annotations(tree)
        for number, page in enumerate(pdf.pages, start=1):
            annotations = list(page.obj.get("/Annots", []))
            if annotations and str(page.obj.get("/Tabs", "")) != "/S":
                found.append(f"7.18.3-1: page {number} has annotations but no Tabs /S")
            for annotation in annotations:
                hidden = int(annotation.get("/F", 0)) & 2
                subtype = str(annotation.get("/Subtype", ""))
                parent = parents.get(int(annotation["/StructParent"])) if "/StructParent" in annotation else None
                tag = _standard(parent, role_map) if isinstance(parent, pikepdf.Dictionary) else ""
                if hidden:
                    continue
                if subtype == "/Widget":
                    field = annotation if "/FT" in annotation else annotation.get("/Parent", annotation)
                    if not str(field.get("/TU", "")) and not str(parent.get("/Alt", "") if tag else ""):
                        found.append(f"7.18.1-3: page {number}: a form field without TU or alternative description")
                    if tag != "Form":
                        found.append(f"7.18.4-1: page {number}: a widget not in a Form tag")
                elif subtype == "/Link":
                    if tag != "Link":
                        found.append(f"7.18.5-1: page {number}: a link not in a Link tag")
                    if not str(annotation.get("/Contents", "")):
                        found.append(f"7.18.5-2: page {number}: a link without Contents")
            for font in _fonts(page):
                if not _embedded(font):
                    found.append(f"7.21.4.1-1: page {number}: font {font.get('/BaseFont')} not embedded")
    return sorted(set(found))


def _fonts(page):
    resources = page.obj.get("/Resources", {})
    return list(resources.get("/Font", {}).values()) if "/Font" in resources else []


def _embedded(font) -> bool:
    subtype = str(font.get("/Subtype", ""))
    if subtype == "/Type3":
        return True
    if subtype == "/Type0":
        return all(_embedded(descendant) for descendant in font.get("/DescendantFonts", []))
    descriptor = font.get("/FontDescriptor", {})
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
