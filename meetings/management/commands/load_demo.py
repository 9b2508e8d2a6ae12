from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meetings.demo.loader import DemoLoader, create_demo_users


class Command(BaseCommand):
    help = "Load the real SRO (members 2019–2026, the notice of 6 March 2025, the notes of 19 October 2022)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--users",
            action="store_true",
            help="Also create demo accounts for a secretary, a chair and an administrator (DEBUG only).",
        )

    def handle(self, *args, users=False, **options):
        if users and not settings.DEBUG:
            raise CommandError("Demo accounts have known passwords: they are only created with DEBUG=true.")
        body = DemoLoader().load()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded for {body.name}."))
        if users:
            for username, password, role in create_demo_users():
                self.stdout.write(f"  {role:<12} user: {username:<12} password: {password}")
