import tempfile
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.validate import validate


class Command(BaseCommand):
    help = "Check an archival package (its folder, or the ZIP the staff page gives) against the package's rules."

    def add_arguments(self, parser):
        parser.add_argument("package", help="The package's root folder, or a ZIP of it.")

    def handle(self, *args, package, **options):
        path = Path(package)
        if path.is_file() and zipfile.is_zipfile(path):
            with tempfile.TemporaryDirectory() as unpacked, zipfile.ZipFile(path) as archive:
                archive.extractall(unpacked)
                [root] = [p for p in Path(unpacked).iterdir() if p.is_dir()] or [Path(unpacked)]
                return self._report(root)
        if not path.is_dir():
            raise CommandError(f"{package}: neither a package folder nor a ZIP file.")
        return self._report(path)

    def _report(self, root: Path):
        problems = validate(root)
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(f"{root.name}: every rule followed, every file's SHA-256 as listed")
