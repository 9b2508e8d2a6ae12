"""Settings come from the environment and fail loudly on bad values."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from sro_portal.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[1]


def load_settings(**env):
    """Import the real settings in a fresh interpreter with exactly this environment."""
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    clean.update(env)
    code = "import sro_portal.settings as s; print(s.DATABASES['default']['ENGINE'], s.DEBUG, s.TIME_ZONE)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


@pytest.mark.parametrize("raw", ["ture", "2", "ja"])
def test_a_boolean_that_is_not_one_fails_loudly(monkeypatch, raw):
    monkeypatch.setenv("SOME_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


def test_booleans_read_the_usual_words(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "True")
    assert env_bool("SOME_FLAG") is True
    monkeypatch.setenv("SOME_FLAG", "off")
    assert env_bool("SOME_FLAG", True) is False


def test_a_number_that_is_not_one_fails_loudly(monkeypatch):
    monkeypatch.setenv("SOME_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="SOME_PORT"):
        env_int("SOME_PORT", 25)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", "sro.example, www.sro.example,")
    assert env_list("SOME_HOSTS", []) == ["sro.example", "www.sro.example"]


def test_production_without_a_secret_key_refuses_to_start():
    result = load_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("key", ["abcde", "x" * 60])
def test_production_with_a_short_or_repetitive_secret_key_refuses_to_start(key):
    result = load_settings(DEBUG="false", SECRET_KEY=key)
    assert result.returncode != 0 and "SECRET_KEY must be at least 50 characters" in result.stderr


def test_production_starts_with_a_long_secret_key():
    result = load_settings(DEBUG="false", SECRET_KEY="k3y-" + "abcdefghij" * 5, ALLOWED_HOSTS="sro.example")
    assert result.returncode == 0, result.stderr


def test_sqlite_is_the_default_and_postgresql_comes_from_database_url():
    default = load_settings(DEBUG="true")
    assert default.stdout.split() == ["django.db.backends.sqlite3", "True", "Europe/Stockholm"]
    pg = load_settings(DEBUG="true", DATABASE_URL="postgres://sro:pw@127.0.0.1:5432/sro")
    assert pg.stdout.split()[0] == "django.db.backends.postgresql"


def test_a_database_url_that_is_not_one_fails_loudly():
    result = load_settings(DEBUG="true", DATABASE_URL="nonsense://x")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_collectstatic_builds_the_hashed_compressed_files_production_serves(settings, tmp_path):
    """Production serves static files with hashed names and compressed copies (whitenoise's manifest)."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    manifest = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": manifest}
    call_command("collectstatic", interactive=False, verbosity=0)
    hashed = staticfiles_storage.stored_name("css/site.css")
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed)
    assert (tmp_path / hashed).exists() and (tmp_path / f"{hashed}.gz").exists()
