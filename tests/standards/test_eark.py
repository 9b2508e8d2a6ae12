"""A year's archival package read by E-ARK's own eark-validator (CSIP and SIP 2.1.0): no error but the one the
validator reports of every package that follows the specification (below; docs/standards.md says why); and each fault
the package had before, put back into a copy, is reported again."""

import shutil

import pytest

from archive.package import write_package
from archive.validate import validate
from tests.standards.tools import eark

pytestmark = pytest.mark.django_db
AGENTS = "/*[local-name()='agent' and namespace-uri()='http://www.loc.gov/METS/']"


def _defect_of_the_validator(finding: dict) -> bool:
    """eark-validator 1.1.3's SIP14 (resources/schematron/V2.1.0/SIP/mets_metsHdr_rules.xml) tests every note of every
    CREATOR agent for an unqualified ``@NOTETYPE = 'IDENTIFICATIONCODE'``. CSIP10–CSIP16 (MUST) make the software
    agent a CREATOR with exactly one note, typed ``csip:NOTETYPE="SOFTWARE VERSION"``; an unqualified NOTETYPE beside
    it is refused by METS's own schema (the note allows only attributes of other namespaces), which the validator
    reports as XML-1. So the software agent's note, the third agent, is always reported, and nothing else is."""
    return finding["rule"] == "SIP14" and f"{AGENTS}[3]/*[local-name()='note'" in finding["location"]


def _errors(package) -> list[dict]:
    return [f for f in eark(package) if f["severity"] == "Error"]


def test_a_years_package_passes_eark_validator_and_each_old_fault_put_back_is_reported(demo, tmp_path):
    package = write_package(body=demo, year=2025, into=tmp_path / "written")
    assert validate(package.root) == []

    errors = _errors(package.root)

    assert [e for e in errors if not _defect_of_the_validator(e)] == []
    assert len(errors) == 1  # the software agent's note (SIP14): the submitting agent (OTHER/SUBMITTER) passes

    # The submitting agent as a second CREATOR, as before: held to the software agent's rules, five errors in all.
    as_before = tmp_path / "as_before" / package.root.name
    shutil.copytree(package.root, as_before)
    mets = (as_before / "METS.xml").read_text(encoding="utf-8")
    submitter = 'ROLE="OTHER" OTHERROLE="SUBMITTER" TYPE="ORGANIZATION"'
    assert submitter in mets
    (as_before / "METS.xml").write_text(mets.replace(submitter, 'ROLE="CREATOR" TYPE="ORGANIZATION"'), encoding="utf-8")
    assert sorted(e["rule"] for e in _errors(as_before)) == ["CSIP12", "CSIP13", "CSIP15", "CSIP16", "SIP14"]

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
