from django.core.management.base import BaseCommand

from meetings.documents import read_missing


class Command(BaseCommand):
    help = "Read the text of every attachment not read yet (after an upgrade), for the public search."

    def handle(self, *args, **options):
        self.stdout.write(f"{read_missing()} attachments read")
