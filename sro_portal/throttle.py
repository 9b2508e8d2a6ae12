"""A count of requests per key in Django's cache, for the public forms that send mail (alerts, sign-in links)."""

from django.core.cache import cache


class TooManyRequests(Exception):
    pass


def throttle(key: str, *, limit: int, seconds: int = 3600) -> None:
    """Count one more request for ``key``; refuse once the limit is passed within the window."""
    name = f"throttle:{key}"
    cache.add(name, 0, seconds)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, seconds)
        count = 1
    if count > limit:
        raise TooManyRequests
