"""Several positions per agenda item, in order, each with its formatting.

An item's proposal was a lead sentence and clauses; it becomes an ordered list of proposed positions, each
cleaned rich text. The proposals already written are carried over word for word, the clauses as a
numbered list (``meetings.sanitize.text_to_html``). Items added to the agenda after its notes were
started get their notes. Positions get their place among the item's positions
and a formatted text; those recorded before keep their text and clauses and read as before. The sent and
approved versions are not touched: they print what they froze.

Like any migration that changes a guarded table, it lifts the guard around the change (see 0015): on
SQLite, rebuilding the agenda's table trips the guard's triggers on the positions, which name it.
"""

from django.db import migrations, models

import meetings.fields
from meetings.integrity import guarded_schema_change
from meetings.sanitize import html_to_text, text_to_html


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def proposals_forward(apps, schema_editor):
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    for item in AgendaItem.objects.exclude(proposal_text="", proposal_clauses="").iterator():
        item.proposals = [text_to_html(item.proposal_text, _lines(item.proposal_clauses))]
        item.save(update_fields=["proposals"])


def proposals_backward(apps, schema_editor):
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    for item in AgendaItem.objects.exclude(proposals=[]).iterator():
        item.proposal_text = "\n\n".join(html_to_text(html) for html in item.proposals)
        item.save(update_fields=["proposal_text"])


def notes_for_late_items(apps, schema_editor):
    """Items added after their meeting's notes were started had no notes (so no position could be taken on
    them): notes that are still being written get them now."""
    Minutes = apps.get_model("meetings", "Minutes")
    ItemNote = apps.get_model("meetings", "ItemNote")
    for minutes in Minutes.objects.filter(status__in=["draft", "returned"]):
        noted = ItemNote.objects.filter(minutes=minutes).values("item_id")
        items = minutes.meeting.agenda_items.exclude(pk__in=noted).exclude(kind="break")
        ItemNote.objects.bulk_create(ItemNote(minutes=minutes, item=item) for item in items)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0016_frozenitem_meeting_date"),
    ]

    operations = guarded_schema_change(
        migrations.AddField(
            model_name="agendaitem",
            name="proposals",
            field=models.JSONField(blank=True, default=list, verbose_name="proposed positions"),
        ),
        migrations.RunPython(proposals_forward, proposals_backward),
        migrations.RunPython(notes_for_late_items, migrations.RunPython.noop),
        migrations.RemoveField(model_name="agendaitem", name="proposal_clauses"),
        migrations.RemoveField(model_name="agendaitem", name="proposal_text"),
        migrations.AlterModelOptions(
            name="position",
            options={
                "ordering": ["-taken_on", "order", "pk"],
                "verbose_name": "position",
                "verbose_name_plural": "positions",
            },
        ),  # fmt: skip
        migrations.RemoveConstraint(model_name="position", name="position_one_working_copy_per_item"),
        migrations.RemoveConstraint(model_name="position", name="position_one_frozen_copy_per_item_and_version"),
        migrations.AddField(
            model_name="frozenitem",
            name="proposals",
            field=models.JSONField(blank=True, default=list, verbose_name="proposed positions"),
        ),
        migrations.AddField(
            model_name="position",
            name="order",
            field=models.PositiveSmallIntegerField(
                default=0, help_text="Its place among the positions taken on the same item.", verbose_name="order"
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="text_html",
            field=meetings.fields.SanitizedHTMLField(blank=True, verbose_name="position"),
        ),
        migrations.AlterField(
            model_name="position",
            name="text",
            field=models.TextField(verbose_name="position as plain text"),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.UniqueConstraint(
                condition=models.Q(("item__isnull", False), ("minutes_version__isnull", True)),
                fields=("item", "order"),
                name="position_working_copy_place_in_item",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.UniqueConstraint(
                condition=models.Q(("minutes_version__isnull", False)),
                fields=("item", "minutes_version", "order"),
                name="position_frozen_copy_place_in_item",
            ),
        ),
    )
