"""A count of requests per key in a store every worker and server shares, for the public forms that send mail
(alerts, sign-in links) or cost a process (checking a document).

With CACHE_URL (Redis), the count is Redis's atomic increment; otherwise a row in the database (``ratelimits``),
never the default cache, which lives in each worker's own memory and would allow each worker the whole limit."""

import datetime
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone


class TooManyRequests(Exception):
    pass


def throttle(key: str, *, limit: int, seconds: int = 3600) -> None:
    """Count one more request for ``key`` within a window of ``seconds``; refuse once the limit is passed."""
    count = _count_in_cache(key, seconds) if settings.CACHE_URL else _count_in_database(key, seconds)
    if count > limit:
        raise TooManyRequests


def counted(key: str, *, seconds: int = 3600) -> int:
    """How many were counted for ``key`` in the current window, counting none (for limits on failures only)."""
    if settings.CACHE_URL:
        return cache.get(_cache_name(key, seconds)) or 0
    from ratelimits.models import Counter

    found = Counter.objects.filter(digest=_digest(key, seconds), window=int(time.time() // seconds))
    return found.values_list("count", flat=True).first() or 0


def _cache_name(key: str, seconds: int) -> str:
    return f"throttle:{seconds}:{hashlib.sha256(key.encode()).hexdigest()}"


def _digest(key: str, seconds: int) -> str:
    return hashlib.sha256(f"{seconds}:{key}".encode()).hexdigest()


def _count_in_cache(key: str, seconds: int) -> int:
    name = _cache_name(key, seconds)
    cache.add(name, 0, seconds)
    try:
        return cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, seconds)
        return 1


def _count_in_database(key: str, seconds: int) -> int:
    from ratelimits.models import Counter

    digest = _digest(key, seconds)
    window = int(time.time() // seconds)
    rows = Counter.objects.filter(digest=digest, window=window)
    with transaction.atomic():
        if not rows.update(count=F("count") + 1):
            expires = timezone.now() + datetime.timedelta(seconds=seconds)
            try:
                with transaction.atomic():
                    Counter.objects.create(digest=digest, window=window, count=1, expires_at=expires)
                # A new window: the windows that are over go, so the table holds only what still counts.
                Counter.objects.filter(expires_at__lt=timezone.now()).delete()
                return 1
            except IntegrityError:  # another request made the row at the same moment
                rows.update(count=F("count") + 1)
        return rows.values_list("count", flat=True).get()
