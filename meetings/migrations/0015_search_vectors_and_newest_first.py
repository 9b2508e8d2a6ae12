"""Stored search vectors for positions and the agenda as sent, and indexes for the newest first.

On PostgreSQL the database sets each row's vector when it is written (a trigger, as for the notes in
0008), and the GIN index is built on the column: a search for a common word ("SRO") no longer computes
the vector of every row it reads. The expression indexes of 0007 and 0010 give way to these.
Meetings and positions get an index on their date, newest first, for the home page's "latest".

Like any migration that changes a guarded table (see 0011), it lifts the guard for the schema change and
puts the guard and the revision's triggers back after. The vectors of the rows already there are filled
in with the guard lifted, and with the revision's deferred triggers run at once, so that no trigger event
is pending when the guard's triggers are created again.
"""

import django.contrib.postgres.search
from django.db import migrations, models

from meetings.integrity import guarded_schema_change

SEARCHED = {  # table → columns, as meetings.selectors.search.VECTORS has them
    "meetings_position": ["text", "clauses"],
    "meetings_frozenitem": ["title", "body", "proposal_text"],
}
OLD_INDEXES = ["position_search", "frozenitem_search"]


def vectors_forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in SEARCHED.items():
        short = table.removeprefix("meetings_")
        schema_editor.execute(
            f"CREATE TRIGGER sro_{short}_search BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION tsvector_update_trigger(search_vector, 'pg_catalog.swedish', {', '.join(columns)})"
        )
        schema_editor.execute(f"CREATE INDEX {short}_search_vector ON {table} USING gin (search_vector)")
    for name in OLD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for table, columns in SEARCHED.items():
        coalesced = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)
        schema_editor.execute(f"UPDATE {table} SET search_vector = to_tsvector('pg_catalog.swedish', {coalesced})")
    schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def vectors_backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in SEARCHED:
        short = table.removeprefix("meetings_")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS sro_{short}_search ON {table}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {short}_search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0014_revision_public_scope"),
    ]

    operations = guarded_schema_change(
        migrations.AddField(
            model_name="frozenitem",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="search vector"
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="search vector"
            ),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["-date"], name="meeting_newest_first"),
        ),
        migrations.AddIndex(
            model_name="position",
            index=models.Index(fields=["-taken_on"], name="position_newest_first"),
        ),
        migrations.RunPython(vectors_forward, vectors_backward),
    )
