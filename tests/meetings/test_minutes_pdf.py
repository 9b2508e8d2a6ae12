"""The demo notes of 19 October 2022, as their stored PDF read back as text."""

import datetime
import io
import re

import pikepdf
import pytest
from pypdf import PdfReader

from meetings.demo import minutes_2022
from meetings.models import Minutes

pytestmark = pytest.mark.django_db


def words(html_or_text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html_or_text).split())


@pytest.fixture
def pdf(demo):
    version = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19)).versions.get()
    with version.pdf.open("rb") as handle:
        return handle.read()


@pytest.fixture
def text(pdf):
    return words(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def test_the_notes_hold_the_attendance_of_the_real_notes(text):
    assert text.startswith("Mötesanteckning SRO")
    assert "Datum: 19 oktober 2022" in text and "Mötesform: Teamsmöte" in text
    assert (
        "Frånvarande: Axel Josefsson, Anna-Karin Skatt, Kerstin Brunnström (hade ej fått kallelsen), "
        "Magnus Haggren efter 13.30 (Helen Nordling ersätter)." in text
    )
    assert "Peter Amundin, enhetschef Läkemedel och hjälpmedel VGR (ej närvarande)" in text


def test_the_notes_hold_every_items_text_questions_answers_and_position(text):
    for data in minutes_2022.AGENDA:
        for part in (data, *data.get("children", [])):
            for html in (part.get("notes", ""), part.get("notes_after", "")):
                for paragraph in re.split(r"</?(?:p|li|ul)>", html):
                    if words(paragraph):
                        assert words(paragraph).replace("<br>", " ") in text, paragraph[:60]
            for question, answer in part.get("questions", []):
                assert words(question) in text
                if answer:
                    assert f"Svar: {words(answer)}" in text
            if "position" in part:
                assert f"Ställningstagande: {part['position']}" in text
            for clause in part.get("clauses", []):
                assert words(clause) in text
    assert "Godkänd av Johnny Magnusson den 2 november 2022." in text


def test_the_notes_pdf_is_tagged_pdf_a(pdf):
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert "/StructTreeRoot" in document.Root
        with document.open_metadata() as meta:
            assert meta["pdfaid:part"] == "2"
