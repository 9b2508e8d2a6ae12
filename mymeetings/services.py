"""The members' area: signing in with a link by e-mail, what was opened and downloaded, the meeting as one PDF.

Signing in: whoever may see at least one meeting asks for a link with their address; the link (django-sesame,
scoped to this area) is valid SESAME_MAX_AGE and once: signing in changes the account's last login, which every
earlier link was bound to. Nobody needs a password. A person whose account belongs to staff (a password, a role)
is told to sign in with it instead: a mailed link never opens a staff account.
"""

from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from sesame.utils import get_token

from meetings.files import verified_bytes
from meetings.models import Meeting, NoticeDelivery, NoticeDispatch
from meetings.pdf_merge import Part, conformance, merge_pdfs
from members.models import Person
from mymeetings.models import Download
from mymeetings.selectors import Document, documents, entitled_meetings

SCOPE = "mymeetings"
# Links asked for: per address in a quarter of an hour, and per address of the internet in an hour.
LINKS_PER_EMAIL = 3
LINKS_PER_CLIENT = 10
# Wrong (old, used, forged) links tried from one address of the internet in a quarter of an hour, at most.
WRONG_LINKS_PER_CLIENT = 20


def is_staff_account(user) -> bool:
    """An account with a password or a role: it signs in with its password (and second step), never by link."""
    return user.has_usable_password() or user.is_staff or user.is_superuser or user.groups.exists()


def member_account(person: Person):
    """The person's account for the members' area, made on first use: no password, no role. Two first requests at
    once (two workers) make one account: the person's row is locked and read again before one is made."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.user_id:
            return person.user
        return _new_member_account(person)


def _new_member_account(person: Person):
    User = get_user_model()
    username = f"person-{person.pk}"
    while User.objects.filter(username=username).exists():
        username += "-1"
    user = User(username=username, first_name=person.first_name[:150], last_name=person.last_name[:150],
                email=person.email)  # fmt: skip
    user.set_unusable_password()
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    return user


def sign_in_link(user, next_url: str = "") -> str:
    query = {"sesame": get_token(user, scope=SCOPE)}
    if next_url:
        query["next"] = next_url
    return f"{settings.SITE_URL}{reverse('mymeetings:sign_in')}?{urlencode(query)}"


@transaction.atomic
def request_sign_in(*, email: str, next_url: str = "") -> bool:
    """Mail a sign-in link to the person with this address, if they may see at least one meeting. Returns whether
    a mail was queued; the page says the same either way, so that nobody learns who is in the register."""
    today = timezone.localdate()
    for person in Person.objects.filter(email__iexact=email.strip()).select_related("user"):
        if not entitled_meetings(person, today).exists():
            continue
        if person.user_id and is_staff_account(person.user):
            query = urlencode({"next": next_url or reverse("mymeetings:home")})
            link = f"{settings.SITE_URL}{reverse('staff:login')}?{query}"
            template = "mymeetings/emails/use_password.txt"
        else:
            link = sign_in_link(member_account(person), next_url)
            template = "mymeetings/emails/sign_in.txt"
        body = render_to_string(template, {"person": person, "link": link,
                                           "minutes": settings.SESAME_MAX_AGE // 60})  # fmt: skip
        transaction.on_commit(partial(_mail, person.email, body))
        return True
    return False


def _mail(to: str, body: str) -> None:
    from meetings.tasks import mail_enqueue

    mail_enqueue(subject=_("Sign in to My meetings on the SRO portal"), body=body, to=[to])


def record_opened(*, person: Person, dispatch: NoticeDispatch) -> None:
    """The first time the person opens the meeting in the members' area, on their delivery of that version."""
    NoticeDelivery.objects.filter(dispatch=dispatch, person=person, opened_at__isnull=True).update(
        opened_at=timezone.now()
    )


def record_download(*, person: Person, user, dispatch: NoticeDispatch, document: str, title: str,
                    attachment_id: int | None = None) -> Download:  # fmt: skip
    return Download.objects.create(person=person, user=user, name=person.name, meeting_id=dispatch.meeting_id,
                                   dispatch=dispatch, document=document, title=title[:300],
                                   attachment_id=attachment_id)  # fmt: skip


def meeting_pdf_filename(meeting: Meeting) -> str:
    return f"Möte {meeting.body.short_name} {meeting.date:%Y-%m-%d}.pdf"


@dataclass
class MeetingPdf:
    """The whole meeting as one PDF, and what the page says of it."""

    content: bytes
    left_out: list[Document]  # not PDF files, or unreadable: fetched one by one
    not_accessible: list[str]  # the attachments in it that are not tagged as PDF/UA-1: sent as they came
    pdf_ua: bool  # the whole claims PDF/UA-1 (every part does)


def meeting_pdf(dispatch: NoticeDispatch) -> MeetingPdf:
    """The whole meeting as one PDF: the notice as sent, then each PDF attachment in agenda order, with bookmarks
    (the notice, its own headings under it; each item, its attachments under it). The notice's tags, language and
    metadata are kept and each tagged attachment's tags with them (``meetings.pdf_merge``); an attachment that is not
    accessible says so in its bookmark, and the whole claims PDF/UA-1 (and PDF/A-2b) only if every part does."""
    from meetings.models import Attachment

    parts, left_out = [], []
    notice = verified_bytes(dispatch.pdf, dispatch.pdf_sha256)
    if notice is not None:
        parts.append(Part(notice, _("Notice")))
    sent = documents(dispatch)
    stored = Attachment.objects.in_bulk([doc.id for doc in sent])
    doc_of = {}
    for doc in sent:
        attachment = stored.get(doc.id)
        try:
            content = None
            if attachment is not None and doc.is_pdf:
                content = verified_bytes(attachment.file, doc.record.get("sha256", ""))
        except OSError:  # gone from storage: left out, named on the page, and the rest still comes
            content = None
        if content is None:
            left_out.append(doc)
            continue
        accessible = (found := conformance(content)) is not None and found.accessible
        title = (
            doc.title
            if accessible
            else _("%(title)s (not made accessible: ask the secretary for an accessible version)")
            % {"title": doc.title}
        )
        parts.append(part := Part(content, title, group=doc.item.heading))
        doc_of[id(part)] = doc
    title = f"{dispatch.meeting.body.short_name} {dispatch.meeting.date:%Y-%m-%d}"
    merged = merge_pdfs(parts, title=title)
    left_out += [doc_of[id(part)] for part in merged.unreadable if id(part) in doc_of]
    left_out.sort(key=sent.index)
    not_accessible = [doc_of[id(part)].title for part in merged.not_accessible if id(part) in doc_of]
    return MeetingPdf(content=merged.content, left_out=left_out, not_accessible=not_accessible, pdf_ua=merged.pdf_ua)
