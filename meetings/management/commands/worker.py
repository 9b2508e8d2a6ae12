"""``manage.py worker``: the background worker (django-tasks-db's ``db_worker``, same options) with a heartbeat, and
recovery of tasks whose worker died (``meetings.worker``). ``make run`` and the deployment's service start this."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from meetings.worker import Heartbeat


class Command(DbWorkerCommand):
    help = "Run the background worker: e-mails and PDFs, with a heartbeat; tasks of a worker that died run again"

    def handle(self, *args, **options):
        # With the reloader the worker runs in a child process: only it beats, under the id it claims tasks with.
        if options["reload"] and not options["batch"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            return super().handle(*args, **options)
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.once()  # recover before the first claim: the tasks of the worker this one replaces
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:  # a --batch run that ends (or a test that calls it) leaves no thread beating behind it
            heartbeat.stop()
