"""Middleware of the portal: cache headers and kept public pages, and the two-factor sign-in step."""

import hashlib
import logging
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, SuspiciousOperation
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from meetings import revision
from meetings.services.two_factor import SECOND_STEP_PENDING

PUBLIC_NAMESPACES = {"public", "api"}
logger = logging.getLogger(__name__)


class PublicGZipMiddleware(GZipMiddleware):
    """Public pages and open data for visitors, compressed (a 648 KB API list, 200 KB pages).

    Only those: a page with a secret in it (a logged-in person's CSRF token) is never compressed, as
    Django's own documentation warns (BREACH). Static files come compressed from WhiteNoise already.
    """

    def process_response(self, request, response):
        user = getattr(request, "user", None)  # absent on a kept page: those are for visitors only
        if _public_match(request) is None or (user and user.is_authenticated):
            return response
        return super().process_response(request, response)


def _public_match(request):
    """The URL match of a public page or open data, else None. Resolved once per request: by Django for the
    view that answers, or here for a kept page (answered before any view), and remembered on the request."""
    match = request.resolver_match
    if match is None:
        try:
            match = request.resolver_match = resolve(request.path_info)
        except Resolver404:
            return None
    return match if match.namespace in PUBLIC_NAMESPACES else None


class CacheHeadersMiddleware:
    """Public pages for visitors: ``public, max-age`` (with ETags from ConditionalGetMiddleware, a repeat
    visit is a 304). Staff pages, and public pages seen by someone logged in: ``private, no-cache``.

    A draft never reaches a public page, so what a shared cache keeps is published anyway; the short
    lifetime bounds how long a newly published correction takes to reach every reader.
    """

    def __init__(self, get_response, max_age: int = 60):
        self.get_response = get_response
        self.max_age = max_age

    def __call__(self, request):
        response = self.get_response(request)
        # The site is in Swedish only: it says so, and varies by no language (no Vary: Accept-Language).
        response.setdefault("Content-Language", settings.LANGUAGE_CODE)
        if response.has_header("Cache-Control") or request.method not in ("GET", "HEAD"):
            return response
        match = request.resolver_match
        public = match is not None and match.namespace in PUBLIC_NAMESPACES and response.status_code == 200
        user = getattr(request, "user", None)
        if public and not (user and user.is_authenticated):
            # A shared cache (nginx, a CDN) may serve it for a while longer while it fetches the new one.
            patch_cache_control(response, public=True, max_age=self.max_age, stale_while_revalidate=self.max_age // 2)
            patch_vary_headers(response, ["Cookie"])
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response


# Pages not kept: downloads (streamed from storage already). Searches are kept like any page: the common
# ones are asked again and again, and the cache's own bound (entries, lifetime) keeps the rare ones in check.
NOT_KEPT = {"attachment", "minutes_pdf", "notice_pdf", "compilation_pdf"}
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Vary", "Content-Language", "Access-Control-Allow-Origin")


class PublicPageCacheMiddleware:
    """Public pages rendered for anonymous visitors are kept in Django's cache and served again while the
    public record is unchanged.

    A kept page is found under the public record's revision (``meetings.revision``: one query), the host,
    today's date and the full URL. A change to the secretary's working copy does not touch the revision,
    so the readers keep their kept pages while staff work; a change to what the public reads makes every
    kept page old at once, in every worker and on every app server (they read the same number), and the
    next request renders afresh. The pages themselves live in Redis when ``CACHE_URL`` is set (shared), in
    each worker's bounded memory otherwise.

    Someone signed in always gets a freshly rendered page. A session cookie alone is not enough: one that
    names no signed-in session (a made-up or expired one) gets the kept page like anybody else.
    If the cache cannot be reached, the page is rendered as if nothing were kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PUBLIC_PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        match = _public_match(request)
        if match is None or match.url_name in NOT_KEPT or _signed_in_or_has_messages(request):
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 for it
        # The scheme too: a page read over http names http:// in its absolute links, and is not what https serves.
        raw = f"{revision.current()}:{timezone.localdate():%Y%m%d}:{request.scheme}:{host}:{request.get_full_path()}"
        key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
        kept = _cache_call(cache.get, key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return response
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and len(response.content) <= settings.PUBLIC_PAGE_CACHE_MAX_BYTES
        ):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            _cache_call(cache.set, key, (response.content, headers), settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response


def _signed_in_or_has_messages(request) -> bool:
    """Whether the request's session cookie names a signed-in session, or one with a message waiting to be
    shown (one query, only for requests that bring a session cookie)."""
    if CookieStorage.cookie_name in request.COOKIES:
        return True
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    # Kept on the request: SessionMiddleware takes this one, read once, rather than reading it again.
    session = request._session_read = import_module(settings.SESSION_ENGINE).SessionStore(key)
    return session.get(SESSION_KEY) is not None or bool(session.get("_messages"))


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a session the page cache has already read for this request is used as it is,
    not read from the database a second time."""

    def process_request(self, request):
        read = request.__dict__.pop("_session_read", None)
        if read is None:
            return super().process_request(request)
        request.session = read
        return None


def _cache_call(method, *args):
    """A call to the cache that never fails the request: a Redis that cannot be reached means a page
    rendered afresh (and a line in the log), not an error page."""
    try:
        return method(*args)
    except Exception:  # the backend's own errors (redis.ConnectionError, timeouts) have no common base
        logger.warning("The page cache could not be reached", exc_info=True)
        return None


class ServiceErrorMiddleware:
    """A domain error (``ServiceError``) that a view did not turn into a message itself becomes one, never a 500.
    A PDF still being made in the background (``PdfPending``) is a 503 that asks the visitor to reload.

    After a POST the person is sent back to the page they came from (our own site only), with the message;
    on a GET there is nowhere to go back to, so the message is the page (409 Conflict).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from meetings.pdf import PdfPending
        from meetings.services import ServiceError
        from sro_portal.views import conflict_page, pdf_pending_page

        if isinstance(exception, PdfPending):
            return pdf_pending_page(request)
        if not isinstance(exception, ServiceError):
            return None
        if request.method != "POST":
            return conflict_page(request, str(exception))
        messages.error(request, str(exception))
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):  # fmt: skip
            back = request.path
        return redirect(back)


class TwoFactorMiddleware:
    """Someone who turned two-factor sign-in on reaches no page that shows documents before giving a code: no staff
    or admin page, and not "Mina möten" either (a password alone would open every non-public attachment there)."""

    EXEMPT = {"two_factor_verify", "logout", "login", "sign_in"}
    GUARDED = ("staff", "admin", "mymeetings")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated and request.session.get(SECOND_STEP_PENDING)):
            return None
        if user.is_verified():
            return None
        match = request.resolver_match
        if match.namespace not in self.GUARDED or match.url_name in self.EXEMPT:
            return None
        return redirect(f"{reverse('staff:two_factor_verify')}?{urlencode({'next': request.get_full_path()})}")


class AdminNullCharactersMiddleware:
    """A NUL in the admin's query string (a list filter, the autocomplete's term) is a bad request (400): PostgreSQL
    refuses it inside a query, which Django's admin does not catch (it was a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:
            self.prefix = reverse("admin:index")
        if request.path.startswith(self.prefix) and any(
            "\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values
        ):
            raise SuspiciousOperation("A NUL character in the admin's query string")
        return self.get_response(request)
