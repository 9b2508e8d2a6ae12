from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from meetings import hooks
from meetings.demo.loader import DEMO_MEMBER_EMAIL, DemoLoader, create_demo_users, demo_member


class Command(BaseCommand):
    help = "Load the real SRO (members 2019–2026, the notice of 6 March 2025, the notes of 19 October 2022)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--users",
            action="store_true",
            help="Also create demo accounts for a secretary, a chair and an administrator (DEBUG only).",
        )
        parser.add_argument(
            "--no-seal",
            action="store_true",
            help="Leave the demo's approved notes unsealed (the test suite, where sealing has tests of its own).",
        )

    def handle(self, *args, users=False, no_seal=False, **options):
        if users and not settings.DEBUG:
            raise CommandError("Demo accounts have known passwords: they are only created with DEBUG=true.")
        if no_seal:
            seal = {"SEAL_SIGNER": "", "SEAL_PKCS12_PATH": ""}
        elif settings.SEAL_SIGNER or settings.SEAL_PKCS12_PATH:
            seal = {}  # one's own seal, configured
        else:  # a demo chain of its own, clearly named as one (var/seal-demo/, which `make run` seals with too)
            seal = hooks.call("demo_seal_settings", settings.SEAL_DEMO_DIR)
        with override_settings(**seal):
            body = DemoLoader().load()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded for {body.name}."))
        if users:
            for username, password, role in create_demo_users():
                self.stdout.write(f"  {role:<12} user: {username:<12} password: {password}")
            if member := demo_member():
                self.stdout.write(f"  Mina möten   {member.name}: sign in at /my-meetings/sign-in/ with "
                                  f"{DEMO_MEMBER_EMAIL} (the link is printed in this console)")  # fmt: skip
