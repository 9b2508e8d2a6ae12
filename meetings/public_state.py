"""The database keeps what the public reads now (``meetings.models.public``), on PostgreSQL and SQLite alike.

Of each meeting's notes, the newest published version not withdrawn (``meetings_publicversion``); of each
meeting whose notice is published, the sent version it names (``meetings_publicnotice``). Triggers refresh a
meeting's row whenever what it follows changes: a version stored or published, a withdrawal made or undone,
a notice published, unpublished or sent anew. No path goes around them (a service, the admin, a bulk
``update()``, raw SQL), as none goes around the integrity guard, with which they are installed and lifted
(``meetings.integrity.install``): ``install`` also rebuilds every row, so a restore or a flush made with the
triggers lifted leaves the rows right.
"""

VERSIONS, NOTICES = "meetings_publicversion", "meetings_publicnotice"

# What the public reads, as rows (minutes id, version id) and (meeting id, dispatch id), of the notes or meetings
# that {where} names: one statement serves a meeting's refresh and the whole rebuild, so the two cannot drift.
_PUBLIC_VERSIONS = f"""INSERT INTO {VERSIONS} (minutes_id, version_id)
    SELECT v.minutes_id, v.id FROM meetings_minutesversion v
    WHERE {{where}} AND v.published_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM meetings_minuteswithdrawal w WHERE w.version_id = v.id)
      AND NOT EXISTS (SELECT 1 FROM meetings_minutesversion n WHERE n.minutes_id = v.minutes_id
                      AND n.version > v.version AND n.published_at IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM meetings_minuteswithdrawal x WHERE x.version_id = n.id))"""
_PUBLIC_NOTICES = f"""INSERT INTO {NOTICES} (meeting_id, dispatch_id)
    SELECT d.meeting_id, d.id FROM meetings_noticedispatch d JOIN meetings_meeting g ON g.id = d.meeting_id
    WHERE {{where}} AND g.notice_published_at IS NOT NULL AND d.version = g.notice_version"""

# The rows of one meeting's notes ({m}: its minutes id) and of one meeting's notice ({m}: its meeting id).
_VERSION_REFRESH = [
    f"DELETE FROM {VERSIONS} WHERE minutes_id = {{m}}",
    _PUBLIC_VERSIONS.format(where="v.minutes_id = {m}"),
]
_NOTICE_REFRESH = [
    f"DELETE FROM {NOTICES} WHERE meeting_id = {{m}}",
    _PUBLIC_NOTICES.format(where="d.meeting_id = {m}"),
]
_REBUILD = [
    f"DELETE FROM {VERSIONS}",
    _PUBLIC_VERSIONS.format(where="1 = 1"),
    f"DELETE FROM {NOTICES}",
    _PUBLIC_NOTICES.format(where="1 = 1"),
]
_MINUTES_OF_VERSION = "(SELECT minutes_id FROM meetings_minutesversion WHERE id = {r}.version_id)"

# (trigger name, table, events, WHEN condition over OLD and NEW or None, refresh statements, the id to refresh)
_TRIGGERS = [
    ("sro_public_version_stored", "meetings_minutesversion", "INSERT", None, _VERSION_REFRESH, "NEW.minutes_id"),
    ("sro_public_version_published", "meetings_minutesversion", "UPDATE",
     "OLD.published_at IS DISTINCT FROM NEW.published_at", _VERSION_REFRESH, "NEW.minutes_id"),
    ("sro_public_version_withdrawn", "meetings_minuteswithdrawal", "INSERT", None, _VERSION_REFRESH,
     _MINUTES_OF_VERSION.format(r="NEW")),
    ("sro_public_version_restored", "meetings_minuteswithdrawal", "DELETE", None, _VERSION_REFRESH,
     _MINUTES_OF_VERSION.format(r="OLD")),
    ("sro_public_notice_meeting", "meetings_meeting", "INSERT", None, _NOTICE_REFRESH, "NEW.id"),
    ("sro_public_notice_published", "meetings_meeting", "UPDATE",
     "OLD.notice_published_at IS DISTINCT FROM NEW.notice_published_at "
     "OR OLD.notice_version IS DISTINCT FROM NEW.notice_version", _NOTICE_REFRESH, "NEW.id"),
    ("sro_public_notice_sent", "meetings_noticedispatch", "INSERT", None, _NOTICE_REFRESH, "NEW.meeting_id"),
]  # fmt: skip


def _ready(conn) -> bool:
    """Whether the tables exist (a migration older than them re-creates the guard without them)."""
    return {VERSIONS, NOTICES} <= set(conn.introspection.table_names())


def _postgresql(name, table, event, when, refresh, target) -> list[str]:
    body = ";\n".join(statement.format(m="target") for statement in refresh)
    condition = f" WHEN ({when})" if when else ""
    return [
        f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
        DECLARE target bigint;
        BEGIN
          target := {target};
          IF target IS NOT NULL THEN {body}; END IF;
          RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{condition} EXECUTE FUNCTION {name}()",
    ]


def _sqlite(name, table, event, when, refresh, target) -> list[str]:
    # SQLite has no IS DISTINCT FROM; its IS NOT compares NULLs the same way.
    condition = f" WHEN {when.replace('IS DISTINCT FROM', 'IS NOT')}" if when else ""
    body = "".join(f"{statement.format(m=target)};\n" for statement in refresh)
    return [f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} FOR EACH ROW{condition} BEGIN\n{body}END"]


def install(conn) -> None:
    """Create the triggers (again) and rebuild every row from the record."""
    if not _ready(conn):
        return
    make = _postgresql if conn.vendor == "postgresql" else _sqlite
    with conn.cursor() as cursor:
        for trigger in _TRIGGERS:
            for statement in make(*trigger):
                cursor.execute(statement)
        for statement in _REBUILD:
            cursor.execute(statement)


def uninstall(conn) -> None:
    if not _ready(conn):
        return
    with conn.cursor() as cursor:
        for name, table, *_rest in _TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}" if conn.vendor == "postgresql"
                           else f"DROP TRIGGER IF EXISTS {name}")  # fmt: skip
