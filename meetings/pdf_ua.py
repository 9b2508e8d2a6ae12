"""What WeasyPrint's PDF/A-2b output needs to be PDF/UA-1 as well, and to say so (ISO 14289-1 §5).

WeasyPrint writes one identification (``pdf_variant``): the PDF/A one. ``claim_pdf_ua`` adds ``pdfuaid:part`` 1 to
the same XMP packet with the extension schema PDF/A requires for a property outside its own schemas (ISO 19005-2
§6.6.2.3). ``finish_structure`` mends two things in WeasyPrint 70's structure tree that veraPDF's PDF/UA-1 profile
refuses: a list item's paragraphs put directly in its LI (7.2-20: an LI holds only Lbl and LBody), and a table row
group inside another (7.2-36/37/38: THead, TBody and TFoot hold only TR). The tests check the rules with pikepdf
(tests/standards/pdfua.py).
"""

from types import MethodType
from xml.etree.ElementTree import SubElement, fromstring, register_namespace, tostring

import pydyf

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
ROW_GROUPS = ("/THead", "/TBody", "/TFoot")
# PDF/A names the prefixes of an extension schema's description (ISO 19005-2 §6.6.2.3.2), and PDF/UA pdfuaid (5-3).
for _prefix, _uri in (("pdfuaid", PDFUAID), ("pdfaExtension", EXTENSION), ("pdfaSchema", SCHEMA),
                      ("pdfaProperty", PROPERTY)):  # fmt: skip
    register_namespace(_prefix, _uri)


def _pdf_ua_rdf(generate):
    def generate_rdf_metadata(self, variant, version, conformance):
        rdf = fromstring(generate(variant, version, conformance))
        identification = SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
        identification.set(f"{{{PDFUAID}}}part", "1")
        described = SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
        bag = SubElement(SubElement(described, f"{{{EXTENSION}}}schemas"), f"{{{RDF}}}Bag")
        schema = SubElement(bag, f"{{{RDF}}}li", {f"{{{RDF}}}parseType": "Resource"})
        for name, text in (("schema", "PDF/UA Universal Accessibility Schema"), ("namespaceURI", PDFUAID),
                           ("prefix", "pdfuaid")):  # fmt: skip
            SubElement(schema, f"{{{SCHEMA}}}{name}").text = text
        properties = SubElement(SubElement(schema, f"{{{SCHEMA}}}property"), f"{{{RDF}}}Seq")
        part = SubElement(properties, f"{{{RDF}}}li", {f"{{{RDF}}}parseType": "Resource"})
        for name, text in (("name", "part"), ("valueType", "Integer"), ("category", "internal"),
                           ("description", "Indicates, which part of ISO 14289 standard is followed")):  # fmt: skip
            SubElement(part, f"{{{PROPERTY}}}{name}").text = text
        return tostring(rdf, encoding="utf-8")

    return generate_rdf_metadata


def claim_pdf_ua(document) -> None:
    """Make the rendered ``document`` write pdfuaid:part 1 into its XMP beside the PDF/A identification."""
    metadata = document.metadata
    metadata.generate_rdf_metadata = MethodType(_pdf_ua_rdf(metadata.generate_rdf_metadata), metadata)


def _object(pdf, reference):
    return pdf.objects[int(reference.split()[0])] if isinstance(reference, (bytes, str)) else None


def finish_structure(document, pdf) -> None:
    """WeasyPrint's ``finisher``: mend the structure tree in place before the PDF is written."""
    elements = [o for o in pdf.objects if isinstance(o, pydyf.Dictionary) and o.get("Type") == "/StructElem"]
    for element in elements:
        kids = [(reference, _object(pdf, reference)) for reference in element.get("K", [])]
        if element.get("S") == "/LI":
            stray = [(r, kid) for r, kid in kids if kid is not None and kid.get("S") not in ("/Lbl", "/LBody")]
            if stray:
                body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "K": pydyf.Array([r for r, _ in stray]),
                                         "P": element.reference})  # fmt: skip
                if "Pg" in element:
                    body["Pg"] = element["Pg"]
                pdf.add_object(body)
                for _reference, kid in stray:
                    kid["P"] = body.reference
                first = kids.index(stray[0])
                kept = [r for r, kid in kids if (r, kid) not in stray]
                element["K"] = pydyf.Array([*kept[:first], body.reference, *kept[first:]])
        elif element.get("S") in ROW_GROUPS:
            flattened = []
            for reference, kid in kids:
                if kid is not None and kid.get("S") in ROW_GROUPS:  # a row group inside another: its rows move up
                    for row in kid.get("K", []):
                        if (inner := _object(pdf, row)) is not None:
                            inner["P"] = element.reference
                        flattened.append(row)
                else:
                    flattened.append(reference)
            element["K"] = pydyf.Array(flattened)
