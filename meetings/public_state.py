"""The database keeps what the public reads now (``meetings.models.public``), on PostgreSQL and SQLite alike.

Of each meeting's notes, the newest published version not withdrawn (``meetings_publicversion``); of each
meeting whose notice is published, the sent version it names (``meetings_publicnotice``); the matters the public
may know of (``meetings_publicmatter``). Triggers refresh a meeting's row whenever what it follows changes: a
version stored or published, a withdrawal made or undone, a notice published, unpublished or sent anew; and a
matter's row whenever one of its positions, sent or approved items or plan entries changes, a version or notice
that names them becomes public or stops being so, or a matter is merged into it or taken out; and when what the
public reads of a meeting last changed (``Meeting.public_modified``): its state, what was announced of it, its
notice or notes published or taken down, and not a draft saved between. No path goes around
them (a service, the admin, a bulk ``update()``, raw SQL), as none goes around the integrity guard, with which they
are installed and lifted (``meetings.integrity.install``): ``install`` also rebuilds every row, so a restore or a
flush made with the triggers lifted leaves the rows right.
"""

VERSIONS, NOTICES, MATTERS = "meetings_publicversion", "meetings_publicnotice", "meetings_publicmatter"

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

# Whether the public may know of matter {x}: a public position (outside a meeting, or of a public version of
# the notes), an item of a published notice as sent, or of public notes when the notice never was, or planned.
_KNOWN = f"""(EXISTS (SELECT 1 FROM meetings_position p WHERE p.matter_id = {{x}} AND (p.how IN {{outside}}
                OR p.minutes_version_id IN (SELECT version_id FROM {VERSIONS})))
    OR EXISTS (SELECT 1 FROM meetings_frozenitem f WHERE f.matter_id = {{x}}
               AND (f.dispatch_id IN (SELECT dispatch_id FROM {NOTICES})
                    OR (f.minutes_version_id IN (SELECT version_id FROM {VERSIONS})
                        AND f.meeting_id IN (SELECT id FROM meetings_meeting WHERE notice_published_at IS NULL))))
    OR EXISTS (SELECT 1 FROM meetings_annualplanentry a WHERE a.matter_id = {{x}}))"""
# A matter merged into another is known through the other (the record keeps the id it froze).
_PUBLIC_MATTERS = f"""INSERT INTO {MATTERS} (matter_id)
    SELECT m.id FROM meetings_matter m WHERE {{where}} AND m.merged_into_id IS NULL
      AND ({_KNOWN.replace("{x}", "m.id")} OR EXISTS (SELECT 1 FROM meetings_matter c
                                                  WHERE c.merged_into_id = m.id AND {_KNOWN.replace("{x}", "c.id")}))"""

# The rows of one meeting's notes ({m}: its minutes id) and of one meeting's notice ({m}: its meeting id).
_VERSION_REFRESH = [
    f"DELETE FROM {VERSIONS} WHERE minutes_id = {{m}}",
    _PUBLIC_VERSIONS.format(where="v.minutes_id = {m}"),
]
_NOTICE_REFRESH = [
    f"DELETE FROM {NOTICES} WHERE meeting_id = {{m}}",
    _PUBLIC_NOTICES.format(where="d.meeting_id = {m}"),
]
# The rows of the matters {m} names (a list or a query of ids) and of those they are merged into.
_TOUCHED = "SELECT id FROM meetings_matter WHERE id IN ({m}) UNION SELECT merged_into_id FROM meetings_matter " \
    "WHERE id IN ({m}) AND merged_into_id IS NOT NULL"  # fmt: skip
_MATTER_REFRESH = [
    f"DELETE FROM {MATTERS} WHERE matter_id IN ({{m}}) OR matter_id IN ({_TOUCHED})",
    _PUBLIC_MATTERS.format(where=f"m.id IN ({_TOUCHED})", outside="{outside}"),
]
_REBUILD = [
    f"DELETE FROM {VERSIONS}",
    _PUBLIC_VERSIONS.format(where="1 = 1"),
    f"DELETE FROM {NOTICES}",
    _PUBLIC_NOTICES.format(where="1 = 1"),
    f"DELETE FROM {MATTERS}",
    _PUBLIC_MATTERS.format(where="1 = 1", outside="{outside}"),
]
_MINUTES_OF_VERSION = "(SELECT minutes_id FROM meetings_minutesversion WHERE id = {r}.version_id)"

# When what the public reads of meeting {m} last changed (``Meeting.public_modified``, OParl's ``modified``): the
# moment of the statement that changed it ({now}), never that of a draft saved between.
_MEETING_MODIFIED = ["UPDATE meetings_meeting SET public_modified = {now} WHERE id = {m}"]
# What the public reads of the meeting row itself: whether it is cancelled (of its other states the public reads
# nothing: a meeting is held for the public once its notes are published, ``oparl.meeting_state``), what was announced
# of it (its own date, times and place while nothing is), its published notice.
_MEETING_READ_CHANGED = (
    "(OLD.status = 'cancelled') IS DISTINCT FROM (NEW.status = 'cancelled') "
    "OR OLD.announced IS DISTINCT FROM NEW.announced "
    "OR OLD.notice_published_at IS DISTINCT FROM NEW.notice_published_at "
    "OR OLD.notice_version IS DISTINCT FROM NEW.notice_version "
    "OR (NEW.announced IS NULL AND (OLD.date IS DISTINCT FROM NEW.date OR OLD.start_time IS DISTINCT FROM "
    "NEW.start_time OR OLD.end_time IS DISTINCT FROM NEW.end_time OR OLD.kind IS DISTINCT FROM NEW.kind "
    "OR OLD.form IS DISTINCT FROM NEW.form OR OLD.location IS DISTINCT FROM NEW.location))"
)
_MEETING_OF_MINUTES = "(SELECT meeting_id FROM meetings_minutes WHERE id = {r}.minutes_id)"
_MEETING_OF_VERSION = ("(SELECT m.meeting_id FROM meetings_minutes m JOIN meetings_minutesversion v "
                       "ON v.minutes_id = m.id WHERE v.id = {r}.version_id)")  # fmt: skip


class _Ids(str):
    """The matters a trigger refreshes: a list or a query of ids over OLD and NEW, written into its statements."""


_OF_VERSION = "SELECT matter_id FROM meetings_position WHERE minutes_version_id = {r}.version_id " \
    "UNION SELECT matter_id FROM meetings_frozenitem WHERE minutes_version_id = {r}.version_id"  # fmt: skip
# Whether a meeting's notice is published decides which of its sent or approved items are public.
_OF_MEETING = "SELECT matter_id FROM meetings_frozenitem WHERE meeting_id = {r}.meeting_id"
_MATTER_MOVED = "OLD.matter_id IS DISTINCT FROM NEW.matter_id"

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
    ("sro_public_matter_position_new", "meetings_position", "INSERT", None, _MATTER_REFRESH, _Ids("NEW.matter_id")),
    ("sro_public_matter_position_gone", "meetings_position", "DELETE", None, _MATTER_REFRESH, _Ids("OLD.matter_id")),
    ("sro_public_matter_position_changed", "meetings_position", "UPDATE",
     f"{_MATTER_MOVED} OR OLD.how IS DISTINCT FROM NEW.how "
     "OR OLD.minutes_version_id IS DISTINCT FROM NEW.minutes_version_id",
     _MATTER_REFRESH, _Ids("OLD.matter_id, NEW.matter_id")),
    ("sro_public_matter_item_new", "meetings_frozenitem", "INSERT", None, _MATTER_REFRESH, _Ids("NEW.matter_id")),
    ("sro_public_matter_item_gone", "meetings_frozenitem", "DELETE", None, _MATTER_REFRESH, _Ids("OLD.matter_id")),
    ("sro_public_matter_plan_new", "meetings_annualplanentry", "INSERT", None, _MATTER_REFRESH,
     _Ids("NEW.matter_id")),
    ("sro_public_matter_plan_gone", "meetings_annualplanentry", "DELETE", None, _MATTER_REFRESH,
     _Ids("OLD.matter_id")),
    ("sro_public_matter_plan_changed", "meetings_annualplanentry", "UPDATE", _MATTER_MOVED, _MATTER_REFRESH,
     _Ids("OLD.matter_id, NEW.matter_id")),
    ("sro_public_matter_version_public", "meetings_publicversion", "INSERT", None, _MATTER_REFRESH,
     _Ids(_OF_VERSION.format(r="NEW"))),
    ("sro_public_matter_version_gone", "meetings_publicversion", "DELETE", None, _MATTER_REFRESH,
     _Ids(_OF_VERSION.format(r="OLD"))),
    ("sro_public_matter_notice_public", "meetings_publicnotice", "INSERT", None, _MATTER_REFRESH,
     _Ids(_OF_MEETING.format(r="NEW"))),
    ("sro_public_matter_notice_gone", "meetings_publicnotice", "DELETE", None, _MATTER_REFRESH,
     _Ids(_OF_MEETING.format(r="OLD"))),
    ("sro_public_matter_new", "meetings_matter", "INSERT", None, _MATTER_REFRESH, _Ids("NEW.id")),
    ("sro_public_matter_merged", "meetings_matter", "UPDATE", "OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id",
     _MATTER_REFRESH, _Ids("OLD.id, OLD.merged_into_id, NEW.merged_into_id")),
    ("sro_public_matter_gone", "meetings_matter", "DELETE", None, _MATTER_REFRESH, _Ids("OLD.merged_into_id")),
]  # fmt: skip

# Each a moment the public's meeting changes: its row, its notes published, withdrawn or put back (a version's
# publication and a withdrawal also refresh what is public above; these only say when).
_MEETING_TRIGGERS = [
    ("sro_public_meeting_changed", "meetings_meeting", "UPDATE", _MEETING_READ_CHANGED, _MEETING_MODIFIED, "NEW.id"),
    ("sro_public_meeting_notes_published", "meetings_minutesversion", "UPDATE",
     "OLD.published_at IS DISTINCT FROM NEW.published_at", _MEETING_MODIFIED, _MEETING_OF_MINUTES.format(r="NEW")),
    ("sro_public_meeting_notes_withdrawn", "meetings_minuteswithdrawal", "INSERT", None, _MEETING_MODIFIED,
     _MEETING_OF_VERSION.format(r="NEW")),
    ("sro_public_meeting_notes_restored", "meetings_minuteswithdrawal", "DELETE", None, _MEETING_MODIFIED,
     _MEETING_OF_VERSION.format(r="OLD")),
]  # fmt: skip
# The moment of the statement (not of its transaction, which may have begun long before), as Django stores it.
_NOW = {"postgresql": "statement_timestamp()", "sqlite": "strftime('%Y-%m-%d %H:%M:%f', 'now')"}


def _outside_meeting() -> str:
    from meetings.models.positions import Position

    return "('" + "', '".join([Position.How.PER_CAPSULAM, Position.How.CHAIR_DECISION]) + "')"


def _written(statement: str, m: str = "", now: str = _NOW["postgresql"]) -> str:
    return statement.format(m=m, outside=_outside_meeting(), now=now)


def _ready(conn) -> bool:
    """Whether the tables exist (a migration older than them re-creates the guard without them)."""
    return {VERSIONS, NOTICES, MATTERS} <= set(conn.introspection.table_names())


def table_columns(conn, table: str) -> set[str]:
    """The columns a table has now: a trigger written by a migration older than a column leaves it out (here and in
    ``meetings.integrity``)."""
    with conn.cursor() as cursor:
        return {column.name for column in conn.introspection.get_table_description(cursor, table)}


def _triggers(conn) -> list:
    """The triggers, those of a meeting's public moment once its column is there (migration 0039)."""
    later = _MEETING_TRIGGERS if "public_modified" in table_columns(conn, "meetings_meeting") else []
    return [*_TRIGGERS, *later]


def _postgresql(name, table, event, when, refresh, target) -> list[str]:
    condition = f" WHEN ({when})" if when else ""
    if isinstance(target, _Ids):  # a set of matters: written into the statements as it is
        code = f"BEGIN {';'.join(_written(statement, target) for statement in refresh)}; RETURN NULL; END"
    else:  # one id, computed once
        body = ";\n".join(_written(statement, "target") for statement in refresh)
        code = f"""DECLARE target bigint;
        BEGIN
          target := {target};
          IF target IS NOT NULL THEN {body}; END IF;
          RETURN NULL;
        END"""
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$\n{code} $$ LANGUAGE plpgsql",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{condition} EXECUTE FUNCTION {name}()",
    ]


def _sqlite(name, table, event, when, refresh, target) -> list[str]:
    # SQLite has no IS DISTINCT FROM; its IS NOT compares NULLs the same way.
    condition = f" WHEN {when.replace('IS DISTINCT FROM', 'IS NOT')}" if when else ""
    body = "".join(f"{_written(statement, target, _NOW['sqlite'])};\n" for statement in refresh)
    return [f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} FOR EACH ROW{condition} BEGIN\n{body}END"]


def install(conn) -> None:
    """Create the triggers (again) and rebuild every row from the record."""
    if not _ready(conn):
        return
    make = _postgresql if conn.vendor == "postgresql" else _sqlite
    with conn.cursor() as cursor:
        for trigger in _triggers(conn):
            for statement in make(*trigger):
                cursor.execute(statement)
        for statement in _REBUILD:
            cursor.execute(_written(statement))


def uninstall(conn) -> None:
    with conn.cursor() as cursor:
        for name, table, *_rest in [*_TRIGGERS, *_MEETING_TRIGGERS]:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}" if conn.vendor == "postgresql"
                           else f"DROP TRIGGER IF EXISTS {name}")  # fmt: skip
