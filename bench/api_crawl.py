"""Benchmark: a client crawls the whole open-data API from System, at 10 years of data of two bodies.

Run with `make bench-crawl` (a throwaway PostgreSQL server). It builds the database: the demo data, 10 generated
years for SRO and 10 for a second body ("GB", with SRO's members of today as its members too): about 200
meetings, 3,000 agenda items and their files, papers and consultations. Then gunicorn with 2 workers (DEBUG off,
the page cache off, so every answer is made afresh), and one client that starts at /api/oparl/v1/ and follows every
URL of the API it finds, one request at a time, as an OParl crawler does; then the same with two requests at a time
(the server has two workers).

The figure asked for: the whole crawl in under 60 s. Beside it, in the same run, the time of the same number of
requests to a minimal Django view (a fixed string through the same middleware): the crawl's share of what the
machine could do at all, which stays comparable on a shared, noisy machine.
"""

import json
import re
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.server import analyze, build_database, gunicorn, manage, prepared_env
from tests.opendata.links import api_urls

SECOND_BODY = (
    "from members.models import Body, Membership\n"
    "from django.utils import timezone\n"
    "sro = Body.objects.get(short_name='SRO')\n"
    "gb, _ = Body.objects.get_or_create(short_name='GB', defaults={'name': 'Gemensam beredning'})\n"
    "for m in Membership.objects.on(timezone.localdate()).filter(body=sro):\n"
    "    m.pk, m.body = None, gb\n"
    "    m.save()\n"
)


def _route(url: str) -> str:
    """A URL's route: /api/oparl/v1/body/1/meeting/?page=3 → body/N/meeting/ (page)."""
    path, _, query = url.partition("/api/oparl/v1/")[2].partition("?")
    return re.sub(r"\d+", "N", path) + (" (page)" if "page=" in query else "")


def _fetch(url: str) -> tuple[str, dict, float]:
    began = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        answer = json.loads(response.read())
    return url, answer, time.perf_counter() - began


def crawl(base: str, clients: int = 1) -> tuple[float, int, Counter, Counter]:
    """Every API URL reachable from System, each fetched once, ``clients`` requests at a time (breadth first);
    returns (seconds, requests, objects by type, seconds by route)."""
    prefix = f"{base}/api/oparl/"
    start_url = f"{base}/api/oparl/v1/"
    seen, frontier, kinds, routes = {start_url}, [start_url], Counter(), Counter()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        while frontier:
            found = []
            for url, answer, took in pool.map(_fetch, frontier):
                routes[_route(url)] += took
                for obj in answer.get("data", [answer]):
                    kinds[obj["type"].rsplit("/", 1)[-1]] += 1
                for link in api_urls(answer, prefix):
                    if link not in seen:
                        seen.add(link)
                        found.append(link)
            frontier = found
    return time.perf_counter() - start, len(seen), kinds, routes


def minimal(base: str, count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        with urllib.request.urlopen(f"{base}/bench/minimal/", timeout=60) as response:
            response.read()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="sro-bench-crawl-") as workdir:
        env = prepared_env(Path(workdir))
        build_database(env, years=10)
        manage(env, "shell", "-c", SECOND_BODY)
        print("generated (GB):", manage(env, "generate_history", "--years", "10", "--body", "GB").strip())
        analyze(env)
        with gunicorn({**env, "PUBLIC_PAGE_CACHE": "false"}, workers=2) as (base, _server):
            crawl(base)  # warm-up: the workers' first requests, templates, connections
            seconds, requests, kinds, routes = crawl(base)
            baseline = minimal(base, requests)
            two, _requests, _kinds, _routes = crawl(base, clients=2)  # as many at a time as there are workers
        print(f"bodies: 2 (SRO and GB), 10 generated years each; objects: {dict(sorted(kinds.items()))}")
        print(
            f"crawl of the whole API from System, nothing kept: {seconds:.1f} s for {requests} requests one at a time "
            f"({1000 * seconds / requests:.1f} ms each); {two:.1f} s two at a time (the server has two workers); "
            f"target under 60 s: {'met' if seconds < 60 else 'met two at a time' if two < 60 else 'NOT met'}"
        )
        print("where the time goes:", ", ".join(f"{r} {t:.1f} s" for r, t in routes.most_common(8)))
        print(
            f"the same number of requests to a minimal view: {baseline:.1f} s "
            f"(the crawl takes {seconds / baseline:.1f} times as long)"
        )


if __name__ == "__main__":
    main()
