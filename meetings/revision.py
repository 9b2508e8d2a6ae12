"""The public record's revision: a number the database raises on every change to what the public site reads.

Public pages are kept under it (``sro_portal.middleware.PublicPageCacheMiddleware``): a kept page is
used only while the revision is the one it was rendered at, so a change to the public record (a notice
sent, notes approved, a name corrected in the admin, a bulk update, a restore) makes the kept pages old
at once, on every worker and app server, since they all read the same number from the same database.

The secretary's working copy is not part of it: the agenda being edited, the notes being kept, who
attended, the invitations, the log. The public never reads those tables (every public read comes from a
sent or approved version, and a test walks every public page and API answer to check which tables they
read), so editing them leaves every kept page as it is. Two tables are partly public: positions (the
copies frozen with approved notes, and those taken outside a meeting; not the working copy) and the
notes' state (a change of status; not the claim of a save).

Triggers raise it, below every service, form, admin and queryset ``update()``, as the integrity guard
works. ``install()`` puts them on every table of the portal's own apps but the working copy, and is run
again by any migration that adds a table; a test checks that no table is left out.

On PostgreSQL the raise is deferred to the commit, once per transaction, and goes to one of ``SLOTS``
rows (the number is their sum): readers see it together with the data, and writers neither deadlock on it
nor queue behind one row. A migration that writes rows must do so after its schema changes (PostgreSQL
refuses ALTER TABLE on a table with pending deferred trigger events).
"""

import re

from django.apps import apps
from django.db import connection

APPS = ("meetings", "members")
TABLE = "sro_revision"
# On PostgreSQL the number is the sum of this many rows, and a transaction raises the row of its own
# connection: two writers, to different meetings say, lock the same row only when their connections share
# a slot, so they do not queue behind one another at their commits.
SLOTS = 64

# The secretary's working copy and the staff's bookkeeping: no public page reads these tables.
WORKING = frozenset({
    "meetings_agendaitem", "meetings_presenter", "meetings_itemnote", "meetings_questionanswer",
    "meetings_attendance", "meetings_invitation", "meetings_substitution", "meetings_meetinglogentry",
    "meetings_submission",
})  # fmt: skip
# Tables of which only some rows or some changes are public: (events, condition) pairs, the condition in
# SQL over NEW and OLD. Every other table raises the revision on every insert, update and delete.
PARTLY = {
    # A frozen copy, or a position taken outside a meeting; not the working copy of an item's position.
    "meetings_position": [
        ("INSERT OR UPDATE", "NEW.minutes_version_id IS NOT NULL OR NEW.how <> 'meeting'"),
        ("UPDATE OR DELETE", "OLD.minutes_version_id IS NOT NULL OR OLD.how <> 'meeting'"),
    ],
    # The notes' state (sent, approved, published, corrected); a save of attendance only claims the row.
    "meetings_minutes": [("INSERT OR DELETE", None), ("UPDATE", "OLD.status IS DISTINCT FROM NEW.status")],
}
ALWAYS = [("INSERT OR UPDATE OR DELETE", None)]


def tables() -> list[str]:
    return sorted(model._meta.db_table for name in APPS for model in apps.get_app_config(name).get_models())


def public_tables() -> list[str]:
    """The tables whose changes raise the revision: all of the portal's but the working copy."""
    return [name for name in tables() if name not in WORKING]


def _sqlite_condition(condition: str) -> str:
    return condition.replace("IS DISTINCT FROM", "IS NOT")


def _rules(name: str, columns: set[str]) -> list[tuple[str, str | None]]:
    """A table's (events, condition) pairs; a condition on a column the table has not got yet (an early
    migration runs ``install()`` too) gives way to the plain rule, and the migration that adds the
    column installs again."""
    rules = PARTLY.get(name, ALWAYS)
    if any(column not in columns for rule in rules for column in re.findall(r"(?:NEW|OLD)\.(\w+)", rule[1] or "")):
        return ALWAYS
    return rules


def _statements(vendor: str, names: list[str], columns: dict[str, set[str]]) -> list[str]:
    if vendor == "postgresql":
        # The bump is a constraint trigger deferred to the commit, once per transaction: the row is
        # locked only in the instant before the commit, after every other lock the transaction takes,
        # so two writers can never wait on each other through it (a notice sent while an item is
        # saved deadlocked when each statement raised it at once), and readers see the new number
        # together with the data it stands for.
        statements = [
            f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY, n bigint NOT NULL)",
            f"INSERT INTO {TABLE} (id, n) SELECT slot, 0 FROM generate_series(0, {SLOTS - 1}) AS slot "
            "ON CONFLICT (id) DO NOTHING",
            f"""CREATE OR REPLACE FUNCTION sro_bump_revision() RETURNS trigger AS $$
            BEGIN
              IF current_setting('sro.revision_bumped', true) = txid_current()::text THEN RETURN NULL; END IF;
              PERFORM set_config('sro.revision_bumped', txid_current()::text, true);
              UPDATE {TABLE} SET n = n + 1 WHERE id = pg_backend_pid() % {SLOTS};
              RETURN NULL;
            END $$ LANGUAGE plpgsql""",
        ]
        for name in names:
            statements += [
                f"DROP TRIGGER IF EXISTS sro_revision ON {name}",
                f"DROP TRIGGER IF EXISTS sro_revision_2 ON {name}",
                f"DROP TRIGGER IF EXISTS sro_revision_truncate ON {name}",
            ]
            if name in WORKING:
                continue
            for n, (events, condition) in enumerate(_rules(name, columns[name]), start=1):
                when = f"WHEN ({condition}) " if condition else ""
                statements.append(
                    f"CREATE CONSTRAINT TRIGGER sro_revision{'' if n == 1 else f'_{n}'} AFTER {events} ON {name} "
                    f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW {when}EXECUTE FUNCTION sro_bump_revision()"
                )
            # A constraint trigger cannot watch TRUNCATE (only restores and test teardown use it).
            statements.append(f"CREATE TRIGGER sro_revision_truncate AFTER TRUNCATE ON {name} "
                              "FOR EACH STATEMENT EXECUTE FUNCTION sro_bump_revision()")  # fmt: skip
        return statements
    statements = [
        f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY, n integer NOT NULL)",
        f"INSERT OR IGNORE INTO {TABLE} (id, n) VALUES (1, 0)",
    ]
    for name in names:
        for op in ("insert", "update", "delete"):
            statements.append(f"DROP TRIGGER IF EXISTS sro_revision_{name}_{op}")
            statements.append(f"DROP TRIGGER IF EXISTS sro_revision_{name}_{op}_2")
        if name in WORKING:
            continue
        for n, (events, condition) in enumerate(_rules(name, columns[name]), start=1):
            when = f"WHEN {_sqlite_condition(condition)} " if condition else ""
            for op in events.lower().split(" or "):
                statements.append(
                    f"CREATE TRIGGER sro_revision_{name}_{op}{'' if n == 1 else '_2'} AFTER {op.upper()} ON {name} "
                    f"FOR EACH ROW {when}BEGIN UPDATE {TABLE} SET n = n + 1 WHERE id = 1; END"
                )
    return statements


def install(schema_editor=None) -> None:
    conn = schema_editor.connection if schema_editor else connection
    existing = set(conn.introspection.table_names())
    with conn.cursor() as cursor:
        names = [name for name in tables() if name in existing]
        columns = {name: {c.name for c in conn.introspection.get_table_description(cursor, name)} for name in names}
        for statement in _statements(conn.vendor, names, columns):
            cursor.execute(statement)


def current() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(sum(n), 0) FROM {TABLE}")  # one row on SQLite, the slots on PostgreSQL
        return int(cursor.fetchone()[0])


def covered_tables() -> set[str]:
    """The tables that have the trigger now (for the test that none is left out)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT DISTINCT event_object_table FROM information_schema.triggers "
                           "WHERE trigger_name LIKE 'sro_revision%'")  # fmt: skip
            return {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sro_revision_%'")
        return {row[0] for row in cursor.fetchall()}
