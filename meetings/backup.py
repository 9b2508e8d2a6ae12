"""Backup and restore: the database and every stored file in one archive.

The archive (``.tar.gz``) holds:

- ``data.json``: every row of the portal (meetings, members, users and groups) in Django's
  serialization (content types and permissions by natural key), so it loads into SQLite or PostgreSQL
  alike with every row's own key; timestamps keep their
  microseconds (Django's own JSON encoder would cut them to milliseconds);
- ``media/``: every uploaded attachment and every generated PDF (the approved notes among them);
- ``manifest.json``: the row count of each table and the SHA-256 of each file, checked after a restore, and the
  schema the rows were written in (each app's newest migration): an archive from a newer version of the portal
  is refused.

Restore goes into an empty installation (migrated, no data of its own). The approved notes are loaded
with the integrity guard lifted for that one operation, since loading them is not changing them.
What the record derives from itself is derived again rather than taken from the archive; an archive written
before the assignments given were kept with each approved position has none, and gets them by the rule of the
migration that added them (0033); one written before meetings kept what was announced of them, by 0038's. A
migration that adds such a column adds its rule here too.
Kept too: the two-factor devices (a restore must not silently turn the chair's second step off), the
admin's log, and the public's confirmed and pending alert subscriptions (a restore must not end them).
Kept too: the recommendations, their sendings and every party's answers.
The queue's pending tasks are kept too (the chair's reminder planned for next week, mails not yet sent): after a
restore they run as they would have. Not kept, and named in ``NOT_KEPT`` (a test checks that every model is one
or the other): sessions, failed-login records and request counts (throttles), the workers' heartbeats and the
queue's finished and running tasks (e-mails sent, PDFs made), which belong to the running portal rather than to
its records, and content types and permissions, which ``migrate`` makes. The archive is written readable by its
owner only (it holds password hashes and drafts).
"""

import datetime
import hashlib
import io
import itertools
import json
import os
import tarfile
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

from meetings import integrity

APPS = [
    "auth.group",
    "auth.user",
    "admin.logentry",
    "otp_totp",
    "members",
    "meetings",
    "recommendations",
    "alerts",
    "mymeetings",
]
NOT_KEPT = {"sessions", "axes", "ratelimits", "contenttypes", "auth.permission", "django_tasks_database",
            "meetings.workerbeat"}  # fmt: skip
TASKS = "django_tasks_database.dbtaskresult"  # of which the pending are kept (``_pending_tasks``)
FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def _models():
    for label in APPS:
        if "." in label:
            yield apps.get_model(label)
        else:
            yield from (m for m in apps.get_app_config(label).get_models() if m._meta.label_lower not in NOT_KEPT)


def _pending_tasks():
    """The queue's tasks not yet run (queued, planned for later, waiting to be tried again)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="READY").order_by("enqueued_at", "pk")


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in _models()}


def schema() -> dict[str, str]:
    """Each app's newest applied migration: the schema the database's rows are in."""
    loader = MigrationLoader(connection)
    applied = set(loader.applied_migrations)
    newest = {}
    for app, name in sorted(applied):
        node = loader.graph.node_map.get((app, name))
        if node is not None and not any(child.key in applied and child.key[0] == app for child in node.children):
            newest[app] = name
    return newest


def _refuse_a_newer_schema(written: dict[str, str]) -> None:
    known = MigrationLoader(connection).graph.nodes
    for app, name in sorted(written.items()):
        if (app, name) not in known:
            raise BackupError(f"Arkivet är skrivet av en nyare version av portalen ({app} {name}): uppdatera "
                              "portalen först och återställ sedan.")  # fmt: skip


# What a migration derived for the rows before it, done again for the rows of an archive written before it: the
# migration's own function, so that each rule is written once. (model, a field it added, migration, function)
_DERIVED_BY_MIGRATIONS = [
    ("meetings.position", "assignments_given", "0033_assignments_given_as_approved", "given_as_approved"),
    ("meetings.meeting", "announced_date", "0038_meetings_as_announced", "announce"),
    ("meetings.minutesversion", "snapshot", "0038_meetings_as_announced", "announce"),
    ("meetings.meeting", "public_modified", "0039_meeting_public_modified", "as_last_saved"),
]


def _derivations_missing(rows: list[dict]) -> list:
    """The migrations' functions an archive's rows need run again, in the migrations' order: those of each field
    some row of its model lacks (approved positions without the assignments they gave, 0033; meetings without
    what was announced of them and versions without the meeting as they approved it, 0038; meetings without when
    the public's meeting last changed, 0039)."""
    lacking = {(row["model"], field) for row in rows for model, field, _m, _f in _DERIVED_BY_MIGRATIONS
               if row["model"] == model and field not in row["fields"]}  # fmt: skip
    wanted = dict.fromkeys((migration, function) for model, field, migration, function in _DERIVED_BY_MIGRATIONS
                           if (model, field) in lacking)  # fmt: skip
    return [getattr(import_module(f"meetings.migrations.{migration}"), function) for migration, function in wanted]


def file_hashes(root: Path) -> dict[str, str]:
    root = Path(root)
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _dump() -> str:
    """Every row, parents before children, each table in key order."""
    ordered = serializers.sort_dependencies([(None, list(_models()))], allow_cycles=True)
    rows = itertools.chain(
        itertools.chain.from_iterable(model._default_manager.order_by("pk").iterator() for model in ordered),
        _pending_tasks().iterator(),
    )
    return serializers.serialize("json", rows, cls=ExactJSONEncoder, indent=1,
                                 use_natural_foreign_keys=True)  # fmt: skip


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def backup(output: Path) -> dict:
    """Write the archive; return its manifest."""
    media = Path(settings.MEDIA_ROOT)
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # Every table read from one snapshot, even while the portal is in use (READ COMMITTED, the
            # default, would let a save between two tables' reads make the archive inconsistent).
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        data = _dump()
        manifest = {"format": FORMAT_VERSION, "rows": row_counts(), "files": file_hashes(media), "schema": schema(),
                    "pending_tasks": _pending_tasks().count()}  # fmt: skip
    # Created readable by its owner only, before anything is written into it.
    descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1, ensure_ascii=False).encode())
        _add_bytes(archive, "data.json", data.encode())
        for name in manifest["files"]:
            archive.add(media / name, arcname=f"media/{name}")
    return manifest


def _is_empty() -> bool:
    return (
        not any(
            model._default_manager.exists() for model in _models() if model._meta.app_label in ("members", "meetings")
        )
        and not apps.get_model("auth.user").objects.exists()
    )


def restore(archive_path: Path) -> dict:
    """Load the archive into this (empty) installation; check every row count and every file's hash."""
    if not _is_empty():
        raise BackupError("Återställning görs bara till en tom installation: databasen har redan innehåll.")
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(archive_path, "r:gz") as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError("Arkivet har ett okänt format.")
        _refuse_a_newer_schema(manifest.get("schema") or {})  # archives before this one did not say
        rows = json.loads(archive.extractfile("data.json").read())  # parsed once: looked at, then loaded
        derivations = _derivations_missing(rows)
        members = [m for m in archive.getmembers() if m.name.startswith("media/") and m.isfile()]
        for member in members:
            target = (media / member.name.removeprefix("media/")).resolve()
            if not target.is_relative_to(media.resolve()):
                raise BackupError(f"Arkivet pekar utanför mediakatalogen: {member.name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.extractfile(member).read())
    with transaction.atomic(), integrity.guard_disabled():
        # A new installation made the roles' groups itself; the archive's own come in their place, keys and all.
        apps.get_model("auth.group").objects.all().delete()
        # So did it the recommendations' parties and channels, facts the portal ships (recommendations.parties): the
        # archive's rows, which its answers point to, come in their place.
        apps.get_model("recommendations.principal").objects.all().delete()
        apps.get_model("recommendations.channel").objects.all().delete()
        objects = serializers.deserialize("python", rows, handle_forward_references=True)
        saved = []
        for obj in objects:
            obj.save()
            saved.append(obj)
        for obj in saved:
            if obj.deferred_fields:
                obj.save_deferred_fields()
        _derive_again()
        for derive in derivations:
            derive(apps, None)
        _reset_sequences()
    problems = _compare(manifest)
    tasks = [row["pk"] for row in rows if row["model"] == TASKS]
    if len(tasks) != manifest.get("pending_tasks", 0) or _restored_tasks(tasks) != len(tasks):
        problems.append(f"köade uppgifter: {_restored_tasks(tasks)}, arkivet har {manifest.get('pending_tasks', 0)}")
    if problems:
        raise BackupError("Återställningen stämmer inte med arkivet: " + "; ".join(problems))
    return manifest


def _restored_tasks(ids: list[str]) -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(pk__in=ids).count()


def _derive_again() -> None:
    """What the record derives from itself is derived again, not taken from the archive: an archive written
    before such a column existed has none, and the lists that read it would leave rows out. Today: how many
    of each sent item's files are public (migration 0034)."""
    from meetings.models import FrozenItem
    from meetings.models.frozen import public_file_count

    wrong = []
    for row in FrozenItem.objects.exclude(attachments=[]).only("attachments", "public_files"):
        counted = public_file_count(row.attachments)
        if row.public_files != counted:
            row.public_files = counted
            wrong.append(row)
    FrozenItem.objects.bulk_update(wrong, ["public_files"], batch_size=500)


def _reset_sequences() -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(_models()))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _compare(manifest: dict) -> list[str]:
    problems = []
    counts = row_counts()
    for label, count in manifest["rows"].items():
        if counts.get(label) != count:
            problems.append(f"{label}: {counts.get(label)} rader, arkivet har {count}")
    hashes = file_hashes(Path(settings.MEDIA_ROOT))
    for name, digest in manifest["files"].items():
        if hashes.get(name) != digest:
            problems.append(f"filen {name} saknas eller skiljer sig")
    return problems
