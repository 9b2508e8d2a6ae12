from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.package import write_package
from archive.validate import validate
from members.models import Body


class Command(BaseCommand):
    help = "Write a year of the record as an archival package (E-ARK CSIP / FGS 2.0 SIP), and check it."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--body", default="", help="The body's short name (default: the first body).")
        parser.add_argument("--output", default="", help="Where to write the package (default: var/archive).")

    def handle(self, *args, year, body, output, **options):
        bodies = Body.objects.order_by("pk")
        found = bodies.filter(short_name=body).first() if body else bodies.first()
        if found is None:
            raise CommandError(f"No body {body!r}.")
        into = Path(output) if output else Path(settings.BASE_DIR) / "var" / "archive"
        package = write_package(body=found, year=year, into=into)
        problems = validate(package.root)
        for name in package.left_out:
            self.stderr.write(f"left out (the stored file is not the one recorded): {name}")
        if problems:
            raise CommandError("The package breaks its rules:\n" + "\n".join(problems))
        self.stdout.write(f"{package.root} ({len(package.files)} files): checked, no problem found")
