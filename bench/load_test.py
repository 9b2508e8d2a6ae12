"""Load test: 200 public readers and 5 secretaries at once, against two app servers behind nginx.

Run with `make load-test`: a throwaway PostgreSQL, the demo data plus 10 generated years, two gunicorn
instances (2 workers each, DEBUG off) sharing one Redis (CACHE_URL) and the database, Debian's nginx in
front of both, and locust headless with the users of bench/locustfile.py, all on loopback. Halfway through,
a secretary records a position through the first app server and the script times how long until the
second serves it (the target: within a second). It samples the gunicorn workers' memory every 10 s.
It prints each request's count, failures, median and 95th percentile, and fails if any request failed.
LOAD_SECONDS changes the length (120 by default).
"""

import csv
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.cluster import cluster
from bench.server import PYTHON, ROOT, build_database, create_editors, manage, prepared_env

SECONDS = int(os.environ.get("LOAD_SECONDS", "120"))


def _field(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def freshness(first: str, second: str, account: tuple[str, str]) -> float:
    """Record a position per capsulam through ``first``; seconds until ``second`` serves it to a visitor."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(url: str, data: dict) -> None:
        opener.open(urllib.request.Request(url, urllib.parse.urlencode(data).encode(), headers={"Referer": url}))

    page = opener.open(f"{first}/staff/login/").read().decode()
    post(f"{first}/staff/login/", {"username": account[0], "password": account[1],
                                   "csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken")})  # fmt: skip
    page = opener.open(f"{first}/staff/positions/new/").read().decode()
    text = f"Färskhetsprov {time.time_ns()}: SRO ställer sig bakom förslaget."
    url = f"{second}/positions/?year=2025"
    assert text not in urllib.request.urlopen(url).read().decode()
    post(f"{first}/staff/positions/new/", {
        "csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken"), "submission": _field(page, "submission"),
        "how": "per_capsulam", "taken_on": "2025-04-02", "matter_title": "Färskhetsprov", "text": text,
        "clauses": "",
    })  # fmt: skip
    saved = time.monotonic()
    while text not in urllib.request.urlopen(url).read().decode():
        if time.monotonic() - saved > 10:
            raise SystemExit("the second app server did not serve the new position within 10 s")
        time.sleep(0.02)
    return time.monotonic() - saved


def worker_rss(masters) -> list[int]:
    """The resident memory (MB) of each gunicorn worker of the given masters."""
    sizes = []
    for master in masters:
        out = subprocess.run(["ps", "--ppid", str(master.pid), "-o", "rss="], capture_output=True, text=True).stdout
        sizes += [int(line) // 1024 for line in out.split()]
    return sizes


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="sro-load-"))
    env = prepared_env(workdir)
    samples: list[tuple[float, list[int]]] = []
    try:
        print(f"database: {env['DATABASE_URL'].split(':')[0]}; building the demo data and 10 years …", flush=True)
        build_database(env, years=10)
        editors = create_editors(env, 6)
        code = ("from meetings.models import AgendaItem, Meeting\n"
                "print(','.join(str(m.pk) for m in Meeting.objects.order_by('date')[::10]))\n"
                "items = AgendaItem.objects.filter(meeting__date='2025-03-06', kind='information')[:5]\n"
                "print(','.join(str(i.pk) for i in items))")  # fmt: skip
        meetings, items = manage(env, "shell", "-c", code).strip().splitlines()[-2:]
        locust_env = {**os.environ, "READ_MEETINGS": meetings, "EDIT_ITEMS": items,
                      "EDITORS": ",".join(f"{u}:{p}" for u, p in editors[:5])}  # fmt: skip
        with cluster(env, workdir) as (front, first, second, masters):
            print(f"nginx at {front} → two gunicorn (2 workers each) sharing Redis; 200 readers and 5 editors "
                  f"for {SECONDS} s …", flush=True)  # fmt: skip
            stop = threading.Event()
            started = time.monotonic()

            def sample():
                while not stop.is_set():
                    samples.append((time.monotonic() - started, worker_rss(masters)))
                    stop.wait(10)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            locust = subprocess.Popen(
                [str(Path(PYTHON).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                 "-u", "205", "-r", "25", "-t", f"{SECONDS}s", "--host", front, "--csv", str(workdir / "load"),
                 "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"],
                env=locust_env, cwd=ROOT,
            )  # fmt: skip
            time.sleep(SECONDS / 2)
            fresh = freshness(first, second, editors[5])
            if locust.wait() != 0:
                raise SystemExit("locust failed")
            stop.set()
            sampler.join()
        rows = list(csv.DictReader((workdir / "load_stats.csv").open()))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n{'request':38} {'count':>7} {'failed':>7} {'median':>8} {'p95':>8}  (ms)")
    for row in rows:
        print(f"{row['Type'] + ' ' + row['Name']:38.38} {row['Request Count']:>7} {row['Failure Count']:>7} "
              f"{row['Median Response Time']:>8} {row['95%']:>8}")  # fmt: skip
    total = next(row for row in rows if row["Name"] == "Aggregated")
    failures, p95 = int(total["Failure Count"]), float(total["95%"])
    print(f"\n{total['Request Count']} requests in {SECONDS} s ({float(total['Requests/s']):.1f}/s), "
          f"{failures} failed; 95th percentile {p95:.0f} ms")  # fmt: skip
    print(f"a position recorded through app server 1 was served by app server 2 after {fresh * 1000:.0f} ms")
    half = [rss for at, rss in samples if at >= SECONDS / 2]
    print("workers' memory (MB) every 10 s:", "; ".join(f"{at:.0f}s {max(rss)}" for at, rss in samples))
    peak, drift = max(max(r) for _, r in samples), max(half[-1]) - max(half[0]) if half else 0
    print(f"largest worker {peak} MB; over the second half the largest changed by {drift:+d} MB")
    print("target: no errors —", "met" if failures == 0 else "NOT met")
    print("target: 95th percentile under 150 ms —", "met" if p95 < 150 else "NOT met")
    print("target: the other app server serves a change within 1 s —", "met" if fresh < 1 else "NOT met")
    print("target: every worker under 200 MB —", "met" if peak < 200 else "NOT met")
    sys.exit(1 if failures or fresh >= 1 else 0)


if __name__ == "__main__":
    main()
