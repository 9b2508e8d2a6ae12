"""Benchmark: the public site on 10 years of generated data, under gunicorn with 2 workers.

Run with `make bench-site` (a throwaway PostgreSQL server; wrk from Debian's packages). It builds the
database (demo data + 100 generated meetings, 1,500 agenda items, 3,000 positions), starts gunicorn
with 2 workers and DEBUG off, and measures side by side in one run:

- requests per second of a minimal Django view (a fixed string), the meeting archive and a meeting
  page, with wrk; the figure asked for is at least a quarter of the minimal view's for both pages.
  Measured as the portal runs (public pages kept in memory until the data changes), and again with
  that cache off, to show what rendering costs;
- search: 60 searches one after another over HTTP; the figure asked for is a median under 100 ms.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.server import build_database, gunicorn, manage, prepared_env

DURATION = os.environ.get("BENCH_SECONDS", "15")
SEARCHES = ["nära vård", "psykisk hälsa", "läkemedel", "kommunerna", "hjälpmedel", "statsbidrag",
            "digitalisering", "Göteborgsregionen", "färdplan", "äldre", "primärvård", "uppföljning"]  # fmt: skip
MINIMAL = "minimal view (fixed string)"


def wrk(url: str) -> float:
    out = subprocess.run(["wrk", "-t2", "-c8", f"-d{DURATION}s", url], capture_output=True, text=True, check=True)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out.stdout)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error answers\n{out.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out.stdout).group(1))


def measure(env: dict, pages: dict, *, searches: bool) -> tuple[dict, list]:
    """gunicorn with 2 workers, warmed up; each page measured with wrk, then the searches."""
    with gunicorn(env, workers=2) as (base, _server):
        for url in pages.values():  # warm-up: templates, connections
            for _ in range(20):
                urllib.request.urlopen(base + url).read()
        rps = {name: wrk(base + url) for name, url in pages.items()}
        timings = []
        for n in range(60 if searches else 0):
            query = urllib.parse.urlencode({"q": SEARCHES[n % len(SEARCHES)]})
            start = time.perf_counter()
            body = urllib.request.urlopen(f"{base}/search/?{query}").read()
            timings.append(time.perf_counter() - start)
            assert b"<mark>" in body or n, "the first search found nothing"
        return rps, timings


def report(title: str, rps: dict) -> None:
    print(title)
    for name, value in rps.items():
        print(f"  {name:32} {value:8.1f} requests/s  ({value / rps[MINIMAL]:5.1%} of the minimal view)")


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: run `make bench-site`, which installs it.")
    workdir = Path(tempfile.mkdtemp(prefix="sro-bench-site-"))
    env = prepared_env(workdir)
    database = env["DATABASE_URL"].split(":")[0]
    print(f"database: {database}; building 10 years of data …", flush=True)
    try:
        build_database(env, years=10)
        code = "from meetings.models import Meeting; print(Meeting.objects.get(date='2015-06-10').pk)"
        meeting_pk = manage(env, "shell", "-c", code).strip().splitlines()[-1]
        pages = {MINIMAL: "/bench/minimal/", "meeting archive (2015)": "/meetings/?year=2015",
                 "meeting page (10 June 2015)": f"/meetings/{meeting_pk}/"}  # fmt: skip
        rps, timings = measure(env, pages, searches=True)
        uncached, _ = measure({**env, "PUBLIC_PAGE_CACHE": "false"}, pages, searches=False)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    report(f"\ngunicorn, 2 workers, {database}; wrk -t2 -c8 -d{DURATION}s each, one after another; pages kept:", rps)
    median = statistics.median(timings) * 1000
    print(f"search over HTTP, {len(timings)} searches: median {median:.1f} ms, "
          f"95th percentile {statistics.quantiles(timings, n=20)[-1] * 1000:.1f} ms")  # fmt: skip
    report("the same pages rendered for every request (PUBLIC_PAGE_CACHE=false), for comparison:", uncached)
    ok_pages = all(value >= rps[MINIMAL] / 4 for value in rps.values())
    print("target: both pages at least ¼ of the minimal view —", "met" if ok_pages else "NOT met")
    print("target: search median under 100 ms —", "met" if median < 100 else "NOT met")


if __name__ == "__main__":
    main()
