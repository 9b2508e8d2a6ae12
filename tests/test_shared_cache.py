"""Several processes, one public record: a change made through one process is what the next request to any
other serves, whether the kept pages live in a shared Redis or in each worker's own memory.

The other process is a real one (a new Python interpreter on the same test database), as a second
gunicorn worker or a second app server would be. It needs a database both can reach: PostgreSQL.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from sro_portal.middleware import NOT_KEPT

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("committed_db"),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'", reason="another process cannot reach SQLite's test database"
    ),
]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A Redis server of the test's own on loopback (Debian's redis-server, installed by `make test`)."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server is missing: `make test` installs it (Debian's redis-server)"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                               "--dir", str(folder)], stdout=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(10)


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = True


def _redis(settings, url):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                                   "KEY_PREFIX": "sro"}}  # fmt: skip
    from django.core.cache import cache

    cache.clear()


OTHER_PROCESS = textwrap.dedent("""
    import json, sys
    import django
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from meetings.services.positions import position_record
    from members.models import Body
    import datetime

    out = {}
    with override_settings(PUBLIC_PAGE_CACHE=True, ALLOWED_HOSTS=["testserver"]):
        with CaptureQueriesContext(connection) as queries:
            page = Client().get(sys.argv[1])
        out["status"], out["queries"] = page.status_code, len(queries)
        out["body"] = page.content.decode()
        body = Body.objects.get()
        position_record(body=body, how="per_capsulam", taken_on=datetime.date(2025, 4, 2),
                        text=sys.argv[2], by=None)
    print(json.dumps(out))
""")


def _in_other_process(url: str, text: str) -> dict:
    """Read ``url`` through another process, then record a position per capsulam there (committed)."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CACHE_URL": os.environ.get("SRO_TEST_CACHE_URL", ""),
    }
    done = subprocess.run([sys.executable, "-c", OTHER_PROCESS, url, text], env=env, capture_output=True, text=True,
                          cwd=django_settings.BASE_DIR, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.usefixtures("page_cache")
def test_through_a_shared_redis_a_page_kept_by_one_process_is_served_by_another_and_a_change_by_it_at_once(
    client, demo, settings, redis_url, monkeypatch
):
    _redis(settings, redis_url)
    monkeypatch.setenv("SRO_TEST_CACHE_URL", redis_url)
    url = reverse("public:positions") + "?year=2025"
    kept = client.get(url).content.decode()

    other = _in_other_process(url, "Beslutat per capsulam i en annan process.")

    assert other["status"] == 200 and other["queries"] == 1  # the revision only: the page came from Redis
    assert other["body"] == kept
    with CaptureQueriesContext(connection) as queries:
        now = client.get(url).content.decode()
    assert "Beslutat per capsulam i en annan process." in now  # the very next request, no waiting
    assert len(queries) > 1


@pytest.mark.usefixtures("page_cache")
def test_with_each_worker_keeping_its_own_pages_a_change_by_another_process_is_served_at_once(
    client, demo, settings, monkeypatch
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    monkeypatch.setenv("SRO_TEST_CACHE_URL", "")
    url = reverse("public:positions") + "?year=2025"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == 1  # kept in this process's memory

    other = _in_other_process(url, "Beslutat per capsulam av en annan arbetsprocess.")

    assert other["queries"] > 1  # its own memory had nothing: it rendered the page
    assert "Beslutat per capsulam av en annan arbetsprocess." in client.get(url).content.decode()


@pytest.mark.usefixtures("page_cache")
def test_a_page_served_from_redis_carries_every_security_header_of_a_fresh_one(client, demo, settings, redis_url):
    from tests.test_page_cache import SECURITY_HEADERS
    from tests.test_public_pages import published_urls

    _redis(settings, redis_url)
    for url in published_urls().values():
        fresh = client.get(url)
        if fresh.status_code != 200 or fresh.streaming or resolve(url.split("?")[0]).url_name in NOT_KEPT:
            continue
        with CaptureQueriesContext(connection) as queries:
            kept = client.get(url)
        assert len(queries) == 1, url  # from Redis
        for header in (*SECURITY_HEADERS, "Content-Type", "Cache-Control", "Content-Language"):
            assert kept.get(header) == fresh.get(header), f"{url}: {header}"
