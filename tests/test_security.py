"""Production settings, security headers on every URL pattern, and no inline script anywhere."""

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from tests import test_staff_permissions as permissions
from tests.test_public_pages import published_urls
from tests.test_staff_permissions import TABLE, url_for

ROOT = Path(__file__).resolve().parents[1]
objects = permissions.objects  # the fixture: one of every object a staff URL takes
pytestmark = pytest.mark.django_db


def production_check(tmp_path, **overrides):
    environ = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}  # set for the tests only
    env = {**environ, "DJANGO_SETTINGS_MODULE": "sro_portal.settings", "DEBUG": "false",
           "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "sro.example.se",
           "DATABASE_URL": f"sqlite:///{tmp_path}/check.sqlite3", **overrides}  # fmt: skip
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True)  # fmt: skip


def test_check_deploy_passes_with_the_production_settings(tmp_path):
    from seal.pki import make_chain

    chain = make_chain(tmp_path / "pki", label="TEST", password="test")  # a seal certificate of one's own
    done = production_check(tmp_path, SEAL_PKCS12_PATH=str(chain.seal_p12), SEAL_PKCS12_PASSWORD="test")
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_deploy_warns_when_approved_notes_will_not_be_sealed(tmp_path):
    done = production_check(tmp_path, SEAL_PKCS12_PATH="")
    assert done.returncode != 0 and "seal.W001" in done.stdout + done.stderr
    assert "godkända minnesanteckningar förseglas inte" in done.stdout + done.stderr


def test_a_weak_secret_key_does_not_even_start(tmp_path):
    """What `check --deploy` warns of (security.W009) is refused at start-up: a 5-character key never serves."""
    done = production_check(tmp_path, SECRET_KEY="short")
    assert done.returncode != 0 and "SECRET_KEY must be at least 50 characters" in done.stdout + done.stderr


class Scripts(HTMLParser):
    """Collects what would run in a browser without a file of ours: inline scripts and on… handlers."""

    def __init__(self):
        super().__init__()
        self.found, self._inline = [], False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.found += [f"{tag} {name}" for name in attributes if name.startswith("on")]
        self.found += [
            f"{tag} {n}={v}" for n, v in attributes.items() if v and v.strip().lower().startswith("javascript:")
        ]
        json_data = attributes.get("type") in ("application/json", "application/ld+json")
        self._inline = tag == "script" and "src" not in attributes and not json_data

    def handle_data(self, data):
        if self._inline and data.strip():
            self.found.append(f"inline script: {data.strip()[:60]}")

    def handle_endtag(self, tag):
        self._inline = False


def scripts_in(html: str) -> list[str]:
    parser = Scripts()
    parser.feed(html)
    return parser.found


def assert_safe(response, url):
    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())
    assert csp["script-src"] == "'self'" and "unsafe" not in csp["default-src"], url
    assert csp["object-src"] == "'none'" and csp["frame-ancestors"] == "'none'", url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["X-Frame-Options"] == "DENY", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert response["Strict-Transport-Security"].startswith("max-age=31536000"), url
    if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
        assert scripts_in(response.content.decode()) == [], url


def test_every_public_url_pattern_sends_the_security_headers(client, demo):
    for name, url in published_urls().items():
        response = client.get(url, secure=True)
        assert response.status_code == 200, name
        assert_safe(response, url)


def test_every_staff_and_admin_url_pattern_sends_the_security_headers(client, objects, secretary, superuser):
    client.force_login(superuser)
    for name, (key, _expected) in TABLE.items():
        url = url_for(name, key, objects)
        assert_safe(client.get(url, secure=True), url)
    meeting = objects["meeting"]
    admin = [
        reverse("admin:index"),
        reverse("admin:meetings_meeting_changelist"),
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        reverse("admin:members_person_add"),
    ]
    for url in admin:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert_safe(response, url)


def test_every_api_url_pattern_sends_the_security_headers(client, demo):
    """From the system object through every list to the first object of each: every pattern of urls/api.py."""
    import json

    from opendata.urls.api import urlpatterns

    seen = set()

    def visit(url):
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert_safe(response, url)
        seen.add(response.resolver_match.url_name)
        return json.loads(response.content)

    body = visit(visit(reverse("api:system"))["body"])
    body = visit(body["data"][0]["id"])
    for key in ("organization", "person", "membership", "legislativeTermList", "meeting", "agendaItem", "file",
                "paper", "consultation", "locationList"):  # fmt: skip
        page = visit(body[key])
        if page["data"]:
            visit(page["data"][-1]["id"])
        if key == "organization":  # the body itself comes first, the organisations its members represent after
            visit(page["data"][0]["id"])
        if key == "meeting":  # a published notice's PDF, and the published notes' PDF
            for file_key in ("invitation", "resultsProtocol"):
                visit(next(m[file_key]["id"] for m in page["data"] if file_key in m))
    # Any other address under the API: OParl's error object, with the same headers.
    unknown = client.get(reverse("api:system") + "finns-inte/", secure=True)
    assert unknown.status_code == 404 and unknown.json()["type"].endswith("/Error")
    assert_safe(unknown, "unknown")
    seen.add(unknown.resolver_match.url_name)
    assert seen == {p.name for p in urlpatterns}


def test_the_login_page_and_errors_send_them_too(client, db):
    assert_safe(client.get(reverse("staff:login"), secure=True), "login")
    missing = client.get("/finns-inte/", secure=True)
    assert missing.status_code == 404 and "Content-Security-Policy" in missing


def test_http_is_redirected_to_https_in_production(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/"


@pytest.mark.parametrize("html, expected", [
    ('<script>alert(1)</script>', ["inline script: alert(1)"]),
    ('<img src="x" onerror="alert(1)">', ["img onerror"]),
    ('<a href=" javascript:alert(1)">x</a>', ["a href= javascript:alert(1)"]),
    ('<script src="/static/js/x.js"></script><script type="application/json">{}</script>', []),
])  # fmt: skip
def test_the_inline_script_finder_finds_what_it_must(html, expected):
    assert scripts_in(html) == expected
