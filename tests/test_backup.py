"""Backup and restore: a round trip into an empty installation loses nothing (every row, file and hash)."""

import hashlib
from pathlib import Path

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from meetings import integrity
from meetings.backup import _models, file_hashes
from meetings.demo.bulk import generate
from meetings.models import AgendaItem, Attachment, MinutesVersion

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _commits(committed_db):
    """These tests commit; the flush that ends them runs with the guard lifted (tests/conftest.py)."""


def snapshot() -> dict:
    """Every row of every backed-up table, as data, and every stored file's hash."""
    from django.conf import settings

    rows = {}
    for model in _models():
        objects = model._default_manager.order_by("pk")
        fields = [f.name for f in model._meta.concrete_fields if f.name != "search_vector"]
        rows[model._meta.label] = serializers.serialize("python", objects, fields=fields)  # exact values
    return {"rows": rows, "files": file_hashes(Path(settings.MEDIA_ROOT))}


def empty_the_installation(media: Path) -> None:
    with integrity.guard_disabled():
        call_command("flush", interactive=False, verbosity=0)  # post_migrate puts the roles back, as a new install
    for path in sorted(media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def test_a_round_trip_loses_no_row_file_or_hash(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEBUG = True  # the demo accounts are only made in development
    call_command("load_demo", "--users", verbosity=0)
    settings.DEBUG = False
    from members.models import Body

    generate(body=Body.objects.get(short_name="SRO"), years=1, first_year=2015)
    item = AgendaItem.objects.filter(meeting__date="2025-03-06").first()
    extra = Attachment(item=item, title="Bilaga med åäö.pdf", is_public=False)
    extra.file.save("bilaga.pdf", ContentFile(b"%PDF-1.4 en bilaga"), save=True)
    before = snapshot()
    assert before["files"] and len(before["rows"]["meetings.MinutesVersion"]) >= 12

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, verbosity=0)
    empty_the_installation(Path(settings.MEDIA_ROOT))
    assert snapshot()["rows"]["meetings.Meeting"] == []

    call_command("restore", archive, verbosity=0)
    after = snapshot()
    assert after["files"] == before["files"]
    for label, rows in before["rows"].items():
        assert len(after["rows"][label]) == len(rows), label
        for old, new in zip(rows, after["rows"][label], strict=True):
            assert new == old, label
    for version in MinutesVersion.objects.all():  # the approved PDFs are the very files that were approved
        assert hashlib.sha256(version.pdf.read()).hexdigest() == version.pdf_sha256


def test_restore_refuses_an_installation_that_has_data(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, verbosity=0)
    with pytest.raises(CommandError, match="bara till en tom installation"):
        call_command("restore", archive, verbosity=0)
