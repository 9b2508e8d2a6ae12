"""Work done out of the request: e-mails and the PDFs of public documents.

Each is a task of Django's tasks API (the ``django-tasks`` backport of Django 6's), queued in the
database (``django-tasks-db``) and run by ``manage.py worker``, which ``make run`` starts beside the
web server. A task that fails is tried again later (``RETRY_AFTER``), each try a result of its own, so
staff see every attempt, its state and its error at /staff/tasks/ (``meetings.selectors.tasks``).

What becomes part of the record stays in the request that makes it: the notice's PDF when it is sent and
the notes' PDF when the chair approves them (their SHA-256 is frozen in the same transaction).
"""

import datetime
import hashlib
import logging
import uuid
from contextlib import contextmanager
from email.utils import make_msgid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage, send_mail
from django.core.mail.utils import DNS_NAME
from django.utils import timezone
from django_tasks import task

from meetings.files import file_digests

logger = logging.getLogger(__name__)

# Seconds before the 2nd, 3rd, 4th and 5th try; then the task stays failed, for staff to see.
RETRY_AFTER = (30, 120, 600, 1800)


class NotToBeTriedAgain(Exception):
    """A failure that another try cannot mend (a stored file that is not the one recorded)."""


@contextmanager
def _tried_again_later(task_, attempt: int, *args, **kwargs):
    """Run the task's body; if it fails, queue the next try (with a delay) and let this one fail visibly."""
    try:
        yield
    except NotToBeTriedAgain:
        raise
    except Exception:
        if attempt <= len(RETRY_AFTER) and task_.get_backend().supports_defer:
            run_after = timezone.now() + datetime.timedelta(seconds=RETRY_AFTER[attempt - 1])
            task_.using(run_after=run_after).enqueue(*args, **kwargs, attempt=attempt + 1)
            logger.warning("%s failed (try %s), tried again at %s", task_.name, attempt, run_after, exc_info=True)
        raise


@task()
def send_notice_mail(
    *, dispatch_id: int, to: str, subject: str, body: str, pdf_name: str, ics: str, attempt=1, delivery_id=None
):
    """One recipient's notice: the text, the sent version's PDF (checked against its hash) and the calendar
    invitation. One task per recipient, so a retry never sends anyone the notice twice. Whether the mail
    server took it, or refused it and why, is recorded on the recipient's delivery."""
    from meetings.models import NoticeDelivery, NoticeDispatch

    kwargs = {"dispatch_id": dispatch_id, "to": to, "subject": subject, "body": body, "pdf_name": pdf_name, "ics": ics,
              "delivery_id": delivery_id}  # fmt: skip
    if delivery_id and NoticeDelivery.objects.filter(pk=delivery_id, status=NoticeDelivery.Status.SENT).exists():
        return to  # taken by the server on an earlier run, whose worker stopped before it could say so
    with _tried_again_later(send_notice_mail, attempt, **kwargs), _delivery_recorded(delivery_id):
        dispatch = NoticeDispatch.objects.get(pk=dispatch_id)
        with dispatch.pdf.open("rb") as stored:
            pdf = stored.read()
        if hashlib.sha256(pdf).hexdigest() != dispatch.pdf_sha256:
            raise NotToBeTriedAgain(f"The stored PDF of notice {dispatch_id} is not the one sent: not mailed")
        # A Message-ID of our own, kept on the delivery: a bounce that comes back later names it.
        message_id = make_msgid(domain=DNS_NAME)
        NoticeDelivery.objects.filter(pk=delivery_id).update(message_id=message_id)
        message = EmailMessage(subject=subject, body=body, to=[to], headers={"Message-ID": message_id})
        message.attach(pdf_name, pdf, "application/pdf")
        message.attach("kallelse.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")
        message.send()
    return to


@contextmanager
def _delivery_recorded(delivery_id):
    """Record the outcome of one recipient's sending: accepted, or failed with the error (a retry may follow)."""
    from django.db.models import F

    from meetings.models import NoticeDelivery

    rows = NoticeDelivery.objects.filter(pk=delivery_id)
    try:
        yield
    except Exception as error:
        rows.update(status=NoticeDelivery.Status.FAILED, error=str(error)[:300], attempts=F("attempts") + 1,
                    updated_at=timezone.now())  # fmt: skip
        raise
    rows.update(status=NoticeDelivery.Status.SENT, error="", attempts=F("attempts") + 1, updated_at=timezone.now())


def mail_enqueue(*, to: list[str], subject: str, body: str, headers=None, body_id: int | None = None) -> None:
    """A plain e-mail to each address, each its own message and its own task (``send_plain_mail``): a retry or a
    run after a worker died sends only what was not sent. ``body_id``: the body the mail is about, so that only its
    secretaries see it on the task page (none: a mail to the public, seen by administrators alone)."""
    for address in to:
        send_plain_mail.enqueue(subject=subject, body=body, to=[address], headers=headers, body_id=body_id,
                                key=str(uuid.uuid4()))  # fmt: skip


@task()
def send_plain_mail(*, subject: str, body: str, to: list[str], attempt=1, headers=None, body_id=None, key=None):
    """A plain e-mail (the notes sent to the chair, say) to the given address, with extra headers if any (an
    alert's List-Unsubscribe). Sent at most once per ``key``: the key is recorded when the server has taken it."""
    from meetings.models import SentMail

    kwargs = {"subject": subject, "body": body, "to": to, "headers": headers, "body_id": body_id, "key": key}
    with _tried_again_later(send_plain_mail, attempt, **kwargs):
        if key and SentMail.objects.filter(key=key).exists():
            return 0  # taken by the server on an earlier run, whose worker stopped before it could say so
        if headers:
            EmailMessage(subject=subject, body=body, to=to, headers=headers).send()
        else:
            send_mail(subject, body, None, to)
        if key:
            SentMail.objects.create(key=key)
    return len(to)


@task()
def remind_reviewers(*, minutes_id: int, round: int):
    """The chair's reminder, some days after the notes were sent to her (``services.minutes.remind_reviewers``)."""
    from meetings.services.minutes import remind_reviewers as remind

    return remind(minutes_id=minutes_id, round=round)


@task()
def render_stored_pdf(*, html_name: str, pdf_name: str, attempt=1):
    """A public document's PDF, made from its HTML (stored beside it by ``meetings.pdf.stored_pdf_from_html``)."""
    from meetings.pdf import html_to_pdf, one_render_at_a_time

    with _tried_again_later(render_stored_pdf, attempt, html_name=html_name, pdf_name=pdf_name):
        digest = pdf_name.rsplit("/", 1)[-1].removesuffix(".pdf")
        with one_render_at_a_time(digest):
            if not default_storage.exists(pdf_name):  # else made meanwhile by another try or a request
                with default_storage.open(html_name, "rb") as source:
                    html = source.read().decode()
                default_storage.save(pdf_name, ContentFile(html_to_pdf(html)))
        default_storage.delete(html_name)
    return pdf_name


@task()
def make_public_notice_pdf(*, dispatch_id: int, attempt=1):
    """The public PDF of a sent notice, made ahead of the first reader, its size and SHA-512 recorded."""
    from meetings.models import NoticeDispatch, PublicNoticePdf
    from meetings.pdf import stored_pdf_made_here

    with _tried_again_later(make_public_notice_pdf, attempt, dispatch_id=dispatch_id):
        dispatch = NoticeDispatch.objects.filter(pk=dispatch_id).only("pk", "public_pdf_html").first()
        if dispatch is None or not dispatch.public_pdf_html:  # gone with its meeting
            return None
        name = stored_pdf_made_here(dispatch.public_pdf_html, folder="notices")
        with default_storage.open(name, "rb") as stored:
            digests, size = file_digests(stored, "sha512")
        made = {"name": name, "size": size, "sha512": digests["sha512"]}
        PublicNoticePdf.objects.update_or_create(dispatch=dispatch, defaults=made)
    return dispatch_id


@task()
def read_document_text(*, attachment_id: int, attempt=1):
    """An uploaded attachment's text, read for search (``meetings.documents``)."""
    from meetings.documents import read_text
    from meetings.models import Attachment

    with _tried_again_later(read_document_text, attempt, attachment_id=attachment_id):
        attachment = Attachment.objects.filter(pk=attachment_id).first()
        if attachment is None:
            return None  # deleted since: nothing to read
        return read_text(attachment).state
