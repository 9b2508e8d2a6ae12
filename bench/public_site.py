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
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DURATION = os.environ.get("BENCH_SECONDS", "15")
SEARCHES = ["nära vård", "psykisk hälsa", "läkemedel", "kommunerna", "hjälpmedel", "statsbidrag",
            "digitalisering", "Göteborgsregionen", "färdplan", "äldre", "primärvård", "uppföljning"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args) -> str:
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url}")


def wrk(url: str) -> float:
    out = subprocess.run(["wrk", "-t2", "-c8", f"-d{DURATION}s", url], capture_output=True, text=True, check=True)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out.stdout)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error answers\n{out.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out.stdout).group(1))


def measure(env: dict, pages: dict, *, searches: bool) -> tuple[dict, list]:
    """Start gunicorn with 2 workers, warm it up, and measure each page with wrk (and the searches)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "--access-logfile", "-",
         "--log-level", "warning", "sro_portal.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(f"{base}/bench/minimal/")
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
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: run `make bench-site`, which installs it.")
    workdir = Path(tempfile.mkdtemp(prefix="sro-bench-site-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    database = env["DATABASE_URL"].split(":")[0]
    print(f"database: {database}; building 10 years of data …", flush=True)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "load_demo", "-v", "0")
    print("generated:", manage(env, "generate_history", "--years", "10").strip(), flush=True)
    meeting_pk = manage(env, "shell", "-c", "from meetings.models import Meeting; "
                        "print(Meeting.objects.get(date='2015-06-10').pk)").strip().splitlines()[-1]  # fmt: skip

    pages = {
        "minimal view (fixed string)": "/bench/minimal/",
        "meeting archive (2015)": "/meetings/?year=2015",
        "meeting page (10 June 2015)": f"/meetings/{meeting_pk}/",
    }
    try:
        rps, timings = measure(env, pages, searches=True)
        uncached, _ = measure({**env, "PUBLIC_PAGE_CACHE": "false"}, pages, searches=False)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    minimal = rps["minimal view (fixed string)"]
    print(f"\ngunicorn, 2 workers, {database}; wrk -t2 -c8 -d{DURATION}s each, one after another; pages kept:")
    for name, value in rps.items():
        print(f"  {name:32} {value:8.1f} requests/s  ({value / minimal:5.1%} of the minimal view)")
    median = statistics.median(timings) * 1000
    print(f"search over HTTP, {len(timings)} searches: median {median:.1f} ms, "
          f"95th percentile {statistics.quantiles(timings, n=20)[-1] * 1000:.1f} ms")  # fmt: skip
    print("the same pages rendered for every request (PUBLIC_PAGE_CACHE=false), for comparison:")
    for name, value in uncached.items():
        print(
            f"  {name:32} {value:8.1f} requests/s  ({value / uncached[next(iter(uncached))]:5.1%} of the minimal view)"
        )
    ok_pages = all(v >= minimal / 4 for name, v in rps.items() if name != "minimal view (fixed string)")
    print("target: both pages at least ¼ of the minimal view —", "met" if ok_pages else "NOT met")
    print("target: search median under 100 ms —", "met" if median < 100 else "NOT met")


if __name__ == "__main__":
    main()
