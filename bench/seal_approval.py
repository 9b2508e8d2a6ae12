"""Benchmark: what the electronic seal adds to the chair's approval of the 2022 demo notes (issue #16).

Run with `make bench-seal` (or `.venv/bin/python bench/seal_approval.py`). A throwaway SQLite database with the
demo data; the notes of 19 October 2022 are corrected, sent to the chair and approved again, 10 times with the
seal (the demo chain: PAdES B-LTA with a local timestamp authority) and 10 times without, in alternating rounds
so both see the same machine. Only ``minutes_approve`` is timed (the rendering of the PDF/A included, as in the
chair's request). Prints both medians and the difference.
The figure asked for: sealing adds under 0.3 s (median of 10).
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

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from meetings.models import Minutes  # noqa: E402
from meetings.roles import grant  # noqa: E402
from meetings.services import minutes as services  # noqa: E402
from members.models import Membership  # noqa: E402
from members.selectors import presidium  # noqa: E402
from seal.pki import demo_seal_settings  # noqa: E402

RUNS = 10
TARGET_SECONDS = 0.3
PASSWORD = "bench-password-1234"


def _approve_once(minutes, chair, secretary) -> float:
    services.minutes_correct(minutes=minutes, by=secretary, reason="Benchmark")
    services.minutes_send_to_chair(minutes=minutes, by=secretary, remind=False)
    start = time.perf_counter()
    services.minutes_approve(minutes=minutes, by=chair, password=PASSWORD)
    return time.perf_counter() - start


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, no_seal=True)
    minutes = Minutes.objects.select_related("meeting", "meeting__body").get(meeting__date="2022-10-19")
    meeting = minutes.meeting
    [chair_seat] = [m for m in presidium(body=meeting.body, on=meeting.date) if m.role == Membership.Role.CHAIR]
    chair = User.objects.create_user("bench-chair", password=PASSWORD)
    grant(chair, meeting.body, "chair")
    chair_seat.person.user = chair
    chair_seat.person.save()
    secretary = User.objects.create_user("bench-secretary", password=PASSWORD)
    grant(secretary, meeting.body, "secretary")
    sealed = demo_seal_settings(Path(workdir) / "seal-demo")
    unsealed = {"SEAL_SIGNER": "", "SEAL_PKCS12_PATH": ""}
    for config in (sealed, unsealed):  # warm-up: templates, fonts, the seal's certificates once
        with override_settings(**config):
            _approve_once(minutes, chair, secretary)
    timings: dict[str, list[float]] = {"sealed": [], "unsealed": []}
    for _ in range(RUNS):
        for name, config in (("sealed", sealed), ("unsealed", unsealed)):
            with override_settings(**config):
                timings[name].append(_approve_once(minutes, chair, secretary))
    median = {name: statistics.median(values) for name, values in timings.items()}
    added = median["sealed"] - median["unsealed"]
    minutes.refresh_from_db()
    print(f"approval of the notes of 19 October 2022 (version {minutes.version}, seal {settings.SEAL_PKCS12_PATH!r})")
    for name, values in timings.items():
        print(f"{name:>9}: median {median[name]:.3f} s, min {min(values):.3f} s, max {max(values):.3f} s")
    print(f"the seal adds {added:.3f} s (sealed / unsealed: {median['sealed'] / median['unsealed']:.2f})")
    print(f"target: under {TARGET_SECONDS} s —", "met" if added < TARGET_SECONDS else "NOT met")


if __name__ == "__main__":
    main()
