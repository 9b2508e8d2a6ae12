"""Benchmark: the embedded default under concurrent work (`make bench-embedded`; issue 33).

`make run`'s own configuration, started here as `make run` starts it: DEBUG on, the development server
(`manage.py runserver`, without the file watcher) and `manage.py worker` beside it, on SQLite in a file with
the settings' OPTIONS (immediate transactions, busy timeout, WAL), the demo loaded with its accounts and its
demo seal. Then, for ``--seconds`` (120 by default), all at once:

- 5 secretaries, each saving an agenda item of a coming meeting through the item form, again and again;
- one secretary sending the notice of a coming meeting (a revised version each time) every 10 s, one of the
  five saving that meeting's items meanwhile;
- the chair approving the demo's latest approved notes, the secretary correcting them and sending them back to
  her, round after round (so several sealed approvals);
- 50 readers of the public site, each a page every second or so.

What must hold: 0 errors of any kind (an answer other than the expected one, a page saying "database is
locked", a timeout), every sending and approval done on its first try. Printed: the count and 95th percentile
of each kind of staff action and of the readers' pages, and the same run on PostgreSQL beside it when
DATABASE_URL names one (`make bench-embedded` runs it under scripts/with-postgres.sh).
"""

import argparse
import http.cookiejar
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.server import PYTHON, ROOT, free_port, manage, wait_for

SECRETARIES = 5
READERS = 50
SEND_EVERY = 10  # seconds between sendings of the notice
DEMO_SEAL = {
    "SEAL_PKCS12_PATH": "var/seal-demo/seal.p12",
    "SEAL_PKCS12_PASSWORD": "demo",
    "SEAL_LOCAL_TSA_PKCS12_PATH": "var/seal-demo/tsa.p12",
    "SEAL_TRUST_ROOTS": "var/seal-demo/root.pem",
}
SETUP = """
import datetime
from django.contrib.auth.models import User
from meetings.models import AgendaItem, Meeting
from meetings.roles import grant
from members.models import Body
sro = Body.objects.get(short_name="SRO")
for n in range({secretaries}):
    user, _ = User.objects.get_or_create(username=f"sekr{{n}}", defaults={{"is_staff": True}})
    user.set_password(f"bench-sekreterare-{{n}}")
    user.save()
    grant(user, sro, "secretary")
items = []
for n in range({secretaries}):
    meeting = Meeting.objects.create(body=sro, date=datetime.date(2031, 2 + n, 6), start_time=datetime.time(13, 30),
                                     end_time=datetime.time(15, 30), location="Teamsmöte")
    for order in range(1, 5):
        item = AgendaItem.objects.create(meeting=meeting, order=order, kind="information", title=f"Punkt {{order}}",
                                         duration_minutes=20)
    items.append(item.pk)
from meetings.models import Minutes
notes = Minutes.objects.filter(status__in=["approved", "published"]).order_by("-meeting__date").first()
print("BENCH", Meeting.objects.get(date=datetime.date(2031, 2, 6)).pk, notes.pk, notes.meeting_id,
      ",".join(map(str, items)))
"""


class Errors(list):
    def add(self, what: str):
        self.append(what)
        print("  ERROR", what, flush=True)


class Browser:
    """One person's browser: cookies, CSRF, no redirects followed; every answer timed and checked."""

    def __init__(self, base: str, timings: dict, errors: Errors):
        self.base, self.timings, self.errors = base, timings, errors
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def login(self, username: str, password: str):
        self.get("/staff/login/", kind=None)
        self.post("/staff/login/", {"username": username, "password": password}, kind=None)

    def get(self, path: str, *, kind="read", expected=(200,)) -> str:
        return self._open(urllib.request.Request(self.base + path), kind, expected)

    def post(self, path: str, data: dict, *, kind, expected=(302,)) -> str:
        token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        return self._open(urllib.request.Request(self.base + path, body, headers={"Referer": self.base + path}),
                          kind, expected)  # fmt: skip

    def _open(self, request, kind, expected) -> str:
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=120) as response:
                status, text = response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        except OSError as error:
            self.errors.add(f"{request.get_method()} {request.full_url}: {error}")
            return ""
        if kind:
            self.timings.setdefault(kind, []).append(time.monotonic() - started)
        if status not in expected or "database is locked" in text:
            said = re.findall(r"(?:alert|invalid-feedback)[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)", text)
            self.errors.add(f"{request.get_method()} {request.full_url}: {status} {' '.join(said)[:300]}")
        return text


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def hidden(page: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', page)
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0)) if tag else None
    return value.group(1) if value else ""


def run_once(env: dict, label: str, seconds: int, workdir: Path) -> dict:
    """One run of the mix against one database; returns the timings, errors and counts."""
    print(f"{label}: migrating and loading the demo …", flush=True)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_demo", "--users", "-v", "0")
    out = manage(env, "shell", "-c", SETUP.format(secretaries=SECRETARIES))
    _, notice_meeting, minutes_id, held, items = next(
        line for line in out.splitlines() if line.startswith("BENCH")
    ).split()
    items = items.split(",")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (workdir / f"{label}.log").open("w")
    env = {**env, **DEMO_SEAL}  # as `make run` gives them the demo chain load_demo made
    # As scripts/run.sh starts them (the development server without its file watcher, which changes nothing).
    worker = subprocess.Popen([PYTHON, "manage.py", "worker", "--no-reload", "-v", "0"], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    server = subprocess.Popen([PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"], cwd=ROOT,
                              env=env, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    timings: dict[str, list[float]] = {}
    errors = Errors()
    done = {"sent": 0, "approved": 0, "saved": 0}
    try:
        wait_for(f"{base}/", timeout=120)
        stop = threading.Event()
        start_at = threading.Barrier(SECRETARIES + 2 + READERS)

        def secretary(n: int):
            browser = Browser(base, timings, errors)
            browser.login(f"sekr{n}", f"bench-sekreterare-{n}")
            item, saves = items[n], 0
            start_at.wait()
            while not stop.is_set():
                page = browser.get(f"/staff/items/{item}/", kind="item page")
                saves += 1
                data = {"kind": "information", "title": f"Punkt 4 ({saves})", "duration_minutes": str(10 + saves % 20),
                        "show_time": "on", "lock_version": hidden(page, "lock_version")}  # fmt: skip
                browser.post(f"/staff/items/{item}/", data, kind="save an item")
                done["saved"] += 1
                stop.wait(random.uniform(1, 3))  # reading, typing

        def sender():
            browser = Browser(base, timings, errors)
            browser.login("sekreterare", "demo-sekreterare")
            start_at.wait()
            while not stop.wait(SEND_EVERY / 2):
                page = browser.get(f"/staff/meetings/{notice_meeting}/notice/send/", kind="send page")
                seen = hidden(page, "seen_version")
                browser.post(
                    f"/staff/meetings/{notice_meeting}/notice/send/", {"seen_version": seen}, kind="send the notice"
                )
                after = browser.get(f"/staff/meetings/{notice_meeting}/notice/send/", kind=None)
                if hidden(after, "seen_version") != str(int(seen) + 1):
                    errors.add(f"the sending after version {seen} was not done on its first try")
                done["sent"] += 1
                stop.wait(SEND_EVERY / 2)

        def chair_round():
            chair, clerk = Browser(base, timings, errors), Browser(base, timings, errors)
            chair.login("ordforande", "demo-ordforande")
            clerk.login("sekreterare", "demo-sekreterare")
            start_at.wait()
            while not stop.is_set():
                clerk.post(f"/staff/minutes/{minutes_id}/correct/", {"reason": "Stavning rättad"}, kind="correct")
                clerk.post(f"/staff/minutes/{minutes_id}/send/", {}, kind="send to the chair")
                read = hidden(chair.get(f"/staff/minutes/{minutes_id}/review/", kind="review page"), "approve-read")
                chair.post(f"/staff/minutes/{minutes_id}/approve/", {"approve-read": read,
                           "approve-password": "demo-ordforande"}, kind="approve")  # fmt: skip
                done["approved"] += 1
                stop.wait(2)

        pages = ["/", "/meetings/", f"/meetings/{held}/", f"/meetings/{held}/notes/", "/positions/", "/matters/",
                 "/members/", "/search/?q=v%C3%A5rdavtal"]  # fmt: skip

        def reader():
            browser = Browser(base, timings, errors)
            start_at.wait()
            while not stop.is_set():
                browser.get(random.choice(pages), kind="public page")
                stop.wait(random.uniform(0.5, 1.5))

        def checked(job, *args):
            def run():
                try:
                    job(*args)
                except Exception as error:  # the bench's own slip is an error too, never a silent thread
                    errors.add(f"{job.__name__}: {type(error).__name__}: {error}")
                    if start_at.n_waiting:
                        start_at.abort()

            return threading.Thread(target=run)

        threads = [checked(secretary, n) for n in range(SECRETARIES)]
        threads += [checked(sender), checked(chair_round)]
        threads += [checked(reader) for _ in range(READERS)]
        print(f"{label}: {SECRETARIES} secretaries, 1 sending, the chair, {READERS} readers for {seconds} s …",
              flush=True)  # fmt: skip
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=300)
        # The worker drained what was queued (the notice mails): nothing failed there either.
        failed_tasks = manage(env, "shell", "-c", "from django_tasks_db.models import DBTaskResult; "
                              "print(DBTaskResult.objects.failed().count())").split()[-1]  # fmt: skip
        if failed_tasks != "0":
            errors.add(f"{failed_tasks} background tasks failed")
    finally:
        for process in (server, worker):
            process.send_signal(signal.SIGINT)
        for process in (server, worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
    log_text = (workdir / f"{label}.log").read_text()
    if "database is locked" in log_text or "Traceback" in log_text:
        errors.add(f"the server's or worker's log has an error: see {workdir / label}.log")
    return {"timings": timings, "errors": errors, "done": done}


def p95(values: list[float]) -> str:
    if not values:
        return "-"
    value = statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]
    return f"{value * 1000:.0f} ms"


STAFF = ["save an item", "send the notice", "correct", "send to the chair", "approve"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=120)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="sro-bench-embedded-"))
    base_env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "sro_portal.settings",
                "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}  # fmt: skip
    base_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    runs = {"SQLite": {**base_env, "DATABASE_URL": f"sqlite:///{workdir}/embedded.sqlite3",
                       "MEDIA_ROOT": str(workdir / "media-sqlite")}}  # fmt: skip
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        runs["PostgreSQL"] = {**base_env, "MEDIA_ROOT": str(workdir / "media-postgresql")}
    results = {label: run_once(env, label, args.seconds, workdir) for label, env in runs.items()}

    print(f"\n{args.seconds} s, {SECRETARIES} secretaries saving, a sending every {SEND_EVERY} s, the chair approving "
          f"corrections, {READERS} readers (make run's configuration: DEBUG, runserver, worker)")  # fmt: skip
    labels = list(results)
    print(f"{'':24}" + "".join(f"{label:>26}" for label in labels))
    for kind in [*STAFF, "all staff actions", "public page"]:
        cells = []
        for label in labels:
            timings = results[label]["timings"]
            if kind == "all staff actions":
                values = [value for k in STAFF for value in timings.get(k, [])]
            else:
                values = timings.get(kind, [])
            cells.append(f"{len(values):>6} × p95 {p95(values):>9}")
        print(f"{kind:24}" + "".join(f"{cell:>26}" for cell in cells))
    for label in labels:
        result = results[label]
        print(f"{label}: errors {len(result['errors'])}; sendings {result['done']['sent']}, approvals "
              f"{result['done']['approved']}, saves {result['done']['saved']}")  # fmt: skip
    if any(result["errors"] for result in results.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
