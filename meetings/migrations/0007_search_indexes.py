"""GIN indexes for the public search, on PostgreSQL only (SQLite searches without them).

Each index is built from the very expression the search runs (``meetings.selectors.search``), so
PostgreSQL uses it. They are not in the models' Meta: Django cannot declare an index for one
database only.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# model → fields, as meetings.selectors.search.VECTORS had them when this migration was written
VECTORS = {
    "minutesversion": ["html"],
    "position": ["text", "clauses"],
    "agendaitem": ["title", "body", "proposal_text"],
    "matter": ["title", "description"],
}


def _indexes(apps):
    for name, fields in VECTORS.items():
        vector = SearchVector(*fields, config="swedish")
        yield apps.get_model("meetings", name), GinIndex(vector, name=f"{name}_search")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0006_positions_register_annual_plan")]

    operations = [migrations.RunPython(create, drop)]
