"""Middleware of the portal: cache headers and kept public pages, and the two-factor sign-in step."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
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


class PublicGZipMiddleware(GZipMiddleware):
    """Public pages and open data for visitors, compressed (a 648 KB API list, 200 KB pages).

    Only those: a page with a secret in it (a logged-in person's CSRF token) is never compressed, as
    Django's own documentation warns (BREACH). Static files come compressed from WhiteNoise already.
    """

    def process_response(self, request, response):
        user = getattr(request, "user", None)  # absent on a kept page: those are for visitors only
        if not _is_public(request) or (user and user.is_authenticated):
            return response
        return super().process_response(request, response)


def _is_public(request) -> bool:
    """A public page or open data: by the view that answered, or (a kept page, answered before any view)
    by its address."""
    match = request.resolver_match
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
    return match.namespace in PUBLIC_NAMESPACES


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


# Pages not kept: downloads (streamed from storage already) and search (its answers are countless).
NOT_KEPT = {"search", "attachment", "minutes_pdf", "notice_pdf", "compilation_pdf"}
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Vary", "Content-Language", "Access-Control-Allow-Origin")


class PublicPageCacheMiddleware:
    """Public pages rendered for anonymous visitors are kept and served again while nothing has changed.

    A kept page is found under the site's revision (``meetings.revision``), today's date and the full
    URL: one query for the revision, and no rendering, until the next change to any data.
    Visitors with a session (staff logged in) always get a freshly rendered page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PUBLIC_PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES or not self._may_be_kept(request.path_info):
            return self.get_response(request)
        key = f"page:{revision.current()}:{timezone.localdate():%Y%m%d}:{request.get_full_path()}"
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _may_be_kept(path: str) -> bool:
        """Only public pages are ever kept: anything else (staff, admin, downloads) needs no revision read."""
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return match.namespace in PUBLIC_NAMESPACES and match.url_name not in NOT_KEPT


class ServiceErrorMiddleware:
    """A domain error (``ServiceError``) that a view did not turn into a message itself becomes one, never a 500.

    After a POST the person is sent back to the page they came from (our own site only), with the message;
    on a GET there is nowhere to go back to, so the message is the page (409 Conflict).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from meetings.services import ServiceError
        from sro_portal.views import conflict_page

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
    """Someone who turned two-factor sign-in on reaches no staff or admin page before giving a code."""

    EXEMPT = {"two_factor_verify", "logout", "login"}

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
        if match.namespace not in ("staff", "admin") or match.url_name in self.EXEMPT:
            return None
        return redirect(f"{reverse('staff:two_factor_verify')}?{urlencode({'next': request.get_full_path()})}")
