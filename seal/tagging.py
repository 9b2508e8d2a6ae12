"""Signature fields that PDF/UA-1 accepts: described and in the structure tree.

pyHanko's own invisible signature widget is untagged and has no description, and neither of the ways around that
fits an archival PDF: the hidden flag is forbidden by PDF/A-2 (6.3.2), and a box moved off the page is a trick that
validators read differently. So the fields are made before the seal, in the revision the seal signs: each with a
description (/TU, veraPDF PDF/UA-1 rule 7.18.1-3) and its widget in a ``Form`` structure element (7.18.4-1) through
an object reference and the parent tree. Tagging them afterwards, in an update of its own, would be a change after
the seal that its modification analysis reports ("changed since it was sealed").
"""

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields


def _number_tree_keys(node) -> list[int]:
    keys, stack = [], [node]
    while stack:
        current = stack.pop().get_object()
        stack += list(current.get("/Kids", []))
        nums = current.get("/Nums", [])
        keys += [int(nums[index]) for index in range(0, len(nums), 2)]
    return keys


def _next_struct_parent(tree, pages) -> int:
    """A parent tree key no page (StructParents) and no annotation (StructParent) uses yet."""
    used = _number_tree_keys(tree["/ParentTree"]) if "/ParentTree" in tree else []
    if "/ParentTreeNextKey" in tree:
        used.append(int(tree["/ParentTreeNextKey"]) - 1)
    for page in pages:
        if "/StructParents" in page:
            used.append(int(page["/StructParents"]))
        annotations = [reference.get_object() for reference in page.get("/Annots", [])]
        used += [int(a["/StructParent"]) for a in annotations if "/StructParent" in a]
    return max(used, default=-1) + 1


def add_tagged_signature_field(writer: IncrementalPdfFileWriter, *, name: str, description: str) -> None:
    """An empty, invisible signature field ``name`` on the first page, described and tagged, for a signature or a
    document timestamp to fill. An untagged document (none of the portal's own) gets the described field alone."""
    fields.append_signature_field(writer, fields.SigFieldSpec(sig_field_name=name, readable_field_name=description))
    if "/StructTreeRoot" not in writer.root:
        return
    field_ref = next(ref for ref in writer.root["/AcroForm"]["/Fields"] if ref.get_object().get("/T") == name)
    widget = field_ref.get_object()  # pyHanko combines the field and its one widget in one dictionary
    page_ref = writer.find_page_for_modification(0)[0]
    page = page_ref.get_object()
    tree_ref = writer.root.raw_get("/StructTreeRoot")
    tree = tree_ref.get_object()
    key = _next_struct_parent(tree, _all_pages(writer))

    # The Form element goes into the document's top element (WeasyPrint's Document), else into the root itself.
    kids = tree.raw_get("/K")
    kids = kids.get_object() if isinstance(kids, generic.IndirectObject) and "/S" not in kids.get_object() else kids
    top = kids.raw_get(0) if isinstance(kids, generic.ArrayObject) and len(kids) == 1 else kids
    if isinstance(top, generic.IndirectObject) and top.get_object().get("/S") == "/Document":
        parent_ref, parent = top, top.get_object()
    else:
        parent_ref, parent = tree_ref, tree
    form_ref = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/StructElem"),
        generic.NameObject("/S"): generic.NameObject("/Form"),
        generic.NameObject("/P"): parent_ref,
        generic.NameObject("/Pg"): page_ref,
        generic.NameObject("/K"): generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/OBJR"),
            generic.NameObject("/Obj"): field_ref,
            generic.NameObject("/Pg"): page_ref,
        }),
    }))  # fmt: skip
    own_kids = parent.get("/K")
    if isinstance(own_kids, generic.ArrayObject):
        own_kids.append(form_ref)
    else:
        parent["/K"] = generic.ArrayObject([own_kids, form_ref] if own_kids is not None else [form_ref])
    writer.update_container(parent)

    parent_tree = tree.get("/ParentTree")
    if parent_tree is None:
        tree["/ParentTree"] = writer.add_object(generic.DictionaryObject({
            generic.NameObject("/Nums"): generic.ArrayObject([generic.NumberObject(key), form_ref])}))  # fmt: skip
    elif "/Kids" in parent_tree.get_object():  # a deep tree: a leaf of its own, after every key there is
        parent_tree.get_object()["/Kids"].append(writer.add_object(generic.DictionaryObject({
            generic.NameObject("/Limits"): generic.ArrayObject([generic.NumberObject(key)] * 2),
            generic.NameObject("/Nums"): generic.ArrayObject([generic.NumberObject(key), form_ref]),
        })))  # fmt: skip
        writer.update_container(parent_tree.get_object())
    else:
        parent_tree.get_object()["/Nums"] += [generic.NumberObject(key), form_ref]
        writer.update_container(parent_tree.get_object())
    if "/ParentTreeNextKey" in tree:
        tree["/ParentTreeNextKey"] = generic.NumberObject(key + 1)
    writer.update_container(tree)

    widget["/StructParent"] = generic.NumberObject(key)
    writer.update_container(widget)
    page["/Tabs"] = generic.NameObject("/S")  # 7.18.3-1: a page with annotations tabs in structure order
    writer.update_container(page)


def _all_pages(writer):
    pages, stack = [], [writer.root["/Pages"]]
    while stack:
        node = stack.pop().get_object()
        if node.get("/Type") == "/Pages":
            stack += list(reversed(node["/Kids"]))
        else:
            pages.append(node)
    return pages
