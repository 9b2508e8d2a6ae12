"""Delete alert subscriptions never confirmed within ALERT_UNCONFIRMED_DAYS: an address someone typed, perhaps not
its owner's, is not kept (run daily from cron or a systemd timer; asking for an alert also purges)."""

from django.core.management.base import BaseCommand

from alerts.services import subscriptions_purge_unconfirmed


class Command(BaseCommand):
    help = "Delete alert subscriptions not confirmed within ALERT_UNCONFIRMED_DAYS."

    def handle(self, *args, **options):
        count = subscriptions_purge_unconfirmed()
        self.stdout.write(f"{count} unconfirmed alert subscription(s) deleted.")
