"""The visitor's address, for counting failed logins (django-axes).

Without a proxy it is REMOTE_ADDR. Behind PROXY_COUNT proxies of our own (nginx, a load balancer),
each appends the address it saw to X-Forwarded-For, so the visitor is the PROXY_COUNT-th address from
the end: what a visitor writes into the header themselves comes before it and is never used.
"""

from django.conf import settings


def client_ip(request) -> str:
    count = settings.PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
