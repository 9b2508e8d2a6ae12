"""Shared by the benchmark, load and fault scripts: a prepared database and gunicorn on loopback."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def prepared_env(workdir: Path, **extra) -> dict:
    """Production settings (DEBUG off) on loopback, with files under ``workdir``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "BEHIND_HTTPS_PROXY": "false",
        "SECURE_COOKIES": "false",  # plain HTTP on loopback
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    return env


def manage(env: dict, *args: str) -> str:
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def build_database(env: dict, *, years: int = 0) -> None:
    """Migrate, collect static files, load the demo data and, if asked, years of generated history."""
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "load_demo", "-v", "0")
    if years:
        print("generated:", manage(env, "generate_history", "--years", str(years)).strip(), flush=True)
    analyze(env)


def copy_database(env: dict, suffix: str) -> dict:
    """A copy of the prepared database (PostgreSQL: a new database made from it as a template; SQLite: the
    file), and the environment that uses it: two states of the data can then be served side by side."""
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        source = Path(url.removeprefix("sqlite:///"))
        target = source.with_name(f"{source.stem}-{suffix}{source.suffix}")
        shutil.copyfile(source, target)
        return {**env, "DATABASE_URL": f"sqlite:///{target}"}
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    copy = f"{name}_{suffix}"
    connection = psycopg2.connect(host=parts.hostname, port=parts.port, user=parts.username,
                                  password=parts.password, dbname="postgres")  # fmt: skip
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
    connection.close()
    return {**env, "DATABASE_URL": urlunsplit(parts._replace(path=f"/{copy}"))}


def analyze(env: dict) -> None:
    """Tables as a database in use has them, with statistics and a visibility map: measured right after a bulk
    load, PostgreSQL would plan with no statistics and read every row an index-only scan would skip (autovacuum
    comes round later), and a run would measure the planner's guesses, not the portal."""
    code = (
        "from django.db import connection\n"
        "connection.cursor().execute('VACUUM ANALYZE' if connection.vendor == 'postgresql' else 'ANALYZE')"
    )
    manage(env, "shell", "-c", code)


def create_editors(env: dict, count: int) -> list[tuple[str, str]]:
    """Secretaries with known passwords, for scripts that log in."""
    code = (
        "from django.contrib.auth.models import User\n"
        "from meetings.roles import grant\n"
        "from members.models import Body\n"
        f"for n in range({count}):\n"
        "    user, _ = User.objects.get_or_create(username=f'redaktor{n}', defaults={'is_staff': True})\n"
        "    user.set_password(f'redaktor-losenord-{n}')\n"
        "    user.save()\n"
        "    grant(user, Body.objects.order_by('pk').first(), 'secretary')\n"
    )
    manage(env, "shell", "-c", code)
    return [(f"redaktor{n}", f"redaktor-losenord-{n}") for n in range(count)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url}")


@contextmanager
def gunicorn(env: dict, *, workers: int = 2, threads: int = 1):
    """gunicorn on a free loopback port; yields (base URL, the master process)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "-w", str(workers), "--threads", str(threads),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning", "--graceful-timeout", "5", "sro_portal.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(f"{base}/")
        yield base, server
    finally:
        server.terminate()
        server.wait()
