"""A year as an archival package (E-ARK CSIP / FGS 2.0 SIP): written, checked by the portal's own validator of the
package's rules, and read back and compared with the database (a round trip)."""

import csv
import hashlib
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import etree

from archive.package import write_package
from archive.validate import read, validate
from meetings.models import MinutesVersion, NoticeDispatch
from meetings.selectors.registers import positions_queryset

pytestmark = pytest.mark.django_db


@pytest.fixture
def package(demo, tmp_path):
    return write_package(body=demo, year=2025, into=tmp_path)


def test_the_package_follows_its_rules_and_holds_the_years_record(demo, package):
    assert validate(package.root) == []
    found = read(package.root)
    published = MinutesVersion.objects.filter(minutes__meeting__body=demo, minutes__meeting__date__year=2025,
                                              published_at__isnull=False)  # fmt: skip
    assert sorted(f.sha256 for f in found["notes"]) == sorted(published.values_list("pdf_sha256", flat=True))
    sent = NoticeDispatch.objects.filter(meeting__body=demo, meeting__date__year=2025)
    assert sorted(f.sha256 for f in found["notice"]) == sorted(sent.values_list("pdf_sha256", flat=True))
    frozen = {a["sha256"] for d in sent for item in d.items.all() for a in item.attachments}
    assert {f.sha256 for f in found["attachment"]} == frozen and frozen
    register = next(f for f in found["positions"] if f.path.endswith(".csv"))
    rows = list(csv.DictReader(io.StringIO((package.root / register.path).read_text(encoding="utf-8"))))
    expected = positions_queryset(body=demo, public=True).filter(taken_on__year=2025)
    assert sorted(int(r["id"]) for r in rows) == sorted(expected.values_list("pk", flat=True))
    compilation = next(f for f in found["positions"] if f.path.endswith(".pdf"))
    assert (package.root / compilation.path).read_bytes().startswith(b"%PDF")
    assert found["plan"]


def test_mets_names_the_package_its_agents_and_every_files_checksum_and_format(package):
    ns = {"mets": "http://www.loc.gov/METS/", "csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS",
          "sip": "https://DILCIS.eu/XML/METS/SIPExtensionMETS", "premis": "http://www.loc.gov/premis/v3"}  # fmt: skip
    href = "{http://www.w3.org/1999/xlink}href"
    root = etree.parse(str(package.root / "METS.xml")).getroot()
    assert root.get("OBJID") == package.root.name and root.get("PROFILE").startswith("https://")
    header = root.find("mets:metsHdr", ns)
    assert header.get("{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}OAISPACKAGETYPE") == "SIP"
    agents = [(a.get("ROLE"), a.get("OTHERROLE"), a.get("TYPE"), a.findtext("mets:name", namespaces=ns))
              for a in header.findall("mets:agent", ns)]  # fmt: skip
    assert agents == [("ARCHIVIST", None, "ORGANIZATION", package.body.name),
                      ("OTHER", "SUBMITTER", "ORGANIZATION", package.body.name),  # the submitting agent (SIP15-17)
                      ("CREATOR", None, "OTHER", "SRO-portalen")]  # fmt: skip
    groups = {g.get("USE"): [f.find("mets:FLocat", ns).get(href) for f in g.findall("mets:file", ns)]
              for g in root.iterfind("mets:fileSec/mets:fileGrp", ns)}  # fmt: skip
    assert groups == {"Documentation": ["documentation/om-paketet.txt"],
                      "Schemas": [f"schemas/{name}" for name in ("mets.xsd", "DILCISExtensionMETS.xsd",
                                  "DILCISExtensionSIPMETS.xsd", "premis-v3-0.xsd", "xlink.xsd")],
                      "Representations/rep1": ["representations/rep1/METS.xml"]}  # fmt: skip
    [pointer] = root.findall(
        ".//mets:div[@LABEL='Representations']/mets:div[@LABEL='Representations/rep1']/mets:mptr", ns
    )
    assert pointer.get(href) == "representations/rep1/METS.xml"
    representation = etree.parse(str(package.root / "representations/rep1/METS.xml")).getroot()
    data = representation.findall("mets:fileSec/mets:fileGrp[@USE='Data']/mets:file", ns)
    assert len(data) == len([f for f in package.files if f.path.startswith("representations/rep1/data/")]) > 5
    premis = etree.parse(str(package.root / "metadata/preservation/premis.xml")).getroot()
    puid = {o.findtext(".//premis:objectIdentifierValue", namespaces=ns): o.findtext(".//premis:formatRegistryKey",
            namespaces=ns) for o in premis.iterfind("premis:object", ns)}  # fmt: skip
    for entry in data:
        path = entry.find("mets:FLocat", ns).get(href)
        assert path.startswith("data/")
        assert hashlib.sha256((package.root / "representations/rep1" / path).read_bytes()).hexdigest() == entry.get(
            "CHECKSUM"
        )
        if entry.get("USE") in ("notes", "notice") or (path.endswith(".pdf") and entry.get("USE") == "positions"):
            assert entry.get("{https://DILCIS.eu/XML/METS/SIPExtensionMETS}FORMATREGISTRYKEY") == "fmt/477"  # PDF/A-2b
            assert puid[f"representations/rep1/{path}"] == "fmt/477"
        if path.endswith(".csv"):
            assert puid[f"representations/rep1/{path}"] == "x-fmt/18"


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda root: (next((root / "representations/rep1/data/kallelser").iterdir())).write_bytes(b"x"),
         "size or SHA-256 not as listed"),
        (lambda root: (root / "representations/rep1/data/extra.txt").write_text("x"), "not listed in METS.xml"),
        (lambda root: (root / "METS.xml").unlink(), "METS.xml missing"),
        (lambda root: (root / "METS.xml").write_text(
            (root / "METS.xml").read_text(encoding="utf-8").replace(' CHECKSUMTYPE="SHA-256"', "", 1),
            encoding="utf-8"), "CHECKSUMTYPE missing"),
        (lambda root: (root / "metadata/preservation/premis.xml").write_text("<premis/>"), "size or SHA-256"),
    ],
)  # fmt: skip
def test_the_validator_finds_what_is_wrong(package, damage, said):
    damage(package.root)
    assert any(said in problem for problem in validate(package.root)), validate(package.root)


@pytest.mark.parametrize("year", [2022, 2025])
def test_the_command_writes_and_checks_each_years_package_and_an_archivist_checks_it(demo, tmp_path, capsys, year):
    call_command("export_archive", "--year", str(year), "--output", str(tmp_path))
    assert "checked, no problem found" in capsys.readouterr().out
    [written] = list(tmp_path.iterdir())
    assert validate(written) == []
    notes = read(written)["notes"]
    published = MinutesVersion.objects.filter(minutes__meeting__date__year=year, published_at__isnull=False)
    assert sorted(f.sha256 for f in notes) == sorted(published.values_list("pdf_sha256", flat=True)) and notes
    call_command("check_archive", str(written))
    assert "every rule followed" in capsys.readouterr().out
    (written / f"representations/rep1/data/stallningstaganden-{year}.csv").write_text("ändrad")
    with pytest.raises(CommandError, match="size or SHA-256 not as listed"):
        call_command("check_archive", str(written))


def test_the_secretary_downloads_the_package_as_a_zip(client, demo, secretary, tmp_path):
    client.force_login(secretary)
    page = client.get(reverse("staff:archive_export"))
    assert page.status_code == 200 and "Arkivpaket" in page.content.decode()
    refused = client.post(reverse("staff:archive_export"), {"year": "1999"})
    assert refused.status_code == 400 and "Välj ett av åren med möten." in refused.content.decode()
    response = client.post(reverse("staff:archive_export"), {"year": "2025"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        archive.extractall(tmp_path)
    [unpacked] = list(tmp_path.iterdir())
    assert validate(unpacked) == [] and (unpacked / "METS.xml").is_file()
