"""The notice PDF: what it says (read back as text) and that it is tagged, archival and self-contained."""

import datetime
import io
import re
import shutil
import subprocess

import pikepdf
import pytest
from pypdf import PdfReader

from meetings.demo import notice_2025
from meetings.models import Meeting
from meetings.services.notices import notice_pdf

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


@pytest.fixture
def demo_notice(demo):
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    return meeting, notice_pdf(meeting=meeting)


def test_the_demo_notice_holds_every_item_time_presenter_and_proposal_of_the_real_notice(demo_notice):
    _meeting, pdf = demo_notice
    text = text_of(pdf)

    assert text.startswith("Kallelse SRO")
    for fact in ("Datum: 6 mars 2025", "Tid: 13.30 – 15.30", "Mötesform: Göteborgsregionens Kommunalförbund"):
        assert fact in text
    for span in [
        "(20 minuter, kl. 13.35 – 13.55)",
        "(20 minuter, kl. 13.55 – 14.15)",
        "Paus 15 minuter",
        "(20 minuter, kl. 14.30 – 14.50)",
        "(10 minuter, kl. 14.50 – 15.00)",
        "(15 minuter, kl. 15.00 – 15.15)",
        "(10 minuter, kl. 15.15 – 15.25)",
    ]:
        assert span in text
    for number, data in enumerate([d for d in notice_2025.AGENDA if d["kind"] != "break"], start=1):
        assert f"{number}. {data['title']}" in text
        for first, last, description in data.get("presenters", []):
            assert f"{first} {last}, {description}" in text
        if "proposal" in data:
            assert f"Förslag till ställningstagande: {data['proposal']}" in text
        for clause in data.get("clauses", []):
            assert clause in text
        for attachment in data.get("attachments", []):
            assert attachment in text
    assert "Ann-Sofie Rundberg, VGR, och Kristina Lännergren, Västkom" in text
    assert "Helen Nordling ersätter Magnus Haggren under dagens möte." in text
    assert "Marina Johansson (S), Göteborgsregionen, vice ordförande" in text
    assert re.search(r"Välkommen! Helén Eliasson Regionstyrelsen Västra Götalandsregionen Ordförande", text)
    assert "Marina Johansson Göteborgsregionen VästKom Vice ordförande" in text
    assert "Sida 1 av" in text


def test_the_notice_is_tagged_pdf_a_2b_with_a_swedish_title(demo_notice):
    _meeting, pdf = demo_notice
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert "/StructTreeRoot" in document.Root
        assert document.Root.MarkInfo.Marked
        assert str(document.Root.Lang) == "sv"
        with document.open_metadata() as meta:
            assert meta["pdfaid:part"] == "2"
            assert meta["pdfaid:conformance"] == "B"
        assert document.docinfo["/Title"] == "Kallelse SRO 6 mars 2025"


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils is not installed")
def test_every_font_of_the_notice_is_embedded(demo_notice):
    _meeting, pdf = demo_notice
    result = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
    rows = result.stdout.decode().splitlines()[2:]
    assert rows, "the PDF uses no font"
    assert any("Source-Sans-3" in row for row in rows)
    # Column "emb" is the fifth from the right: yes for every font.
    assert all(row.split()[-5] == "yes" for row in rows), rows


def test_a_notice_sent_again_is_a_revised_notice_with_its_version(demo_notice):
    meeting, _pdf = demo_notice
    text = text_of(notice_pdf(meeting=meeting, version=2))
    assert text.startswith("Reviderad kallelse SRO")
    assert "Version 2" in text
