"""The standards' own validators, as the tests call them: the Nu Html Checker (npm ``vnu-jar`` on Debian's Java),
E-ARK's ``eark-validator`` (a virtual environment of its own, ``.venv-eark``) and the official OParl 1.1 JSON
schemas (OParl/spec at tag v1.1.1, ``schema/``, vendored beside this file with their licence).

``make test`` installs all three and sets ``SRO_REQUIRE_VALIDATORS=1``: a validator that is missing then fails the
test. Elsewhere (a quick run of one file) a missing validator skips the test and says what to install.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
EARK_PYTHON = ROOT / ".venv-eark" / "bin" / "python"


def _missing(what: str) -> None:
    if os.environ.get("SRO_REQUIRE_VALIDATORS") == "1":
        pytest.fail(f"{what} is missing: `make test` installs it")
    pytest.skip(f"{what} is missing: `make test` installs it")


def vnu(folder: Path) -> dict[str, list[str]]:
    """The Nu Html Checker's errors on every ``.html`` file under ``folder``, in one run of the jar (Java starts
    once): file name → its error messages, each with its line."""
    java = shutil.which("java")
    if not java or not VNU_JAR.is_file():
        _missing("The Nu Html Checker (Debian's default-jre-headless and npm's vnu-jar)")
    done = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html",
                           str(folder)], capture_output=True, text=True, timeout=300)  # fmt: skip
    found = {path.name: [] for path in folder.rglob("*.html")}
    for message in json.loads(done.stderr or done.stdout)["messages"]:
        name = message.get("url", "").rsplit("/", 1)[-1]
        found.setdefault(name, []).append(f"{message.get('lastLine', '?')}: {message['message']}")
    return found


def eark(package: Path) -> list[dict]:
    """E-ARK's ``eark-validator`` (CSIP and SIP 2.1.0) on a package folder: every finding, with rule and severity."""
    if not EARK_PYTHON.is_file():
        _missing("E-ARK's eark-validator (.venv-eark, from requirements-eark.txt)")
    done = subprocess.run([str(EARK_PYTHON), str(HERE / "eark_check.py"), str(package)], capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return lines[:-1]


# OParl 1.1 §2.4: a date is yyyy-mm-dd and a point in time yyyy-mm-ddThh:mm:ss±hh:mm (no fractions, no "Z").
OPARL_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
OPARL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OPARL_URL = re.compile(r"^https?://\S+$")

_formats = FormatChecker(formats=())
_formats.checks("date-time")(lambda value: not isinstance(value, str) or bool(OPARL_DATE_TIME.match(value)))
_formats.checks("date")(lambda value: not isinstance(value, str) or bool(OPARL_DATE.match(value)))
_formats.checks("url")(lambda value: not isinstance(value, str) or bool(OPARL_URL.match(value)))


@cache
def oparl_validator(kind: str) -> Draft4Validator:
    """The official schema of one OParl 1.1 type (``Meeting``, ``File``…), with its formats checked as §2.4 writes
    them (the schemas name ``url``, ``date`` and ``date-time`` but JSON Schema alone checks none of them)."""
    schema = json.loads((HERE / "oparl_schema" / f"{kind}.json").read_text(encoding="utf-8"))
    return Draft4Validator(schema, format_checker=_formats)


def oparl_errors(obj: dict) -> list[str]:
    """What the official schema of the object's type finds wrong with it (an unknown type is itself an error)."""
    kind = str(obj.get("type", "")).removeprefix("https://schema.oparl.org/1.1/")
    if not (HERE / "oparl_schema" / f"{kind}.json").is_file():
        return [f"no OParl 1.1 type: {obj.get('type')!r}"]
    return [f"{kind} {'/'.join(map(str, e.path))}: {e.message}" for e in oparl_validator(kind).iter_errors(obj)]


if __name__ == "__main__":  # a quick look by hand: python -m tests.standards.tools FOLDER
    print(json.dumps(vnu(Path(sys.argv[1])), ensure_ascii=False, indent=1))
