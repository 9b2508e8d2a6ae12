"""Benchmark: readers of the public site while a secretary saves once a second (issue: fast while people work).

Run with `make bench-saves` (a throwaway PostgreSQL server; wrk from Debian's packages). It builds 10 years
of data, starts gunicorn with 2 workers (DEBUG off, pages kept in each worker's memory as without
CACHE_URL), and measures side by side in one run, for each page:

- readers alone: wrk -t2 -c8 for BENCH_SECONDS, requests/s and the 95th percentile;
- the same readers while a secretary changes an agenda item's duration once a second through the staff
  UI's own endpoint (`/staff/items/<id>/duration/`), each save checked to have answered 302.

The figures asked for: with the saves, readers keep at least 80 % of their requests/s and their 95th
percentile stays under 20 ms.
"""

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

from bench.server import build_database, create_editors, gunicorn, manage, prepared_env

DURATION = os.environ.get("BENCH_SECONDS", "15")
P95_SCRIPT = (
    'done = function(summary, latency, requests) io.write(string.format("p95=%d\\n", latency:percentile(95))) end'
)


def wrk(url: str, script: Path) -> tuple[float, float]:
    out = subprocess.run(["wrk", "-t2", "-c8", f"-d{DURATION}s", "-s", str(script), url],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error answers\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rps, int(re.search(r"p95=(\d+)", out).group(1)) / 1000  # µs → ms


class Secretary(threading.Thread):
    """Logs in, then saves an item's duration once a second until stopped; counts the answers."""

    def __init__(self, base: str, account: tuple[str, str], item: int):
        super().__init__(daemon=True)
        self.base, self.item, self.stop = base, item, threading.Event()
        self.saved, self.failed = 0, 0
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        self.jar = jar
        page = self.opener.open(f"{base}/staff/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        self._post("/staff/login/", {"username": account[0], "password": account[1], "csrfmiddlewaretoken": token})

    def _post(self, path: str, data: dict) -> int:
        request = urllib.request.Request(self.base + path, urllib.parse.urlencode(data).encode(),
                                         headers={"Referer": self.base + path})  # fmt: skip
        try:
            return self.opener.open(request).status
        except urllib.error.HTTPError as error:
            return error.code

    def run(self):
        n = 0
        while not self.stop.is_set():
            started = time.monotonic()
            token = next(c.value for c in self.jar if c.name == "csrftoken")
            status = self._post(f"/staff/items/{self.item}/duration/",
                                {"duration_minutes": str(10 + n % 20), "csrfmiddlewaretoken": token})  # fmt: skip
            self.saved += status == 302
            self.failed += status != 302
            n += 1
            self.stop.wait(max(0.0, 1.0 - (time.monotonic() - started)))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: run `make bench-saves`, which installs it.")
    workdir = Path(tempfile.mkdtemp(prefix="sro-bench-saves-"))
    env = prepared_env(workdir)
    script = workdir / "p95.lua"
    script.write_text(P95_SCRIPT)
    print(f"database: {env['DATABASE_URL'].split(':')[0]}; building 10 years of data …", flush=True)
    try:
        build_database(env, years=10)
        account = create_editors(env, 1)[0]
        code = (
            "from meetings.models import AgendaItem, Meeting; m = Meeting.objects.get(date='2025-03-06'); "
            "print(m.pk, AgendaItem.objects.get(meeting=m, title='Partsgemensamt utvecklingsarbete').pk)"
        )
        meeting, item = manage(env, "shell", "-c", code).strip().splitlines()[-1].split()
        pages = {"home": "/", "meeting archive (2015)": "/meetings/?year=2015", "meeting page": f"/meetings/{meeting}/"}
        rows = []
        with gunicorn(env, workers=2) as (base, _server):
            for url in pages.values():
                for _ in range(20):
                    urllib.request.urlopen(base + url).read()
            for name, url in pages.items():
                alone = wrk(base + url, script)
                secretary = Secretary(base, account, int(item))
                secretary.start()
                busy = wrk(base + url, script)
                secretary.stop.set()
                secretary.join()
                if secretary.failed or not secretary.saved:
                    raise SystemExit(f"saves: {secretary.saved} answered 302, {secretary.failed} did not")
                rows.append((name, alone, busy, secretary.saved))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\ngunicorn, 2 workers, PostgreSQL; wrk -t2 -c8 -d{DURATION}s; pages kept in each worker's memory")
    ok = True
    for name, (rps, p95), (busy_rps, busy_p95), saved in rows:
        share = busy_rps / rps
        ok &= share >= 0.8 and busy_p95 < 20
        print(
            f"  {name:24} alone {rps:7.1f} req/s p95 {p95:5.1f} ms | with {saved} saves "
            f"{busy_rps:7.1f} req/s p95 {busy_p95:5.1f} ms | {share:5.1%} of the throughput"
        )
    print("target: with one save a second, at least 80 % of the throughput and p95 under 20 ms —",
          "met" if ok else "NOT met")  # fmt: skip


if __name__ == "__main__":
    main()
