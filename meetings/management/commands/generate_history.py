from django.core.management.base import BaseCommand

from meetings.demo.bulk import generate
from members.selectors import default_body


class Command(BaseCommand):
    help = "Add years of generated meetings, notes and positions (for measuring; not real SRO data)."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--first-year", type=int, default=2010)

    def handle(self, *args, years, first_year, **options):
        body = default_body()
        if body is None:
            self.stderr.write("Run load_demo first: the history is added to its body.")
            return
        counts = generate(body=body, years=years, first_year=first_year)
        self.stdout.write(", ".join(f"{value} {key}" for key, value in counts.items()))
