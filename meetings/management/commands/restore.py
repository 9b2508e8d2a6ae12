from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore an archive written by `backup` into an empty, migrated installation, and check it."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        try:
            manifest = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Återställt och kontrollerat: {rows} rader, {len(manifest['files'])} filer.")
