"""The parties and channels SRO's recommendations go to: facts the portal ships (``recommendations.parties``)."""

from django.db import migrations


def ship(apps, schema_editor):
    from recommendations.parties import ASSOCIATIONS, OFFICIAL_NAMES, REGION, VASTKOM

    Channel = apps.get_model("recommendations", "Channel")
    Principal = apps.get_model("recommendations", "Principal")
    Channel.objects.update_or_create(
        name=VASTKOM, defaults={"common_name": VASTKOM, "short_name": VASTKOM, "answers_for_all": True, "sort_order": 0}
    )
    Principal.objects.update_or_create(
        name=REGION, defaults={"common_name": REGION, "kind": "region", "group": None, "sort_order": 0}
    )
    order = 1
    for channel_order, (name, (common, short, municipalities)) in enumerate(ASSOCIATIONS.items(), start=1):
        channel, _ = Channel.objects.update_or_create(
            name=name, defaults={"common_name": common, "short_name": short, "sort_order": channel_order}
        )
        for municipality in municipalities:
            Principal.objects.update_or_create(
                name=OFFICIAL_NAMES[municipality],
                defaults={"common_name": municipality, "kind": "municipality", "group": channel, "sort_order": order},
            )
            order += 1


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]

    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
