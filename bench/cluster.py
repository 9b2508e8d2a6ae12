"""Two app servers behind nginx, sharing one Redis and one PostgreSQL, on loopback (for `make load-test`)."""

import os
import shutil
import signal
import socket
import subprocess
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from bench.server import free_port, gunicorn

NGINX_CONF = """
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream sro {{
        server 127.0.0.1:{first};
        server 127.0.0.1:{second};
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://sro;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
        }}
    }}
}}
"""


def _wait_port(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"nothing answered on port {port}") from None
            time.sleep(0.05)


@contextmanager
def redis(workdir: Path):
    binary = shutil.which("redis-server")
    if not binary:
        raise SystemExit("redis-server is missing: `make load-test` installs it (Debian's redis-server)")
    port = free_port()
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                               "no", "--dir", str(workdir)], stdout=subprocess.DEVNULL)  # fmt: skip
    try:
        _wait_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait()


@contextmanager
def nginx(workdir: Path, first: int, second: int):
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(binary):
        raise SystemExit("nginx is missing: `make load-test` installs it (Debian's nginx)")
    port = free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=workdir, first=first, second=second, port=port))
    server = subprocess.Popen([binary, "-c", str(conf), "-p", str(workdir)], stderr=subprocess.DEVNULL)
    try:
        _wait_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.send_signal(signal.SIGQUIT)
        server.wait()


@contextmanager
def cluster(env: dict, workdir: Path, *, workers: int = 2):
    """Yields (nginx's address, first app server's address, second's, their gunicorn masters)."""
    with ExitStack() as stack:
        cache_url = stack.enter_context(redis(workdir))
        shared = {**env, "CACHE_URL": cache_url}
        first, first_server = stack.enter_context(gunicorn(shared, workers=workers))
        second, second_server = stack.enter_context(gunicorn(shared, workers=workers))
        front = stack.enter_context(nginx(workdir, int(first.rsplit(":", 1)[1]), int(second.rsplit(":", 1)[1])))
        yield front, first, second, (first_server, second_server)
