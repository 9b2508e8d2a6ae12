from django.core.management.base import BaseCommand

from meetings.models import NoticeDispatch
from meetings.tasks import make_public_notice_pdf


class Command(BaseCommand):
    help = ("Make the public PDF of every sent notice that has none recorded yet (sent before an upgrade), with its "
            "size and SHA-512 for the open data.")  # fmt: skip

    def handle(self, *args, **options):
        missing = NoticeDispatch.objects.filter(public_pdf__isnull=True).exclude(public_pdf_html="")
        count = 0
        for dispatch_id in missing.values_list("pk", flat=True).iterator():
            make_public_notice_pdf.call(dispatch_id=dispatch_id)
            count += 1
        self.stdout.write(f"{count} public notice PDFs made")
