"""Approved meeting notes cannot be changed by any path: the database itself refuses.

Triggers on PostgreSQL and SQLite guard, below every service, form, admin and queryset
``update()``:

- ``meetings_minutes``: once approved, a row may only move on to published, or back to a draft of
  the *next* version (a correction); nothing else in it may change, and it cannot be deleted.
- the notes' content (attendance, item notes, questions and answers, positions taken): no insert,
  update or delete while the notes they belong to are approved or published.
- ``meetings_minutesversion`` (the frozen HTML, PDF and hash of each approved version): never
  deleted; updated only once, to set when it was published.

- ``meetings_minutes`` again: notes are approved or published only with their approved version
  stored (and published only once that version is), so no path (the admin, a script) can put a
  status on the public site that the chair never approved.
- ``meetings_position``: a copy frozen with an approved version is never changed or deleted.
- ``meetings_noticedispatch`` and ``meetings_frozenitem`` (each sent version of a notice and its
  items), and ``meetings_positioncorrection`` (a position outside a meeting as it read before a
  correction): never changed or deleted; and
  ``meetings_meeting``: a notice is published or has a version only when that version was sent; and its date,
  times, kind, form and place do not change while its notes are approved or published (the notes name them; a
  correction opens them again, and each version keeps them as it approved them).

``guard_disabled()`` lifts the guard for maintenance that replaces whole databases (restoring a
backup, emptying a test database), and puts it back afterwards.
"""

from contextlib import contextmanager

from django.db import connection

from meetings import public_state

MESSAGE = "sro: approved meeting notes cannot be changed"
FROZEN = "('approved', 'published')"

# table → SQL giving the minutes id of a row, with {r} for OLD or NEW
CONTENT_TABLES = {
    "meetings_attendance": "{r}.minutes_id",
    "meetings_itemnote": "{r}.minutes_id",
    "meetings_questionanswer": "(SELECT n.minutes_id FROM meetings_itemnote n WHERE n.id = {r}.note_id)",
    "meetings_position": (
        "(SELECT m.id FROM meetings_minutes m JOIN meetings_agendaitem i ON i.meeting_id = m.meeting_id "
        "WHERE i.id = {r}.item_id)"
    ),
}

_MINUTES_ALLOWED = """(
    (OLD.status = 'approved' AND NEW.status = 'published' AND NEW.version = OLD.version
     AND NEW.meeting_id = OLD.meeting_id AND NEW.approved_at IS NOT DISTINCT FROM OLD.approved_at
     AND NEW.approved_by_id IS NOT DISTINCT FROM OLD.approved_by_id
     AND NEW.approved_by_name = OLD.approved_by_name)
    OR (NEW.status = 'draft' AND NEW.version = OLD.version + 1 AND NEW.meeting_id = OLD.meeting_id)
)"""

_VERSION_ALLOWED = """(
    OLD.published_at IS NULL AND NEW.minutes_id = OLD.minutes_id AND NEW.version = OLD.version
    AND NEW.html = OLD.html AND NEW.pdf = OLD.pdf AND NEW.pdf_sha256 = OLD.pdf_sha256
    AND NEW.approved_at = OLD.approved_at AND NEW.approved_by_name = OLD.approved_by_name
    AND NEW.approved_by_id IS NOT DISTINCT FROM OLD.approved_by_id
    AND NEW.correction_reason = OLD.correction_reason
)"""
# Columns added to an approved version later: compared once the table has them (a migration older than the
# column's own re-creates the guard on the table as it was then).
_VERSION_LATER_COLUMNS = ["seal_level", "sealed_by", "pdf_sha512", "snapshot"]
# Nullable ones: compared so that NULL equals NULL and a value never replaces one.
_VERSION_LATER_NULLABLE = ["recorded_approved_on"]


# Tables added later whose rows are never changed or deleted once written: guarded once the table exists (a
# migration older than the table re-creates the guard without it). The parties' answers to a recommendation are a log
# of the app above (``recommendations``): named here by table, so a restore or a test's flush lifts their guard too.
_APPEND_ONLY_LATER = ["meetings_positioncorrection", "recommendations_answer"]


def _append_only_later(conn) -> list[str]:
    existing = set(conn.introspection.table_names())
    return [table for table in _APPEND_ONLY_LATER if table in existing]


def _version_allowed(conn) -> str:
    columns = public_state.table_columns(conn, "meetings_minutesversion")
    later = "".join(f" AND NEW.{c} = OLD.{c}" for c in _VERSION_LATER_COLUMNS if c in columns)
    later += "".join(f" AND NEW.{c} IS NOT DISTINCT FROM OLD.{c}" for c in _VERSION_LATER_NULLABLE if c in columns)
    return _VERSION_ALLOWED.rstrip()[:-1].rstrip() + later + ")"


# Notes approved or published need their approved version, published only once it is published.
_MINUTES_HAS_VERSION = """(NEW.status NOT IN ('approved', 'published') OR EXISTS (
    SELECT 1 FROM meetings_minutesversion v WHERE v.minutes_id = NEW.id AND v.version = NEW.version
    AND (NEW.status = 'approved' OR v.published_at IS NOT NULL)))"""

# A published notice, or a notice version, needs that version to have been sent (and frozen).
_MEETING_NOTICE_SENT = """((NEW.notice_published_at IS NULL OR NEW.notice_version > 0) AND (NEW.notice_version = 0
    OR EXISTS (SELECT 1 FROM meetings_noticedispatch d
               WHERE d.meeting_id = NEW.id AND d.version = NEW.notice_version)))"""

# A meeting's facts, while its notes are approved or published: as they were (``meeting_facts_lock``).
_MEETING_FACTS_KEPT = f"""(NOT EXISTS (SELECT 1 FROM meetings_minutes m WHERE m.meeting_id = OLD.id
                          AND m.status IN {FROZEN})
    OR (NEW.date = OLD.date AND NEW.start_time = OLD.start_time AND NEW.end_time = OLD.end_time
        AND NEW.kind = OLD.kind AND NEW.form = OLD.form AND NEW.location IS NOT DISTINCT FROM OLD.location))"""


def _frozen(expression: str) -> str:
    return f"(SELECT status FROM meetings_minutes WHERE id = {expression}) IN {FROZEN}"


def _sqlite_statements(conn) -> list[str]:
    # SQLite has no IS NOT DISTINCT FROM; its IS compares NULLs the same way.
    minutes_allowed = _MINUTES_ALLOWED.replace("IS NOT DISTINCT FROM", "IS")
    version_allowed = _version_allowed(conn).replace("IS NOT DISTINCT FROM", "IS")
    abort = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    statements = [
        f"CREATE TRIGGER IF NOT EXISTS sro_guard_minutes_update BEFORE UPDATE ON meetings_minutes "
        f"WHEN OLD.status IN {FROZEN} AND NOT {minutes_allowed} {abort}",
        f"CREATE TRIGGER IF NOT EXISTS sro_guard_minutes_delete BEFORE DELETE ON meetings_minutes "
        f"WHEN OLD.status IN {FROZEN} {abort}",
        f"CREATE TRIGGER IF NOT EXISTS sro_guard_minutesversion_update BEFORE UPDATE ON meetings_minutesversion "
        f"WHEN NOT {version_allowed} {abort}",
        "CREATE TRIGGER IF NOT EXISTS sro_guard_minutesversion_delete BEFORE DELETE ON meetings_minutesversion "
        f"{abort}",
        f"CREATE TRIGGER IF NOT EXISTS sro_guard_minutes_status_insert BEFORE INSERT ON meetings_minutes "
        f"WHEN NOT {_MINUTES_HAS_VERSION} {abort}",
        f"CREATE TRIGGER IF NOT EXISTS sro_guard_minutes_status_update BEFORE UPDATE ON meetings_minutes "
        f"WHEN NOT {_MINUTES_HAS_VERSION} {abort}",
        f"CREATE TRIGGER IF NOT EXISTS sro_guard_meeting_notice_insert BEFORE INSERT ON meetings_meeting "
        f"WHEN NOT {_MEETING_NOTICE_SENT} {abort}",
        f"CREATE TRIGGER IF NOT EXISTS sro_guard_meeting_notice_update BEFORE UPDATE ON meetings_meeting "
        f"WHEN NOT {_MEETING_NOTICE_SENT} {abort}",
        f"CREATE TRIGGER IF NOT EXISTS sro_guard_meeting_facts_update BEFORE UPDATE ON meetings_meeting "
        f"WHEN NOT {_MEETING_FACTS_KEPT.replace('IS NOT DISTINCT FROM', 'IS')} {abort}",
        "CREATE TRIGGER IF NOT EXISTS sro_guard_noticedispatch_update BEFORE UPDATE ON meetings_noticedispatch "
        f"{abort}",
        "CREATE TRIGGER IF NOT EXISTS sro_guard_noticedispatch_delete BEFORE DELETE ON meetings_noticedispatch "
        f"{abort}",
        f"CREATE TRIGGER IF NOT EXISTS sro_guard_frozenitem_update BEFORE UPDATE ON meetings_frozenitem {abort}",
        f"CREATE TRIGGER IF NOT EXISTS sro_guard_frozenitem_delete BEFORE DELETE ON meetings_frozenitem {abort}",
        *(
            f"CREATE TRIGGER IF NOT EXISTS sro_guard_{table}_{op} BEFORE {op.upper()} ON {table} {abort}"
            for table in _append_only_later(conn)
            for op in ("update", "delete")
        ),
        "CREATE TRIGGER IF NOT EXISTS sro_guard_frozen_position_update BEFORE UPDATE ON meetings_position "
        f"WHEN OLD.minutes_version_id IS NOT NULL OR NEW.minutes_version_id IS NOT NULL {abort}",
        "CREATE TRIGGER IF NOT EXISTS sro_guard_frozen_position_delete BEFORE DELETE ON meetings_position "
        f"WHEN OLD.minutes_version_id IS NOT NULL {abort}",
    ]
    for table, expression in CONTENT_TABLES.items():
        old, new = expression.format(r="OLD"), expression.format(r="NEW")
        statements += [
            f"CREATE TRIGGER IF NOT EXISTS sro_guard_{table}_insert BEFORE INSERT ON {table} "
            f"WHEN {_frozen(new)} {abort}",
            f"CREATE TRIGGER IF NOT EXISTS sro_guard_{table}_update BEFORE UPDATE ON {table} "
            f"WHEN {_frozen(old)} OR {_frozen(new)} {abort}",
            f"CREATE TRIGGER IF NOT EXISTS sro_guard_{table}_delete BEFORE DELETE ON {table} "
            f"WHEN {_frozen(old)} {abort}",
        ]
    return statements


def _postgresql_statements(conn) -> list[str]:
    raise_ = f"RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';"
    statements = [
        f"""CREATE OR REPLACE FUNCTION sro_guard_minutes() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            IF OLD.status IN {FROZEN} THEN {raise_} END IF;
            RETURN OLD;
          END IF;
          IF OLD.status IN {FROZEN} AND NOT {_MINUTES_ALLOWED} THEN {raise_} END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE OR REPLACE FUNCTION sro_guard_minutesversion() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'DELETE' OR NOT {_version_allowed(conn)} THEN {raise_} END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE OR REPLACE FUNCTION sro_guard_minutes_status() RETURNS trigger AS $$
        BEGIN
          IF NOT {_MINUTES_HAS_VERSION} THEN {raise_} END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE OR REPLACE FUNCTION sro_guard_meeting_notice() RETURNS trigger AS $$
        BEGIN
          IF NOT {_MEETING_NOTICE_SENT} THEN {raise_} END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE OR REPLACE FUNCTION sro_guard_meeting_facts() RETURNS trigger AS $$
        BEGIN
          IF NOT {_MEETING_FACTS_KEPT} THEN {raise_} END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE OR REPLACE FUNCTION sro_guard_always() RETURNS trigger AS $$
        BEGIN {raise_} END $$ LANGUAGE plpgsql""",
        f"""CREATE OR REPLACE FUNCTION sro_guard_frozen_position() RETURNS trigger AS $$
        BEGIN
          IF OLD.minutes_version_id IS NOT NULL THEN {raise_} END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          IF NEW.minutes_version_id IS NOT NULL THEN {raise_} END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        "DROP TRIGGER IF EXISTS sro_guard_minutes_status ON meetings_minutes",
        "CREATE TRIGGER sro_guard_minutes_status BEFORE INSERT OR UPDATE ON meetings_minutes "
        "FOR EACH ROW EXECUTE FUNCTION sro_guard_minutes_status()",
        "DROP TRIGGER IF EXISTS sro_guard_meeting_notice ON meetings_meeting",
        "CREATE TRIGGER sro_guard_meeting_notice BEFORE INSERT OR UPDATE ON meetings_meeting "
        "FOR EACH ROW EXECUTE FUNCTION sro_guard_meeting_notice()",
        "DROP TRIGGER IF EXISTS sro_guard_meeting_facts ON meetings_meeting",
        "CREATE TRIGGER sro_guard_meeting_facts BEFORE UPDATE ON meetings_meeting "
        "FOR EACH ROW EXECUTE FUNCTION sro_guard_meeting_facts()",
        "DROP TRIGGER IF EXISTS sro_guard_noticedispatch ON meetings_noticedispatch",
        "CREATE TRIGGER sro_guard_noticedispatch BEFORE UPDATE OR DELETE ON meetings_noticedispatch "
        "FOR EACH ROW EXECUTE FUNCTION sro_guard_always()",
        "DROP TRIGGER IF EXISTS sro_guard_frozenitem ON meetings_frozenitem",
        "CREATE TRIGGER sro_guard_frozenitem BEFORE UPDATE OR DELETE ON meetings_frozenitem "
        "FOR EACH ROW EXECUTE FUNCTION sro_guard_always()",
        *(
            statement
            for table in _append_only_later(conn)
            for statement in (
                f"DROP TRIGGER IF EXISTS sro_guard_{table} ON {table}",
                f"CREATE TRIGGER sro_guard_{table} BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION sro_guard_always()",
            )
        ),
        "DROP TRIGGER IF EXISTS sro_guard_frozen_position ON meetings_position",
        "CREATE TRIGGER sro_guard_frozen_position BEFORE UPDATE OR DELETE ON meetings_position "
        "FOR EACH ROW EXECUTE FUNCTION sro_guard_frozen_position()",
        "DROP TRIGGER IF EXISTS sro_guard_minutes ON meetings_minutes",
        "CREATE TRIGGER sro_guard_minutes BEFORE UPDATE OR DELETE ON meetings_minutes "
        "FOR EACH ROW EXECUTE FUNCTION sro_guard_minutes()",
        "DROP TRIGGER IF EXISTS sro_guard_minutesversion ON meetings_minutesversion",
        "CREATE TRIGGER sro_guard_minutesversion BEFORE UPDATE OR DELETE ON meetings_minutesversion "
        "FOR EACH ROW EXECUTE FUNCTION sro_guard_minutesversion()",
    ]
    for table, expression in CONTENT_TABLES.items():
        old, new = expression.format(r="OLD"), expression.format(r="NEW")
        statements += [
            f"""CREATE OR REPLACE FUNCTION sro_guard_{table}() RETURNS trigger AS $$
            BEGIN
              IF TG_OP IN ('UPDATE', 'DELETE') AND {_frozen(old)} THEN {raise_} END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              IF {_frozen(new)} THEN {raise_} END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql""",
            f"DROP TRIGGER IF EXISTS sro_guard_{table} ON {table}",
            f"CREATE TRIGGER sro_guard_{table} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION sro_guard_{table}()",
        ]
    return statements


def _drop_statements(conn) -> list[str]:
    later = _append_only_later(conn)
    if conn.vendor == "postgresql":
        triggers = [
            ("sro_guard_minutes", "meetings_minutes"),
            ("sro_guard_minutesversion", "meetings_minutesversion"),
            ("sro_guard_minutes_status", "meetings_minutes"),
            ("sro_guard_meeting_notice", "meetings_meeting"),
            ("sro_guard_meeting_facts", "meetings_meeting"),
            ("sro_guard_noticedispatch", "meetings_noticedispatch"),
            ("sro_guard_frozenitem", "meetings_frozenitem"),
            ("sro_guard_frozen_position", "meetings_position"),
        ]
        triggers += [(f"sro_guard_{table}", table) for table in [*CONTENT_TABLES, *later]]
        return [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table in triggers]
    names = ["sro_guard_minutes_update", "sro_guard_minutes_delete", "sro_guard_minutesversion_update",
             "sro_guard_minutesversion_delete", "sro_guard_minutes_status_insert", "sro_guard_minutes_status_update",
             "sro_guard_meeting_notice_insert", "sro_guard_meeting_notice_update", "sro_guard_meeting_facts_update",
             "sro_guard_noticedispatch_update",
             "sro_guard_noticedispatch_delete", "sro_guard_frozenitem_update", "sro_guard_frozenitem_delete",
             "sro_guard_frozen_position_update",
             "sro_guard_frozen_position_delete"]  # fmt: skip
    names += [f"sro_guard_{table}_{op}" for table in CONTENT_TABLES for op in ("insert", "update", "delete")]
    names += [f"sro_guard_{table}_{op}" for table in later for op in ("update", "delete")]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names]


def install(schema_editor=None):
    """Create (or re-create) the guard on the current database."""
    conn = schema_editor.connection if schema_editor else connection
    statements = _postgresql_statements(conn) if conn.vendor == "postgresql" else _sqlite_statements(conn)
    with conn.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    public_state.install(conn)  # what the public reads now follows the record: kept by triggers as well


def uninstall(schema_editor=None):
    conn = schema_editor.connection if schema_editor else connection
    with conn.cursor() as cursor:
        for statement in _drop_statements(conn):
            cursor.execute(statement)
    public_state.uninstall(conn)


@contextmanager
def guard_disabled():
    """Lift the guard for a whole-database operation; it is back when the block ends, even on error."""
    uninstall()
    try:
        yield
    finally:
        install()


def _lift(apps, schema_editor):
    uninstall(schema_editor)


def _put_back(apps, schema_editor):
    from meetings import revision

    install(schema_editor)
    revision.install(schema_editor)


def guarded_schema_change(*operations) -> list:
    """A migration's operations on a guarded table, with the guard lifted around them and the guard and the
    revision's triggers put back after (SQLite rebuilds a table to change it, which drops its triggers and
    trips the guard's triggers that name it)."""
    from django.db import migrations

    return [migrations.RunPython(_lift, _put_back), *operations, migrations.RunPython(_put_back, _lift)]


def is_integrity_error(error: Exception) -> bool:
    return MESSAGE in str(error)
