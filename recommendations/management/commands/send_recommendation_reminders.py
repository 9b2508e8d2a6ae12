"""Today's reminders to the parties that have not reported a decision on a recommendation whose date to answer by is
near (RECOMMENDATION_REMINDER_DAYS). Safe to run as often as liked (from cron, say): nobody is reminded twice."""

from django.core.management.base import BaseCommand

from recommendations.services import recommendation_reminders_send


class Command(BaseCommand):
    help = "Queue today's reminders to the parties that have not reported a decision on a recommendation."

    def handle(self, *args, **options):
        count = recommendation_reminders_send()
        self.stdout.write(f"{count} reminders queued.")
