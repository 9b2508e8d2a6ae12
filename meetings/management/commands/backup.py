from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from meetings.backup import backup


class Command(BaseCommand):
    help = "Write the database and every stored file (attachments, PDFs) to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="The archive to write (default: sro-backup-<time>.tar.gz).")

    def handle(self, *args, output, **options):
        output = output or Path(f"sro-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        manifest = backup(output)
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"{output}: {rows} rows, {len(manifest['files'])} files")
