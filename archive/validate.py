"""The portal's own check of an archival package against the rules of E-ARK CSIP / FGS 2.0 it follows, and a
reader that gives the package back for a round trip (compared with the database in the tests)."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from archive.package import CSIP, METS, PREMIS, XLINK

NS = {"mets": METS, "xlink": XLINK, "csip": CSIP, "premis": PREMIS}
FILE_ATTRIBUTES = ["ID", "MIMETYPE", "SIZE", "CREATED", "CHECKSUM", "CHECKSUMTYPE"]


@dataclass
class Listed:
    path: str
    sha256: str
    size: int
    use: str


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listed(root, problems: list[str], package: Path, prefix: str = "") -> list[Listed]:
    """The files a METS lists, by their path from the package root (``prefix``: where a representation's METS is)."""
    listed = []
    for entry in root.iterfind("mets:fileSec/mets:fileGrp/mets:file", NS):
        missing = [name for name in FILE_ATTRIBUTES if not entry.get(name)]
        if missing:
            problems.append(f"file {entry.get('ID')}: {', '.join(missing)} missing (CSIP66–CSIP72)")
            continue
        if entry.get("CHECKSUMTYPE") != "SHA-256":
            problems.append(f"file {entry.get('ID')}: CHECKSUMTYPE is not SHA-256")
        location = entry.find("mets:FLocat", NS)
        if location is None or location.get("LOCTYPE") != "URL" or location.get(f"{{{XLINK}}}type") != "simple" \
                or not location.get(f"{{{XLINK}}}href"):  # fmt: skip
            problems.append(f"file {entry.get('ID')}: FLocat without LOCTYPE=URL, xlink:type=simple, xlink:href")
            continue
        listed.append(Listed(prefix + location.get(f"{{{XLINK}}}href"), entry.get("CHECKSUM"), int(entry.get("SIZE")),
                             entry.get("USE", "")))  # fmt: skip
    for reference in root.iterfind("mets:amdSec/mets:digiprovMD/mets:mdRef", NS):
        missing = [name for name in ("LOCTYPE", "MDTYPE", "MIMETYPE", "SIZE", "CREATED", "CHECKSUM", "CHECKSUMTYPE")
                   if not reference.get(name)]  # fmt: skip
        if missing or not reference.get(f"{{{XLINK}}}href"):
            problems.append(f"amdSec mdRef: {', '.join(missing) or 'xlink:href'} missing (CSIP27–CSIP40)")
            continue
        listed.append(Listed(prefix + reference.get(f"{{{XLINK}}}href"), reference.get("CHECKSUM"),
                             int(reference.get("SIZE")), "metadata"))  # fmt: skip
    return listed


def _unmapped(root, label: str) -> list[str]:
    """File groups of a METS that its structMap does not point to (CSIP 2.1 points to groups, not single files)."""
    groups = {g.get("ID") for g in root.iterfind("mets:fileSec/mets:fileGrp", NS)}
    pointed = {f.get("FILEID") for f in root.iterfind(".//mets:structMap//mets:fptr", NS)}
    missing = sorted(groups - pointed)
    return [f"{label}: file groups not in the structMap: {', '.join(missing)}"] if missing else []


def _representations(root, problems: list[str], package: Path) -> list[Listed]:
    """Every representation's own METS, found through the root's structMap pointers, and the files it lists."""
    listed = []
    content = ".//mets:structMap[@LABEL='CSIP']//mets:div[@LABEL='Representations']"
    pointers = root.findall(f"{content}/mets:div/mets:mptr", NS)
    if not pointers:
        problems.append("no representation division pointing to its METS.xml (CSIP103–CSIP112)")
    for pointer in pointers:
        href = pointer.get(f"{{{XLINK}}}href") or ""
        try:
            rep = etree.parse(str(package / href)).getroot()
        except (OSError, etree.XMLSyntaxError) as error:
            problems.append(f"{href}: the representation's METS cannot be read ({error})")
            continue
        problems.extend(_unmapped(rep, href))
        listed += _listed(rep, problems, package, prefix=href.rsplit("/", 1)[0] + "/" if "/" in href else "")
    return listed


def validate(package: Path) -> list[str]:
    """Every rule broken, in words; an empty list for a package that follows them all."""
    package = Path(package)
    mets = package / "METS.xml"
    if not mets.is_file():
        return ["METS.xml missing at the package root (CSIPSTR4)"]
    try:
        root = etree.parse(str(mets)).getroot()
    except etree.XMLSyntaxError as error:
        return [f"METS.xml is not well-formed XML: {error}"]
    problems = []
    if root.tag != f"{{{METS}}}mets":
        problems.append("the root element is not mets:mets")
    for name, rule in (("OBJID", "CSIP1"), ("TYPE", "CSIP2"), ("PROFILE", "CSIP6")):
        if not root.get(name):
            problems.append(f"mets/@{name} missing ({rule})")
    if root.get("OBJID") and root.get("OBJID") != package.name:
        problems.append("mets/@OBJID is not the name of the package's root folder (CSIP1)")
    header = root.find("mets:metsHdr", NS)
    if header is None:
        problems.append("mets/metsHdr missing (CSIP117)")
    else:
        if not header.get("CREATEDATE"):
            problems.append("metsHdr/@CREATEDATE missing (CSIP7)")
        if header.get(f"{{{CSIP}}}OAISPACKAGETYPE") not in ("SIP", "AIP", "DIP"):
            problems.append("metsHdr/@csip:OAISPACKAGETYPE missing or not SIP, AIP or DIP (CSIP9)")
        software = {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"}
        creators = [a for a in header.iterfind("mets:agent", NS) if all(a.get(k) == v for k, v in software.items())]
        if not creators or not creators[0].findtext("mets:name", namespaces=NS):
            problems.append("no creating software agent with its name (CSIP10–CSIP13)")
        elif creators[0].find("mets:note", NS) is None:
            problems.append("the software agent has no version note (CSIP14–CSIP16)")
    struct = root.find("mets:structMap[@LABEL='CSIP']", NS)
    if struct is None or struct.get("TYPE") != "PHYSICAL":
        problems.append("no structMap TYPE=PHYSICAL LABEL=CSIP (CSIP80–CSIP82)")
    for use, rule in (("Documentation", "CSIP60"), ("Schemas", "CSIP113")):
        if root.find(f"mets:fileSec/mets:fileGrp[@USE='{use}']", NS) is None:
            problems.append(f"no file group USE={use} ({rule})")
    listed = _listed(root, problems, package) + _representations(root, problems, package)
    problems.extend(_unmapped(root, "METS.xml"))
    on_disk = {str(p.relative_to(package)) for p in package.rglob("*") if p.is_file()} - {"METS.xml"}
    named = {entry.path for entry in listed}
    for path in sorted(on_disk - named):
        problems.append(f"{path}: in the package but not listed in METS.xml")
    for entry in listed:
        target = package / entry.path
        if not target.is_file():
            problems.append(f"{entry.path}: listed but missing")
        elif target.stat().st_size != entry.size or _sha256(target) != entry.sha256:
            problems.append(f"{entry.path}: size or SHA-256 not as listed")
    premis = package / "metadata/preservation/premis.xml"
    if premis.is_file():
        fixity = {o.findtext(".//premis:objectIdentifierValue", namespaces=NS):
                  o.findtext(".//premis:messageDigest", namespaces=NS)
                  for o in etree.parse(str(premis)).getroot().iterfind("premis:object", NS)}  # fmt: skip
        for entry in listed:
            if entry.use != "metadata" and fixity.get(entry.path) != entry.sha256:
                problems.append(f"{entry.path}: PREMIS fixity missing or not the METS checksum")
    else:
        problems.append("metadata/preservation/premis.xml missing")
    return problems


def read(package: Path) -> dict[str, list[Listed]]:
    """The package's files by their use (notes, notice, attachment, positions, plan), as METS lists them."""
    root = etree.parse(str(Path(package) / "METS.xml")).getroot()
    found: dict[str, list[Listed]] = {}
    for entry in _listed(root, [], Path(package)) + _representations(root, [], Path(package)):
        found.setdefault(entry.use, []).append(entry)
    return found
