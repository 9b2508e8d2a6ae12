"""A year's archival package read by E-ARK's own eark-validator (CSIP and SIP 2.1.0): no error but the validator's
own three, named below; and each fault the package had before, put back into a copy, is reported again."""

import shutil

import pytest

from archive.package import write_package
from archive.validate import validate
from tests.standards.tools import eark

pytestmark = pytest.mark.django_db


def _defect_of_the_validator(finding: dict) -> bool:
    """What eark-validator 1.1.3 reports of every package that follows the specification, as its own rule files
    (resources/schematron/V2.1.0) show:

    - SIP14 tests the note of every CREATOR agent for an unqualified ``@NOTETYPE``, an attribute METS's own schema
      refuses (the specification's XPath is ``@csip:NOTETYPE``), so the software agent's version note (CSIP15–CSIP16,
      MUST) is always reported;
    - CSIP12, CSIP13, CSIP15 and CSIP16 (the software agent's type, other type and version note) are tested of every
      CREATOR agent, so the submitting agent SIP15–SIP17 require (ROLE=CREATOR, TYPE=ORGANIZATION) is always reported.
    """
    agents = "/*[local-name()='agent' and namespace-uri()='http://www.loc.gov/METS/']"
    if finding["rule"] == "SIP14":
        return f"{agents}[3]/*[local-name()='note'" in finding["location"]  # the software agent's note
    if finding["rule"] in ("CSIP12", "CSIP13", "CSIP15", "CSIP16"):
        return f"{agents}[2]" in finding["location"]  # the submitting agent
    return False


def _errors(package) -> list[dict]:
    return [f for f in eark(package) if f["severity"] == "Error"]


def test_a_years_package_passes_eark_validator_and_each_old_fault_put_back_is_reported(demo, tmp_path):
    package = write_package(body=demo, year=2025, into=tmp_path / "written")
    assert validate(package.root) == []

    errors = _errors(package.root)

    assert [e for e in errors if not _defect_of_the_validator(e)] == []
    assert {e["rule"] for e in errors} <= {"SIP14", "CSIP12", "CSIP13", "CSIP15", "CSIP16"}

    faults = {
        # the content division named after the representation, as before (CSIP103, a MUST)
        "CSIP103": lambda mets: mets.replace('LABEL="Representations"', 'LABEL="Representations/rep1"'),
        # the representation's file group without its content information type (CSIP62)
        "CSIP62": lambda mets: mets.replace(
            'USE="Representations/rep1" csip:CONTENTINFORMATIONTYPE="OTHER"', 'USE="Representations/rep1"'
        ),
        # no documentation (CSIP60)
        "CSIP60": lambda mets: mets.replace('USE="Documentation"', 'USE="Dokumentation"'),
    }
    for rule, put_back in faults.items():
        copy = tmp_path / rule / package.root.name
        shutil.copytree(package.root, copy)
        mets = (copy / "METS.xml").read_text(encoding="utf-8")
        assert put_back(mets) != mets, rule  # the fault has somewhere to go
        (copy / "METS.xml").write_text(put_back(mets), encoding="utf-8")
        assert rule in {e["rule"] for e in _errors(copy) if not _defect_of_the_validator(e)}, rule
