"""Backup and restore: a round trip into an empty installation loses nothing (every row, file and hash)."""

import hashlib
import stat
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.loader import MigrationLoader
from django_otp.plugins.otp_totp.models import TOTPDevice

from meetings import integrity
from meetings.backup import NOT_KEPT, _models, file_hashes
from meetings.demo.bulk import generate
from meetings.models import AgendaItem, Attachment, FrozenItem, Meeting, MinutesVersion

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
        # exact values; a content type by what it names (a new installation numbers them its own way)
        rows[model._meta.label] = serializers.serialize("python", objects, fields=fields, use_natural_foreign_keys=True)
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
    chair = get_user_model().objects.get(username="ordforande")
    TOTPDevice.objects.create(user=chair, name="Telefon", confirmed=True)  # her second step, and the admin's log
    LogEntry.objects.log_actions(user_id=chair.pk, queryset=[Body.objects.get()], action_flag=CHANGE,
                                 change_message="Beskrivningen ändrad")  # fmt: skip
    before = snapshot()
    assert before["files"] and len(before["rows"]["meetings.MinutesVersion"]) >= 12
    assert before["rows"]["otp_totp.TOTPDevice"] and before["rows"]["admin.LogEntry"]

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, verbosity=0)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # password hashes and drafts: the owner's only
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
    assert TOTPDevice.objects.get(user__username="ordforande").confirmed  # two-factor is still on for the chair


def test_every_model_is_backed_up_or_named_as_left_out(db):
    from django.apps import apps

    kept = {model._meta.label for model in _models()}
    for model in apps.get_models():
        label, app = model._meta.label, model._meta.app_label
        assert label in kept or app in NOT_KEPT or label.lower() in NOT_KEPT, f"{label} is neither kept nor left out"


def test_restore_refuses_an_installation_that_has_data(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, verbosity=0)
    with pytest.raises(CommandError, match="bara till en tom installation"):
        call_command("restore", archive, verbosity=0)


def rewritten(archive: Path, target: Path, *, manifest=None, rows=None) -> Path:
    """A copy of ``archive`` with its manifest and its rows changed by the functions given (in place)."""
    import io
    import json
    import tarfile

    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            change = {"manifest.json": manifest, "data.json": rows}.get(member.name)
            if change:
                loaded = json.loads(data)
                change(loaded)
                data = json.dumps(loaded).encode()
                member.size = len(data)
            copy.addfile(member, io.BytesIO(data) if data is not None else None)
    return target


def test_an_archive_from_before_the_derived_columns_is_restored_with_them_derived(tmp_path, settings, client):
    """An archive written before sent items kept their count of public files (0034), approved positions the
    assignments they gave (0033), meetings what was announced of them (0038) and when the public's meeting last
    changed (0039) has none of them: the restore derives them, and the API's file list, the matters' timelines and
    the meetings show what they showed before (changed for the public when their row last was, the best record)."""
    import datetime

    from django.urls import reverse

    from meetings.models import Assignment, Meeting, MinutesVersion, Position
    from meetings.services.agenda import meeting_save

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)
    # The demo approves its notes with dates of their own: its assignments are made older than those approvals.
    Assignment.objects.update(created_at="2020-01-01T00:00:00Z")
    body = FrozenItem.objects.filter(public_files__gt=0).first().meeting.body
    url = reverse("api:file_list", kwargs={"body_pk": body.pk})
    listed = client.get(url).json()["pagination"]["totalElements"]
    given = dict(Position.objects.exclude(assignments_given=[]).values_list("pk", "assignments_given"))
    assert listed > 0 and given
    moved = Meeting.objects.get(date=datetime.date(2025, 3, 6))  # sent: a new time and place saved, not yet sent
    moved.start_time, moved.location = datetime.time(8, 0), "Ny plats"
    meeting_save(meeting=moved)
    announced = {m.pk: (m.announced, m.announced_date) for m in Meeting.objects.all()}
    last_saved = dict(Meeting.objects.values_list("pk", "updated_at"))
    approved = dict(MinutesVersion.objects.values_list("pk", "snapshot"))
    assert approved and all(snapshot["meeting"]["date"] for snapshot in approved.values())
    assert announced[moved.pk][0]["location"] != "Ny plats"

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, verbosity=0)

    def as_written_before(rows):
        for row in rows:
            if row["model"] == "meetings.frozenitem":
                del row["fields"]["public_files"]
            if row["model"] == "meetings.position":
                del row["fields"]["assignments_given"]
            if row["model"] == "meetings.meeting":
                del row["fields"]["announced"], row["fields"]["announced_date"], row["fields"]["public_modified"]
            if row["model"] == "meetings.minutesversion":
                del row["fields"]["snapshot"]

    def no_schema(manifest):
        del manifest["schema"]

    older = rewritten(archive, tmp_path / "older.tar.gz", manifest=no_schema, rows=as_written_before)
    empty_the_installation(Path(settings.MEDIA_ROOT))

    call_command("restore", older, verbosity=0)
    for item in FrozenItem.objects.all():
        assert item.public_files == sum(1 for a in item.attachments if a["is_public"]), item
    assert client.get(url).json()["pagination"]["totalElements"] == listed
    assert dict(Position.objects.exclude(assignments_given=[]).values_list("pk", "assignments_given")) == given
    assert {m.pk: (m.announced, m.announced_date) for m in Meeting.objects.all()} == announced
    assert dict(Meeting.objects.values_list("pk", "public_modified")) == last_saved
    assert dict(MinutesVersion.objects.values_list("pk", "snapshot")) == approved


def test_an_archive_from_a_newer_version_is_refused_and_nothing_is_loaded(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, verbosity=0)

    newest = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes("meetings")

    def newer(manifest):
        assert [("meetings", manifest["schema"]["meetings"])] == newest  # the schema it was written in
        manifest["schema"]["meetings"] = "0999_en_framtida_migrering"

    future = rewritten(archive, tmp_path / "future.tar.gz", manifest=newer)
    empty_the_installation(Path(settings.MEDIA_ROOT))
    with pytest.raises(CommandError, match=r"nyare version av portalen \(meetings 0999_en_framtida_migrering\)"):
        call_command("restore", future, verbosity=0)
    assert not Meeting.objects.exists() and not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
