from django.core.management.base import BaseCommand

from meetings import hooks
from meetings.demo.bulk import generate
from members.models import Body
from members.selectors import default_body


class Command(BaseCommand):
    help = "Add years of generated meetings, notes and positions (for measuring; not real SRO data)."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--first-year", type=int, default=2010)
        parser.add_argument("--body", default="", help="The short name of another body (made if there is none).")

    def handle(self, *args, years, first_year, body, **options):
        if body:
            found, _created = Body.objects.get_or_create(short_name=body, defaults={"name": f"{body} (genererad)"})
        else:
            found = default_body()
        if found is None:
            self.stderr.write("Run load_demo first: the history is added to its body.")
            return
        counts = generate(body=found, years=years, first_year=first_year)
        counts |= hooks.call("history_recommendations", body=found, first_year=first_year, years=years)
        self.stdout.write(", ".join(f"{value} {key}" for key, value in counts.items()))
