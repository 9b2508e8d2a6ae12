"""``make lint``'s import contracts (``.importlinter``): they hold for the portal as it is, and they fail on an
upward import and on a circle, tried on a copy of the apps with one bad import written in."""

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The packages the contracts name: every one must be in the copy, or lint-imports stops before it checks.
_CONFIG = configparser.ConfigParser()
_CONFIG.read(ROOT / ".importlinter")
PACKAGES = _CONFIG["importlinter"]["root_packages"].split()
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(where: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "sro_portal.settings", "PYTHONPATH": str(where)}
    return subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=where, env=environment, capture_output=True, text=True,
                          timeout=120)  # fmt: skip


@pytest.fixture
def copy(tmp_path):
    """The apps and the contracts, copied."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text() + f"\n{line}\n")


def test_the_portal_keeps_its_import_contracts():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_an_upward_import_breaks_the_layers(copy):
    assert _lint(copy).returncode == 0
    _append(copy / "members" / "selectors.py", "from opendata import feeds  # noqa")
    result = _lint(copy)
    assert result.returncode == 1
    assert "members is not allowed to import opendata" in result.stdout
    assert "members.selectors -> opendata.feeds" in result.stdout


def test_a_circle_inside_an_app_breaks_the_contract(copy):
    # The renderer importing the tasks back, as it did before: the tasks import the renderer.
    _append(copy / "meetings" / "pdf.py", "from meetings import tasks  # noqa")
    result = _lint(copy)
    assert result.returncode == 1
    assert "No cycles are allowed in meetings." in result.stdout


def test_a_circle_among_the_models_breaks_the_contract(copy):
    _append(copy / "meetings" / "models" / "meeting.py", "from meetings.models.minutes import Minutes  # noqa")
    result = _lint(copy)
    assert result.returncode == 1
    assert "No cycles are allowed in meetings.models." in result.stdout


def test_open_data_querying_a_model_itself_breaks_the_contract(copy):
    _append(copy / "opendata" / "feeds.py", "from meetings.models import Matter  # noqa")
    result = _lint(copy)
    assert result.returncode == 1
    assert "opendata is not allowed to import meetings.models" in result.stdout
    assert "opendata.feeds -> meetings.models" in result.stdout
