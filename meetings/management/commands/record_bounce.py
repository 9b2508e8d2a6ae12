"""Record a bounced notice mail: the mail server's delivery status notification, read from standard input.

Let the mail system hand the portal's bounces to it, e.g. in Postfix's aliases for the sender address:
``sro-bounces: "|/srv/sro/.venv/bin/python /srv/sro/manage.py record_bounce"``.
The secretary then sees the recipient as not reached, and can send to them again.
"""

import sys
from email import message_from_binary_file, policy

from django.core.management.base import BaseCommand

from meetings.services.notices import bounces_record


class Command(BaseCommand):
    help = "Record a bounced notice mail from a delivery status notification (RFC 3464) on standard input."

    def handle(self, *args, **options):
        message = message_from_binary_file(sys.stdin.buffer, policy=policy.compat32)
        marked = bounces_record(message)
        for delivery in marked:
            self.stdout.write(f"{delivery.email}: {delivery.error}")
        if not marked:
            self.stdout.write("No notice delivery matched the report.")
