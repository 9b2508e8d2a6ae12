"""Benchmark: the public recommendation page and the register of recommendations at 30 years of history, beside the
positions register at the same size, in one run.

Run with `make bench-recommendations-public` (a throwaway PostgreSQL server). It loads the demo, generates 30 years
of meetings (``meetings.demo.bulk.generate``: 300 meetings, 9,000 positions) and, as ``generate_history`` does, two
recommendations a year sent to the 50 parties, most of them answered (``recommendations.demo.generate_history``).
Then, in one process with DEBUG off and nothing
kept between requests (PUBLIC_PAGE_CACHE=false), it requests in turn the positions register of 2015, the register
of recommendations, the newest and the oldest recommendation's page and one party's page, BENCH_REQUESTS times each
(default 60), and prints each page's queries, median and 95th percentile. The figure asked: each recommendation
page's p95 within the positions register's own p95 at the same size; query counts equal at 1 recommendation and at
60 (tests/recommendations/test_public.py and tests/test_query_counts.py pin them)."""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.update({
    "DJANGO_SETTINGS_MODULE": "sro_portal.settings", "DEBUG": "false", "PUBLIC_PAGE_CACHE": "false",
    "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz", "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false", "BEHIND_HTTPS_PROXY": "false", "SECURE_COOKIES": "false", "LOG_LEVEL": "WARNING",
})  # fmt: skip
os.environ.setdefault("MEDIA_ROOT", "/tmp/sro-bench-recommendations/media")
os.environ.setdefault("STATIC_ROOT", "/tmp/sro-bench-recommendations/static")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

YEARS = int(os.environ.get("BENCH_YEARS", "30"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "60"))
FIRST_YEAR = 1996


def measure(client: Client, urls: dict[str, str]) -> dict[str, tuple[int, float, float]]:
    """Each page in turn, REQUESTS rounds: (queries, median ms, p95 ms)."""
    times = {name: [] for name in urls}
    queries = {}
    for name, url in urls.items():  # warm: templates compiled, connections open
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        queries[name] = len(captured)
    for _ in range(REQUESTS):
        for name, url in urls.items():
            start = time.perf_counter()
            client.get(url)
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: (queries[name], statistics.median(values), statistics.quantiles(values, n=20)[-1])
            for name, values in times.items()}  # fmt: skip


def main():
    from meetings import hooks
    from meetings.demo.bulk import generate
    from members.models import Body
    from recommendations.models import Principal, Recommendation

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0, no_seal=True)
    body = Body.objects.get(short_name="SRO")
    print("generated:", generate(body=body, years=YEARS, first_year=FIRST_YEAR), flush=True)
    # The recommendations as generate_history makes them (recommendations.demo.generate_history, through its hook).
    made = hooks.call("history_recommendations", body=body, first_year=FIRST_YEAR, years=YEARS)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"recommendations: {made}; built in {time.perf_counter() - started:.0f} s", flush=True)
    newest = Recommendation.objects.order_by("-position__taken_on").first()
    oldest = Recommendation.objects.order_by("position__taken_on").first()
    party = Principal.objects.get(common_name="Mölndal")
    urls = {
        "positions register (2015)": "/positions/?year=2015",
        "register of recommendations (50 a page)": "/recommendations/",
        "register of recommendations (2015)": "/recommendations/?year=2015",
        "newest recommendation": f"/recommendations/{newest.pk}/",
        "oldest recommendation": f"/recommendations/{oldest.pk}/",
        "one party's decisions": f"/recommendations/party/{party.pk}/",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    results = measure(client, urls)
    print(f"\n{datetime.date.today()}, {YEARS} years, {REQUESTS} requests each, in turn, on {connection.vendor}")
    print(f"{'page':38} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
    for name, (count, median, p95) in results.items():
        print(f"{name:38} {count:7d} {median:10.1f} {p95:8.1f}")
    own = results["positions register (2015)"][2]
    worst = max(p95 for name, (_c, _m, p95) in results.items() if name != "positions register (2015)")
    print(f"\nslowest recommendation page p95 {worst:.1f} ms against the positions register's {own:.1f} ms: "
          f"{'within' if worst <= own else 'NOT within'} ({worst / own:.0%})")  # fmt: skip


if __name__ == "__main__":
    main()
