"""The parties and channels SRO's recommendations go to: facts the portal ships (``recommendations.parties``)."""

from django.db import migrations


def ship(apps, schema_editor):
    from recommendations.parties import ship

    ship(apps)


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]

    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
