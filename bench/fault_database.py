"""Fault: the database stops in the middle of use. The portal must answer a clear Swedish 503 meanwhile and
recover by itself, with no restart, when the database is back.

Run with `make fault-db` (it starts its own PostgreSQL, which this script stops and starts again).
A reader asks for the home page and a meeting page every 0.2 s throughout; the script prints what
was answered before, during and after the outage, and how long recovery took.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.server import build_database, gunicorn, prepared_env

OUTAGE_SECONDS = 8


def pg_ctl(*args: str) -> None:
    command = [f"{os.environ['PGBIN']}/pg_ctl", "-D", os.environ["PGDATA_DIR"], "-w", *args]
    subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, capture_output=True)


def ask(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError as error:
        return 0, str(error)


def main() -> None:
    if "PGBIN" not in os.environ:
        raise SystemExit("Run with `make fault-db`: the script stops and starts its own PostgreSQL.")
    workdir = Path(tempfile.mkdtemp(prefix="sro-fault-db-"))
    env = prepared_env(workdir, PUBLIC_PAGE_CACHE="false")  # every request reads the database
    log: list[tuple[float, str, int, bool]] = []  # (time, phase, status, Swedish 503 page)
    phase = ["before"]
    stop = threading.Event()
    try:
        build_database(env)
        with gunicorn(env, workers=2) as (base, _server):

            def reader():
                while not stop.is_set():
                    for path in ("/", "/meetings/?year=2025"):
                        status, body = ask(base + path)
                        log.append((time.monotonic(), phase[0], status, "tillfälligt otillgänglig" in body))
                    time.sleep(0.2)

            thread = threading.Thread(target=reader)
            thread.start()
            time.sleep(3)
            phase[0] = "outage"
            pg_ctl("-m", "fast", "stop")
            stopped_at = time.monotonic()
            print(f"PostgreSQL stopped; {OUTAGE_SECONDS} s outage …", flush=True)
            time.sleep(OUTAGE_SECONDS)
            pg_ctl("-l", str(Path(os.environ["PGDATA_DIR"]).parent / "log"), "-o",
                   f"-p {os.environ['PGPORT']} -k {Path(os.environ['PGDATA_DIR']).parent} "
                   "-c listen_addresses=127.0.0.1", "start")  # fmt: skip
            restarted_at = time.monotonic()
            phase[0] = "after"
            print("PostgreSQL started again", flush=True)
            time.sleep(6)
            stop.set()
            thread.join()
    finally:
        stop.set()
        shutil.rmtree(workdir, ignore_errors=True)

    for name in ("before", "outage", "after"):
        answers = Counter(status for _t, p, status, _s in log if p == name)
        print(
            f"{name:7} " + ", ".join(f"{count} × {status or 'no answer'}" for status, count in sorted(answers.items()))
        )
    outage = [entry for entry in log if entry[1] == "outage" and entry[0] > stopped_at + 0.5]
    swedish_503 = all(status == 503 and swedish for _t, _p, status, swedish in outage)
    first_ok = next((t for t, p, status, _s in log if p == "after" and status == 200), None)
    after = [status for t, p, status, _s in log if p == "after" and first_ok and t >= first_ok]
    print(f"during the outage: {len(outage)} answers, all a Swedish 503 page —", "yes" if swedish_503 else "NO")
    if first_ok is None:
        print("recovered: NO — no page answered 200 after the database came back")
        sys.exit(1)
    print(f"recovered by itself {first_ok - restarted_at:.1f} s after the database was back; "
          f"after that {after.count(200)} of {len(after)} answers were 200")  # fmt: skip
    sys.exit(0 if swedish_503 and set(after) == {200} else 1)


if __name__ == "__main__":
    main()
