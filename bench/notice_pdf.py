"""Benchmark: how long the PDF of the demo notice (6 March 2025) takes to render.

Run with `make bench-pdf` (or `.venv/bin/python bench/notice_pdf.py`). It builds a throwaway SQLite
database with the demo data, renders the notice 10 times after one warm-up, and prints the median.
The figure asked for is under 1 s on these 2-core machines.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="sro-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from meetings.models import Meeting  # noqa: E402
from meetings.services.notices import notice_pdf  # noqa: E402

RUNS = 10


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    meeting = Meeting.objects.get(date="2025-03-06")
    notice_pdf(meeting=meeting)  # warm-up: fonts and templates loaded once
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        pdf = notice_pdf(meeting=meeting)
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    print(f"notice PDF of 6 March 2025: {len(pdf) / 1024:.0f} KiB")
    print(f"render time over {RUNS} runs: median {median:.3f} s, min {min(timings):.3f} s, max {max(timings):.3f} s")
    print("target: median under 1 s —", "met" if median < 1 else "NOT met")


if __name__ == "__main__":
    main()
