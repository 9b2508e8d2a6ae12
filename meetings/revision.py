"""The site's revision: a number the database raises on every change to the portal's data.

Public pages are cached under it (``sro_portal.middleware.PublicPageCacheMiddleware``): a cached page is
used only while the revision is the one it was rendered at, so any change anywhere (a notice
published, a name corrected in the admin, a bulk update, a restore) makes every cached page old at
once, on every app server, since they all read the same number from the same database.

Triggers raise it, below every service, form, admin and queryset ``update()``, as the integrity guard
works. ``install()`` puts them on every table of the portal's own apps and is run again by any migration
that adds a table; a test checks that no table is left out.

On PostgreSQL the raise is deferred to the commit, once per transaction, and goes to one of ``SLOTS``
rows (the number is their sum): readers see it together with the data, and writers neither deadlock on it
nor queue behind one row. A migration that writes rows must do so after its schema changes (PostgreSQL
refuses ALTER TABLE on a table with pending deferred trigger events).
"""

from django.apps import apps
from django.db import connection

APPS = ("meetings", "members")
TABLE = "sro_revision"
# On PostgreSQL the number is the sum of this many rows, and a transaction raises the row of its own
# connection: two writers, to different meetings say, lock the same row only when their connections share
# a slot, so they do not queue behind one another at their commits.
SLOTS = 64


def tables() -> list[str]:
    return sorted(model._meta.db_table for name in APPS for model in apps.get_app_config(name).get_models())


def _statements(vendor: str, names: list[str]) -> list[str]:
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
                f"DROP TRIGGER IF EXISTS sro_revision_truncate ON {name}",
                f"CREATE CONSTRAINT TRIGGER sro_revision AFTER INSERT OR UPDATE OR DELETE ON {name} "
                "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sro_bump_revision()",
                # A constraint trigger cannot watch TRUNCATE (only restores and test teardown use it).
                f"CREATE TRIGGER sro_revision_truncate AFTER TRUNCATE ON {name} "
                "FOR EACH STATEMENT EXECUTE FUNCTION sro_bump_revision()",
            ]
        return statements
    statements = [
        f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY, n integer NOT NULL)",
        f"INSERT OR IGNORE INTO {TABLE} (id, n) VALUES (1, 0)",
    ]
    for name in names:
        for op in ("insert", "update", "delete"):
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS sro_revision_{name}_{op} AFTER {op.upper()} ON {name} "
                f"BEGIN UPDATE {TABLE} SET n = n + 1 WHERE id = 1; END"
            )
    return statements


def install(schema_editor=None) -> None:
    conn = schema_editor.connection if schema_editor else connection
    existing = set(conn.introspection.table_names())
    with conn.cursor() as cursor:
        for statement in _statements(conn.vendor, [name for name in tables() if name in existing]):
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
                           "WHERE trigger_name = 'sro_revision'")  # fmt: skip
            return {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sro_revision_%'")
        return {row[0] for row in cursor.fetchall()}
