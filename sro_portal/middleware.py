"""Cache headers: the public site may be cached briefly and revalidated; everything else is private."""

from django.utils.cache import patch_cache_control, patch_vary_headers

PUBLIC_NAMESPACES = {"public", "api"}


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
        if response.has_header("Cache-Control") or request.method not in ("GET", "HEAD"):
            return response
        match = request.resolver_match
        public = match is not None and match.namespace in PUBLIC_NAMESPACES and response.status_code == 200
        user = getattr(request, "user", None)
        if public and not (user and user.is_authenticated):
            patch_cache_control(response, public=True, max_age=self.max_age)
            patch_vary_headers(response, ["Cookie"])
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response
