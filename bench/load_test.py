"""Load test: 200 public readers and 5 secretaries at once, for two minutes, against gunicorn and PostgreSQL.

Run with `make load-test`: a throwaway PostgreSQL, the demo data plus 10 generated years, gunicorn
(4 workers, DEBUG off) on loopback, and locust headless with the users of bench/locustfile.py. It
prints each request's count, failures, median and 95th percentile, and fails if any request failed.
LOAD_SECONDS changes the length (120 by default).
"""

import csv
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.server import PYTHON, ROOT, build_database, create_editors, gunicorn, manage, prepared_env

SECONDS = int(os.environ.get("LOAD_SECONDS", "120"))


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="sro-load-"))
    env = prepared_env(workdir)
    try:
        print(f"database: {env['DATABASE_URL'].split(':')[0]}; building the demo data and 10 years …", flush=True)
        build_database(env, years=10)
        editors = create_editors(env, 5)
        code = ("from meetings.models import AgendaItem, Meeting\n"
                "print(','.join(str(m.pk) for m in Meeting.objects.order_by('date')[::10]))\n"
                "items = AgendaItem.objects.filter(meeting__date='2025-03-06', kind='information')[:5]\n"
                "print(','.join(str(i.pk) for i in items))")  # fmt: skip
        meetings, items = manage(env, "shell", "-c", code).strip().splitlines()[-2:]
        locust_env = {**os.environ, "READ_MEETINGS": meetings, "EDIT_ITEMS": items,
                      "EDITORS": ",".join(f"{u}:{p}" for u, p in editors)}  # fmt: skip
        with gunicorn(env, workers=4) as (base, _server):
            print(f"gunicorn (4 workers) at {base}; 200 readers and 5 editors for {SECONDS} s …", flush=True)
            subprocess.run(
                [str(Path(PYTHON).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                 "-u", "205", "-r", "25", "-t", f"{SECONDS}s", "--host", base, "--csv", str(workdir / "load"),
                 "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"],
                env=locust_env, check=True, cwd=ROOT,
            )  # fmt: skip
        rows = list(csv.DictReader((workdir / "load_stats.csv").open()))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n{'request':38} {'count':>7} {'failed':>7} {'median':>8} {'p95':>8}  (ms)")
    for row in rows:
        print(f"{row['Type'] + ' ' + row['Name']:38.38} {row['Request Count']:>7} {row['Failure Count']:>7} "
              f"{row['Median Response Time']:>8} {row['95%']:>8}")  # fmt: skip
    total = next(row for row in rows if row["Name"] == "Aggregated")
    failures = int(total["Failure Count"])
    print(f"\n{total['Request Count']} requests in {SECONDS} s ({float(total['Requests/s']):.1f}/s), "
          f"{failures} failed; 95th percentile {total['95%']} ms")  # fmt: skip
    print("target: no errors —", "met" if failures == 0 else "NOT met")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
