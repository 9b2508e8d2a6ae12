"""Every environment variable the settings read is explained in ``.env.example`` and in the table of
``docs/deployment.md``: an administrator who reads either finds every knob the portal has."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _variables_read() -> set[str]:
    source = (ROOT / "sro_portal" / "settings.py").read_text()
    helpers = re.findall(r"""env_\w+\(\s*["']([A-Z][A-Z0-9_]*)["']""", source)
    plain = re.findall(r"""environ(?:\.get\(|\[)\s*["']([A-Z][A-Z0-9_]*)["']""", source)
    return set(helpers) | set(plain)


def test_the_settings_read_variables_at_all():
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "SITE_URL"} <= _variables_read()


def test_every_variable_is_in_the_example_environment():
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert sorted(_variables_read() - listed) == []


def test_every_variable_is_in_the_deployment_guides_table():
    guide = (ROOT / "docs" / "deployment.md").read_text()
    table = guide.split("## Environment variables", 1)[1]
    named = set(re.findall(r"`([A-Z][A-Z0-9_]*)`", table))
    assert sorted(_variables_read() - named) == []
