"""A year of the record as an archival package: a SIP after E-ARK CSIP 2 / Riksarkivet's FGS Paketstruktur 2.0.

``write_package(body, year, into)`` is the one entry point. The package is a folder named by its identifier:

    METS.xml                                   the package's METS (identifiers, agents, its documentation, schemas and
                                               representation, each file with its SHA-256)
    metadata/preservation/premis.xml          PREMIS 3: each file's fixity, size and format (PRONOM); the events
    documentation/om-paketet.txt               what the package holds and how it is laid out, in Swedish
    schemas/                                   the XML schemas of METS, its E-ARK extensions, PREMIS and XLink
    representations/rep1/METS.xml              the representation's own METS: every data file, its format (PRONOM)
    representations/rep1/data/
        minnesanteckningar/<date>-v<n>.pdf     every approved and published version of the notes (sealed PDF/A)
        kallelser/<date>-v<n>.pdf              every sent version of the notice
        bilagor/<date>/<item>-<n>-<name>       the attachments, as each notice sent them
        stallningstaganden-<year>.pdf, .csv    the positions register: the compilation (PDF/A) and every position
        arshjul-<year>.csv                     the annual plan's entries for the year

The package is read by E-ARK's own ``eark-validator`` in the tests (tests/standards/test_eark.py).
Everything comes from the public record as it was frozen (sent, approved, published); a stored file whose hash is
no longer the one recorded is left out and named in the PREMIS events, never put in under the recorded hash.
"""

import datetime
import hashlib
import io
import mimetypes
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from lxml import etree

from meetings.exports import POSITION_COLUMNS, position_rows
from meetings.files import verified_bytes
from meetings.models import AnnualPlanEntry, Attachment, FrozenItem, MinutesVersion, NoticeDispatch
from meetings.pdf import render_pdf
from meetings.spreadsheets import SafeDictWriter, SafeWriter
from meetings.views.documents import compilation_context

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
PREMIS = "http://www.loc.gov/premis/v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
REPRESENTATION = "representations/rep1"
DATA = f"{REPRESENTATION}/data"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
SCHEMA_FILES = ["mets.xsd", "DILCISExtensionMETS.xsd", "DILCISExtensionSIPMETS.xsd", "premis-v3-0.xsd", "xlink.xsd"]
CONTENT = "Minnesanteckningar, kallelser och ställningstaganden"
# No content information type of E-ARK (a CITS) fits a body's meeting record: OTHER, and what it is instead.
CONTENT_TYPE = {f"{{{CSIP}}}CONTENTINFORMATIONTYPE": "OTHER", f"{{{CSIP}}}OTHERCONTENTINFORMATIONTYPE": CONTENT}

# PRONOM (The National Archives' technical registry) identifiers of the formats a package holds: (PUID, name, version).
PDF_A_2B = ("fmt/477", "Acrobat PDF/A - Portable Document Format", "2b")  # what the portal renders (meetings.pdf)
PDF_BY_VERSION = {"1.0": "fmt/14", "1.1": "fmt/15", "1.2": "fmt/16", "1.3": "fmt/17", "1.4": "fmt/18", "1.5": "fmt/19",
                  "1.6": "fmt/20", "1.7": "fmt/276", "2.0": "fmt/1129"}  # fmt: skip
BY_SUFFIX = {
    ".csv": ("x-fmt/18", "Comma Separated Values", ""),
    ".xml": ("fmt/101", "Extensible Markup Language", "1.0"),
    ".xsd": ("x-fmt/280", "XML Schema Definition", ""),
    ".txt": ("x-fmt/111", "Plain Text File", ""),
    ".docx": ("fmt/412", "Microsoft Word for Windows", "2007 onwards"),
    ".xlsx": ("fmt/214", "Microsoft Excel for Windows", "2007 onwards"),
    ".pptx": ("fmt/215", "Microsoft Powerpoint for Windows", "2007 onwards"),
}


@dataclass
class PackedFile:
    path: str  # relative to the package root
    sha256: str
    size: int
    mimetype: str
    created: datetime.datetime
    kind: str  # what it is in the record: notes, notice, attachment, positions, plan
    pronom: tuple[str, str, str] | None = None  # (PUID, format name, version); None for a format not identified


@dataclass
class Package:
    identifier: str
    root: Path
    body: object
    year: int
    files: list[PackedFile] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def _safe(name: str) -> str:
    return re.sub(r"[^0-9A-Za-zÅÄÖåäö._-]+", "_", name).strip("_")[:120] or "fil"


def _pronom(relative: str, content: bytes, kind: str) -> tuple[str, str, str] | None:
    """The format's PRONOM identifier: the portal's own PDFs are PDF/A-2b; an uploaded PDF is named by the version its
    header gives (it may be more, never less); other uploads by their kind of file; anything else stays unnamed."""
    suffix = Path(relative).suffix.lower()
    if suffix == ".pdf":
        if kind in ("notes", "notice", "positions"):
            return PDF_A_2B
        version = re.match(rb"%PDF-(\d\.\d)", content[:16])
        puid = PDF_BY_VERSION.get(version.group(1).decode()) if version else None
        return (puid, "Acrobat PDF - Portable Document Format", version.group(1).decode()) if puid else None
    return BY_SUFFIX.get(suffix)


def _add(package: Package, relative: str, content: bytes, *, kind: str, created=None) -> PackedFile:
    target = package.root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    mimetype = mimetypes.guess_type(relative)[0] or "application/octet-stream"
    if relative.endswith((".xml", ".xsd")):
        mimetype = "text/xml"
    packed = PackedFile(relative, hashlib.sha256(content).hexdigest(), len(content), mimetype,
                        created or timezone.now(), kind, _pronom(relative, content, kind))  # fmt: skip
    package.files.append(packed)
    return packed


def _notes(package: Package) -> None:
    versions = (
        MinutesVersion.objects.filter(
            minutes__meeting__body=package.body, minutes__meeting__date__year=package.year, published_at__isnull=False
        )
        .select_related("minutes__meeting")
        .order_by("minutes__meeting__date", "version")
    )
    for version in versions:
        name = f"{DATA}/minnesanteckningar/{version.minutes.meeting.date:%Y-%m-%d}-v{version.version}.pdf"
        content = verified_bytes(version.pdf, version.pdf_sha256)
        if content is None:
            package.left_out.append(name)
            continue
        _add(package, name, content, kind="notes", created=version.approved_at)


def _notices(package: Package) -> None:
    dispatches = NoticeDispatch.objects.filter(meeting__body=package.body, meeting__date__year=package.year)
    for dispatch in dispatches.select_related("meeting").order_by("meeting__date", "version"):
        day = f"{dispatch.meeting.date:%Y-%m-%d}"
        if dispatch.pdf:
            name = f"{DATA}/kallelser/{day}-v{dispatch.version}.pdf"
            content = verified_bytes(dispatch.pdf, dispatch.pdf_sha256)
            if content is None:
                package.left_out.append(name)
            else:
                _add(package, name, content, kind="notice", created=dispatch.sent_at)
        for item in FrozenItem.objects.filter(dispatch=dispatch).exclude(attachments=[]).order_by("sequence"):
            for number, record in enumerate(item.attachments, start=1):
                file_name = _safe(record.get("file_name") or record["title"])
                name = f"{DATA}/bilagor/{day}-v{dispatch.version}/{item.sequence:02d}-{number}-{file_name}"
                stored = Attachment.objects.filter(pk=record["id"]).first()
                content = verified_bytes(stored.file, record.get("sha256", "")) if stored else None
                if content is None:
                    package.left_out.append(name)
                else:
                    _add(package, name, content, kind="attachment", created=dispatch.sent_at)


def _positions(package: Package) -> None:
    rows = position_rows(body=package.body, year=package.year)
    if not rows:
        return
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=POSITION_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    _add(package, f"{DATA}/stallningstaganden-{package.year}.csv", out.getvalue().encode("utf-8"), kind="positions")
    context = compilation_context(body=package.body, year=package.year, public=True)
    _add(package, f"{DATA}/stallningstaganden-{package.year}.pdf", render_pdf("pdf/compilation.html", context),
         kind="positions")  # fmt: skip


def _plan(package: Package) -> None:
    entries = AnnualPlanEntry.objects.filter(body=package.body).select_related("meeting", "matter", "area")
    rows = [e for e in entries if (e.meeting.date.year if e.meeting_id else e.year) == package.year]
    if not rows:
        return
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(["möte", "år", "kvartal", "område", "ärende", "ämne"])
    for entry in sorted(rows, key=lambda e: (e.meeting.date if e.meeting_id else datetime.date(e.year, 12, 31),
                                             e.order, e.pk)):  # fmt: skip
        writer.writerow([f"{entry.meeting.date:%Y-%m-%d}" if entry.meeting_id else "", entry.year or "",
                         entry.quarter or "", entry.area.name if entry.area_id else "",
                         entry.matter.title if entry.matter_id else "", entry.topic])  # fmt: skip
    _add(package, f"{DATA}/arshjul-{package.year}.csv", out.getvalue().encode("utf-8"), kind="plan")


def _premis(package: Package, now: datetime.datetime) -> bytes:
    q = lambda tag: f"{{{PREMIS}}}{tag}"  # noqa: E731
    root = etree.Element(q("premis"), nsmap={"premis": PREMIS, "xsi": XSI}, version="3.0")
    root.set(f"{{{XSI}}}schemaLocation", f"{PREMIS} ../../schemas/premis-v3-0.xsd")
    for packed in package.files:
        obj = etree.SubElement(root, q("object"), {f"{{{XSI}}}type": "premis:file"})
        ident = etree.SubElement(obj, q("objectIdentifier"))
        etree.SubElement(ident, q("objectIdentifierType")).text = "filepath"
        etree.SubElement(ident, q("objectIdentifierValue")).text = packed.path
        characteristics = etree.SubElement(obj, q("objectCharacteristics"))
        fixity = etree.SubElement(characteristics, q("fixity"))
        etree.SubElement(fixity, q("messageDigestAlgorithm")).text = "SHA-256"
        etree.SubElement(fixity, q("messageDigest")).text = packed.sha256
        etree.SubElement(characteristics, q("size")).text = str(packed.size)
        file_format = etree.SubElement(characteristics, q("format"))
        designation = etree.SubElement(file_format, q("formatDesignation"))
        etree.SubElement(designation, q("formatName")).text = packed.pronom[1] if packed.pronom else packed.mimetype
        if packed.pronom and packed.pronom[2]:
            etree.SubElement(designation, q("formatVersion")).text = packed.pronom[2]
        if packed.pronom:
            registry = etree.SubElement(file_format, q("formatRegistry"))
            etree.SubElement(registry, q("formatRegistryName")).text = "PRONOM"
            etree.SubElement(registry, q("formatRegistryKey")).text = packed.pronom[0]
            etree.SubElement(registry, q("formatRegistryRole")).text = "specification"
        etree.SubElement(file_format, q("formatNote")).text = packed.mimetype
    event = etree.SubElement(root, q("event"))
    ident = etree.SubElement(event, q("eventIdentifier"))
    etree.SubElement(ident, q("eventIdentifierType")).text = "UUID"
    etree.SubElement(ident, q("eventIdentifierValue")).text = str(uuid.uuid4())
    etree.SubElement(event, q("eventType")).text = "creation"
    etree.SubElement(event, q("eventDateTime")).text = now.isoformat()
    detail = etree.SubElement(etree.SubElement(event, q("eventDetailInformation")), q("eventDetail"))
    detail.text = f"SIP of {package.body.short_name} {package.year}: {len(package.files)} files" + (
        f"; left out (stored file not the one recorded): {', '.join(package.left_out)}" if package.left_out else ""
    )
    agent = etree.SubElement(root, q("agent"))
    ident = etree.SubElement(agent, q("agentIdentifier"))
    etree.SubElement(ident, q("agentIdentifierType")).text = "local"
    etree.SubElement(ident, q("agentIdentifierValue")).text = "SRO-portalen"
    etree.SubElement(agent, q("agentName")).text = "SRO-portalen"
    etree.SubElement(agent, q("agentType")).text = "software"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _m(tag: str) -> str:
    return f"{{{METS}}}{tag}"


def _mets_root(*, objid: str, label: str, now: datetime.datetime, schemas: str):
    nsmap = {"mets": METS, "xlink": XLINK, "csip": CSIP, "sip": SIP, "xsi": XSI}
    attributes = {"OBJID": objid, "TYPE": "Mixed", "PROFILE": PROFILE, "LABEL": label, **CONTENT_TYPE}
    root = etree.Element(_m("mets"), nsmap=nsmap, attrib=attributes)
    root.set(f"{{{XSI}}}schemaLocation", f"{METS} {schemas}mets.xsd {XLINK} {schemas}xlink.xsd "
             f"{CSIP} {schemas}DILCISExtensionMETS.xsd {SIP} {schemas}DILCISExtensionSIPMETS.xsd")  # fmt: skip
    header = etree.SubElement(root, _m("metsHdr"), {
        "CREATEDATE": now.isoformat(), "LASTMODDATE": now.isoformat(), "RECORDSTATUS": "NEW",
        f"{{{CSIP}}}OAISPACKAGETYPE": "SIP",
    })  # fmt: skip
    return root, header


def _software_agent(header) -> None:
    creator = etree.SubElement(header, _m("agent"), ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    etree.SubElement(creator, _m("name")).text = "SRO-portalen"
    etree.SubElement(creator, _m("note"), {f"{{{CSIP}}}NOTETYPE": "SOFTWARE VERSION"}).text = settings.PORTAL_VERSION


def _file(group, file_id: str, packed: PackedFile, href: str) -> None:
    attributes = {"ID": file_id, "MIMETYPE": packed.mimetype, "SIZE": str(packed.size),
                  "CREATED": packed.created.isoformat(), "CHECKSUM": packed.sha256, "CHECKSUMTYPE": "SHA-256",
                  "USE": packed.kind}  # fmt: skip
    if packed.pronom:  # the format as SIP's extension names it (SIP31–SIP34), as PREMIS does too
        puid, name, version = packed.pronom
        attributes |= {f"{{{SIP}}}FILEFORMATNAME": name, f"{{{SIP}}}FORMATREGISTRY": "PRONOM",
                       f"{{{SIP}}}FORMATREGISTRYKEY": puid}  # fmt: skip
        if version:
            attributes[f"{{{SIP}}}FILEFORMATVERSION"] = version
    entry = etree.SubElement(group, _m("file"), attributes)
    etree.SubElement(entry, _m("FLocat"), {"LOCTYPE": "URL", f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": href})


def _group(file_sec, group_id: str, use: str):
    # eark-validator 1.1.3 asks csip:CONTENTINFORMATIONTYPE (with OTHERCONTENTINFORMATIONTYPE) of every file group
    # (its test of CSIP63), CSIP62 only of a representation's: every group states it.
    return etree.SubElement(file_sec, _m("fileGrp"), {"ID": group_id, "USE": use, **CONTENT_TYPE})


def _representation_mets(package: Package, data: list[PackedFile], now: datetime.datetime) -> bytes:
    """The representation's own METS (CSIPSTR12): its data files, their formats, in one division."""
    root, header = _mets_root(objid=f"{package.identifier}-rep1", label=f"{package.body.name} {package.year}: rep1",
                              now=now, schemas="../../schemas/")  # fmt: skip
    _software_agent(header)
    group = _group(etree.SubElement(root, _m("fileSec"), ID="fileSec-rep1"), "fileGrp-data", "Data")
    for number, packed in enumerate(data, start=1):
        _file(group, f"file-{number}", packed, packed.path.removeprefix(f"{REPRESENTATION}/"))
    struct = etree.SubElement(root, _m("structMap"), ID="structMap-rep1", TYPE="PHYSICAL", LABEL="CSIP")
    top = etree.SubElement(struct, _m("div"), ID="div-rep1-root", LABEL="rep1")
    etree.SubElement(etree.SubElement(top, _m("div"), ID="div-data", LABEL="Data"), _m("fptr"), FILEID="fileGrp-data")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _mets(package: Package, premis: PackedFile, now: datetime.datetime) -> bytes:
    root, header = _mets_root(objid=package.identifier, label=f"{package.body.name} {package.year}", now=now,
                              schemas="schemas/")  # fmt: skip
    archivist = etree.SubElement(header, _m("agent"), ROLE="ARCHIVIST", TYPE="ORGANIZATION")
    etree.SubElement(archivist, _m("name")).text = package.body.name
    # The submitting agent (SIP15–SIP17): the body, whose secretariat exports its record through the portal. Its role
    # as the SIP specification's own example writes it (metshdr/examples.md): OTHER/SUBMITTER. SIP16 fixes no value,
    # and a second CREATOR would be held to CSIP12–CSIP16, the rules of the software agent, by eark-validator.
    submitter = etree.SubElement(header, _m("agent"), ROLE="OTHER", OTHERROLE="SUBMITTER", TYPE="ORGANIZATION")
    etree.SubElement(submitter, _m("name")).text = package.body.name
    _software_agent(header)
    etree.SubElement(
        header, _m("altRecordID"), TYPE="SUBMISSIONAGREEMENT"
    ).text = f"{package.body.short_name}-{package.year}"

    amd = etree.SubElement(root, _m("amdSec"), ID="amdSec-1")
    digiprov = etree.SubElement(amd, _m("digiprovMD"), ID="digiprovMD-premis", STATUS="CURRENT")
    etree.SubElement(digiprov, _m("mdRef"), {
        "LOCTYPE": "URL", f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": premis.path, "MDTYPE": "PREMIS",
        "MIMETYPE": "text/xml", "SIZE": str(premis.size), "CREATED": premis.created.isoformat(),
        "CHECKSUM": premis.sha256, "CHECKSUMTYPE": "SHA-256",
    })  # fmt: skip

    file_sec = etree.SubElement(root, _m("fileSec"), ID="fileSec-1")
    number = 0
    for group_id, use, kinds in (("fileGrp-documentation", "Documentation", {"documentation"}),
                                 ("fileGrp-schemas", "Schemas", {"schema"}),
                                 ("fileGrp-rep1", f"Representations/{REPRESENTATION.rsplit('/', 1)[1]}",
                                  {"representation"})):  # fmt: skip
        group = _group(file_sec, group_id, use)
        for packed in (f for f in package.files if f.kind in kinds):
            number += 1
            _file(group, f"file-{number}", packed, packed.path)

    struct = etree.SubElement(root, _m("structMap"), ID="structMap-1", TYPE="PHYSICAL", LABEL="CSIP")
    top = etree.SubElement(struct, _m("div"), ID="div-root", LABEL=package.identifier)
    etree.SubElement(top, _m("div"), ID="div-metadata", LABEL="Metadata", ADMID="digiprovMD-premis")
    for div_id, label, group_id in (("div-documentation", "Documentation", "fileGrp-documentation"),
                                    ("div-schemas", "Schemas", "fileGrp-schemas")):  # fmt: skip
        etree.SubElement(etree.SubElement(top, _m("div"), ID=div_id, LABEL=label), _m("fptr"), FILEID=group_id)
    content = etree.SubElement(top, _m("div"), ID="div-representations", LABEL="Representations")
    etree.SubElement(content, _m("fptr"), FILEID="fileGrp-rep1")
    rep = etree.SubElement(content, _m("div"), ID="div-rep1", LABEL="Representations/rep1")
    etree.SubElement(rep, _m("mptr"), {"LOCTYPE": "URL", f"{{{XLINK}}}type": "simple",
                                       f"{{{XLINK}}}href": f"{REPRESENTATION}/METS.xml",
                                       f"{{{XLINK}}}title": "fileGrp-rep1"})  # fmt: skip
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _documentation(package: Package) -> bytes:
    kinds = {"notes": "minnesanteckningar", "notice": "kallelser", "attachment": "bilagor",
             "positions": "ställningstaganden", "plan": "årshjulet"}  # fmt: skip
    counts = ", ".join(f"{sum(f.kind == kind for f in package.files)} {word}" for kind, word in kinds.items())
    left_out = "".join(f"\n  {path}" for path in package.left_out) or " inga"
    return (
        f"Arkivpaket: {package.body.name}, {package.year}\n"
        f"Paketets identitet: {package.identifier}\n\n"
        "Ett informationspaket för överlämning (SIP) enligt E-ARK CSIP och SIP 2.1 och Riksarkivets FGS\n"
        "Paketstruktur.\n"
        "Innehållet är det offentliga protokollet som det låstes: skickade kallelser med sina bilagor, godkända och\n"
        "publicerade minnesanteckningar (förseglade PDF/A-2b), årets ställningstaganden (PDF/A-2b och CSV) och\n"
        "årshjulet (CSV).\n\n"
        "METS.xml                           paketets METS: agenter, dokumentation, scheman och representationen\n"
        "metadata/preservation/premis.xml   PREMIS 3: varje fils kontrollsumma (SHA-256), storlek och format (PRONOM)\n"
        "schemas/                           XML-scheman för METS, E-ARK:s tillägg, PREMIS och XLink\n"
        "representations/rep1/METS.xml      representationens METS: varje datafil med kontrollsumma och format\n"
        "representations/rep1/data/         filerna\n\n"
        f"I paketet: {counts}.\n"
        f"Utelämnade (den lagrade filen var inte den registrerade):{left_out}\n"
    ).encode()


def write_package(*, body, year: int, into: Path) -> Package:
    """Write the year's SIP under ``into`` (a new folder named by the package's identifier) and return it."""
    now = timezone.now()
    identifier = f"{body.short_name}-{year}-{uuid.uuid4()}"
    package = Package(identifier=identifier, root=Path(into) / identifier, body=body, year=year)
    package.root.mkdir(parents=True)
    _notes(package)
    _notices(package)
    _positions(package)
    _plan(package)
    data = list(package.files)
    _add(package, f"{REPRESENTATION}/METS.xml", _representation_mets(package, data, now), kind="representation",
         created=now)  # fmt: skip
    for name in SCHEMA_FILES:
        _add(package, f"schemas/{name}", (SCHEMAS / name).read_bytes(), kind="schema", created=now)
    _add(package, "documentation/om-paketet.txt", _documentation(package), kind="documentation", created=now)
    content = _premis(package, now)
    premis_path = "metadata/preservation/premis.xml"
    (package.root / premis_path).parent.mkdir(parents=True, exist_ok=True)
    (package.root / premis_path).write_bytes(content)
    premis = PackedFile(premis_path, hashlib.sha256(content).hexdigest(), len(content), "text/xml", now, "premis")
    (package.root / "METS.xml").write_bytes(_mets(package, premis, now))
    return package
