"""A year of the record as an archival package: a SIP after E-ARK CSIP 2 / Riksarkivet's FGS Paketstruktur 2.0.

``write_package(body, year, into)`` is the one entry point. The package is a folder named by its identifier:

    METS.xml                                   the package's METS (identifiers, agents, every file with its SHA-256)
    metadata/preservation/premis.xml          PREMIS 3: each file's fixity, size and format; the package's events
    representations/rep1/data/
        minnesanteckningar/<date>-v<n>.pdf     every approved and published version of the notes (sealed PDF/A)
        kallelser/<date>-v<n>.pdf              every sent version of the notice
        bilagor/<date>/<item>-<n>-<name>       the attachments, as each notice sent them
        stallningstaganden-<year>.pdf, .csv    the positions register: the compilation (PDF/A) and every position
        arshjul-<year>.csv                     the annual plan's entries for the year

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


@dataclass
class PackedFile:
    path: str  # relative to the package root
    sha256: str
    size: int
    mimetype: str
    created: datetime.datetime
    kind: str  # what it is in the record: notes, notice, attachment, positions, plan


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


def _add(package: Package, relative: str, content: bytes, *, kind: str, created=None) -> None:
    target = package.root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    mimetype = mimetypes.guess_type(relative)[0] or "application/octet-stream"
    package.files.append(PackedFile(relative, hashlib.sha256(content).hexdigest(), len(content), mimetype,
                                    created or timezone.now(), kind))  # fmt: skip


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
        file_format = etree.SubElement(etree.SubElement(characteristics, q("format")), q("formatDesignation"))
        etree.SubElement(file_format, q("formatName")).text = packed.mimetype
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


def _mets(package: Package, premis: PackedFile, now: datetime.datetime) -> bytes:
    m = lambda tag: f"{{{METS}}}{tag}"  # noqa: E731
    root = etree.Element(m("mets"), nsmap={"mets": METS, "xlink": XLINK, "csip": CSIP, "sip": SIP, "xsi": XSI}, attrib={
        "OBJID": package.identifier, "TYPE": "Mixed", "PROFILE": PROFILE,
        "LABEL": f"{package.body.name} {package.year}", f"{{{CSIP}}}CONTENTINFORMATIONTYPE": "OTHER",
        f"{{{CSIP}}}OTHERCONTENTINFORMATIONTYPE": "Minnesanteckningar, kallelser och ställningstaganden",
    })  # fmt: skip
    header = etree.SubElement(root, m("metsHdr"), {"CREATEDATE": now.isoformat(), "RECORDSTATUS": "NEW",
                                                   f"{{{CSIP}}}OAISPACKAGETYPE": "SIP"})  # fmt: skip
    archivist = etree.SubElement(header, m("agent"), ROLE="ARCHIVIST", TYPE="ORGANIZATION")
    etree.SubElement(archivist, m("name")).text = package.body.name
    creator = etree.SubElement(header, m("agent"), ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    etree.SubElement(creator, m("name")).text = "SRO-portalen"
    etree.SubElement(creator, m("note"), {f"{{{CSIP}}}NOTETYPE": "SOFTWARE VERSION"}).text = settings.PORTAL_VERSION
    etree.SubElement(
        header, m("altRecordID"), TYPE="SUBMISSIONAGREEMENT"
    ).text = f"{package.body.short_name}-{package.year}"

    amd = etree.SubElement(root, m("amdSec"), ID="amdSec-1")
    digiprov = etree.SubElement(amd, m("digiprovMD"), ID="digiprovMD-premis", STATUS="CURRENT")
    etree.SubElement(digiprov, m("mdRef"), {
        "LOCTYPE": "URL", f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": premis.path, "MDTYPE": "PREMIS",
        "MIMETYPE": "text/xml", "SIZE": str(premis.size), "CREATED": premis.created.isoformat(),
        "CHECKSUM": premis.sha256, "CHECKSUMTYPE": "SHA-256",
    })  # fmt: skip

    file_sec = etree.SubElement(root, m("fileSec"), ID="fileSec-1")
    group = etree.SubElement(file_sec, m("fileGrp"), ID="fileGrp-rep1", USE="Representations/rep1")
    ids = []
    for number, packed in enumerate(package.files, start=1):
        file_id = f"file-{number}"
        ids.append(file_id)
        entry = etree.SubElement(group, m("file"), ID=file_id, MIMETYPE=packed.mimetype, SIZE=str(packed.size),
                                 CREATED=packed.created.isoformat(), CHECKSUM=packed.sha256,
                                 CHECKSUMTYPE="SHA-256", USE=packed.kind)  # fmt: skip
        etree.SubElement(entry, m("FLocat"), {"LOCTYPE": "URL", f"{{{XLINK}}}type": "simple",
                                               f"{{{XLINK}}}href": packed.path})  # fmt: skip

    struct = etree.SubElement(root, m("structMap"), ID="structMap-1", TYPE="PHYSICAL", LABEL="CSIP")
    top = etree.SubElement(struct, m("div"), ID="div-root", LABEL=package.identifier)
    etree.SubElement(top, m("div"), ID="div-metadata", LABEL="Metadata", ADMID="digiprovMD-premis")
    rep = etree.SubElement(top, m("div"), ID="div-rep1", LABEL="Representations/rep1")
    for file_id in ids:
        etree.SubElement(rep, m("fptr"), FILEID=file_id)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


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
    content = _premis(package, now)
    premis_path = "metadata/preservation/premis.xml"
    (package.root / premis_path).parent.mkdir(parents=True, exist_ok=True)
    (package.root / premis_path).write_bytes(content)
    premis = PackedFile(premis_path, hashlib.sha256(content).hexdigest(), len(content), "text/xml", now, "premis")
    (package.root / "METS.xml").write_bytes(_mets(package, premis, now))
    return package
