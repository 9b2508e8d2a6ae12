"""The members' area ("Mina möten"): sign in by a link by e-mail, the meetings one was called or invited to, and
every document of their sent notice, public or not. Someone may see a meeting or is told it does not exist (404)."""

from functools import wraps

from django.conf import settings
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from sesame.backends import ModelBackend as SesameBackend

from meetings.services.notices import notice_filename
from meetings.views.documents import attachment_response, verified_file_response
from mymeetings import selectors, services
from mymeetings.forms import SignInForm
from mymeetings.models import Download
from mymeetings.tasks import send_sign_in_link
from ratelimits.throttle import TooManyRequests, throttle
from sro_portal.client_ip import client_ip

PAST_PER_PAGE = 20
SESAME_BACKEND = "sesame.backends.ModelBackend"


def _safe_next(request, value) -> str:
    """A page of the members' area to go on to after signing in, or nothing."""
    value = (value or "").replace("\x00", "")
    prefix = reverse("mymeetings:home")
    allowed = url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}, require_https=False)
    return value if allowed and value.startswith(prefix) else ""


def member_required(view):
    """Signed in, and a person in the register; else on to signing in (with the page to come back to)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mymeetings:sign_in')}?{query}")
        person = selectors.person_of(request.user)
        if person is None:
            return render(request, "mymeetings/no_person.html", status=403)
        return view(request, person, *args, **kwargs)

    return wrapper


def sign_in(request):
    """Ask for a link by e-mail; or, with the link's token, sign in with one click on a button. A mail program
    that opens links to check them (a GET) does not use the link up: only the button (a POST) does."""
    token = (request.POST.get("sesame") or request.GET.get("sesame") or "").replace("\x00", "")[:500]
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if token:
        if request.method != "POST":
            return render(request, "mymeetings/sign_in_confirm.html", {"token": token, "next": next_url})
        # The link is checked by django-sesame's backend alone, not through authenticate(): a wrong link is no failed
        # password login, and must not lock out (django-axes) the address of a whole office, or anyone's account.
        user = SesameBackend().authenticate(request, sesame=token, scope=services.SCOPE)
        if user is None or services.is_staff_account(user):
            try:
                throttle(f"sign-in-wrong-link:{client_ip(request)}", limit=services.WRONG_LINKS_PER_CLIENT, seconds=900)
            except TooManyRequests:
                return _sign_in_page(request, SignInForm(initial={"next": next_url}), status=429, too_many_links=True)
            return _sign_in_page(request, SignInForm(initial={"next": next_url}), status=400, link_refused=True)
        login(request, user, backend=SESAME_BACKEND)  # changes the last login: the link cannot be used again
        return redirect(next_url or "mymeetings:home")
    if request.user.is_authenticated and selectors.person_of(request.user) and request.method != "POST":
        return redirect(next_url or "mymeetings:home")
    form = SignInForm(request.POST or None, initial={"next": next_url})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        try:
            throttle(f"sign-in:{client_ip(request)}", limit=services.LINKS_PER_CLIENT)
            throttle(f"sign-in:{email}", limit=services.LINKS_PER_EMAIL, seconds=900)
        except TooManyRequests:
            form.add_error(None, _("Too many links asked for. Try again in a while."))
            return _sign_in_page(request, form, status=429)
        send_sign_in_link.enqueue(email=email, next_url=next_url)  # the same work for any address: no timing tells
        return render(request, "mymeetings/sign_in_sent.html", {"email": email})
    return _sign_in_page(request, form, status=400 if form.errors else 200)


def _sign_in_page(request, form, *, status: int, **extra):
    context = {"form": form, "link_minutes": settings.SESAME_MAX_AGE // 60, **extra}
    return render(request, "mymeetings/sign_in.html", context, status=status)


@member_required
def home(request, person):
    today = timezone.localdate()
    mine = selectors.my_meetings(person, today=today)
    coming = [m for m in mine if m.meeting.date >= today]
    past = Paginator([m for m in reversed(mine) if m.meeting.date < today], PAST_PER_PAGE)
    page = past.get_page(request.GET.get("page"))
    return render(request, "mymeetings/home.html",
                  {"person": person, "coming": coming, "past": page, "page": page})  # fmt: skip


def _mine(person, pk) -> selectors.MyMeeting:
    mine = selectors.my_meeting(person, pk)
    if mine is None:
        raise Http404
    return mine


@member_required
def meeting(request, person, pk):
    mine = _mine(person, pk)
    services.record_opened(person=person, dispatch=mine.dispatch)
    documents = selectors.documents(mine.dispatch)
    states = selectors.pdf_states(documents)
    return render(request, "mymeetings/meeting.html", {
        "person": person, "mine": mine, "meeting": mine.meeting, "dispatch": mine.dispatch, "documents": documents,
        "not_accessible": {pk for pk, state in states.items() if state == selectors.NOT_ACCESSIBLE},
        "unreadable": {pk for pk, state in states.items() if state == selectors.UNREADABLE},
    })  # fmt: skip


@member_required
def notice_pdf(request, person, pk):
    mine = _mine(person, pk)
    dispatch = mine.dispatch
    filename = notice_filename(mine.meeting, dispatch.version)
    response = verified_file_response(dispatch.pdf, sha256=dispatch.pdf_sha256, filename=filename,
                                      content_type="application/pdf")  # fmt: skip
    services.record_download(person=person, user=request.user, dispatch=dispatch, document=Download.Document.NOTICE,
                             title=filename)  # fmt: skip
    return response


@member_required
def attachment(request, person, pk, attachment_pk):
    mine = _mine(person, pk)
    found = selectors.document(mine.dispatch, attachment_pk)
    if found is None:
        raise Http404
    doc, stored = found
    sha256 = doc.record.get("sha256")
    response = (
        verified_file_response(stored.file, sha256=sha256, filename=stored.download_name)
        if sha256
        else attachment_response(stored)
    )
    services.record_download(person=person, user=request.user, dispatch=mine.dispatch,
                             document=Download.Document.ATTACHMENT, title=doc.title, attachment_id=doc.id)  # fmt: skip
    return response


@member_required
def meeting_pdf(request, person, pk):
    mine = _mine(person, pk)
    whole = services.meeting_pdf(mine.dispatch)
    filename = services.meeting_pdf_filename(mine.meeting)
    response = HttpResponse(whole.content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    services.record_download(person=person, user=request.user, dispatch=mine.dispatch,
                             document=Download.Document.MEETING_PDF, title=filename)  # fmt: skip
    return response
