"""A first run that reads well: mail links on the port `make run` serves, and development mail as one readable
line per message plus a .eml file, not base64 in the console."""

import email
import os
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

ROOT = Path(__file__).resolve().parents[1]


def site_url(**env) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "SITE_URL", "HOST", "PORT"}}
    clean.update(env)
    done = subprocess.run([sys.executable, "-c", "import sro_portal.settings as s; print(s.SITE_URL)"], cwd=ROOT,
                          env=clean, capture_output=True, text=True, check=True)  # fmt: skip
    return done.stdout.strip()


def test_in_development_the_links_in_mails_follow_the_port_the_server_listens_on():
    assert site_url(DEBUG="true") == "http://127.0.0.1:8000"
    assert site_url(DEBUG="true", PORT="8123") == "http://127.0.0.1:8123"
    assert site_url(DEBUG="true", HOST="localhost", PORT="8123") == "http://localhost:8123"
    assert site_url(DEBUG="true", PORT="8123", SITE_URL="https://sro.example.se/") == "https://sro.example.se"
    # In production the address is the one configured; a shell's HOST (zsh sets it) says nothing about it.
    production = {"DEBUG": "false", "SECRET_KEY": "production-key-" * 4}
    assert site_url(**production, HOST="laptop", PORT="8123") == "http://127.0.0.1:8000"


def test_the_run_target_hands_host_and_port_to_the_server_and_its_worker():
    makefile = (ROOT / "Makefile").read_text()
    assert "HOST=$(HOST) PORT=$(PORT) $(DEMO_SEAL) bash scripts/run.sh" in makefile
    assert "manage.py worker --no-reload" in (ROOT / "scripts" / "run.sh").read_text()


@pytest.mark.django_db
def test_a_sign_in_mail_is_one_line_in_the_console_and_a_whole_message_in_the_outbox(settings, tmp_path, caplog):
    from mymeetings.services import sign_in_link
    from tests.factories import PersonFactory, UserFactory

    settings.SITE_URL = "http://127.0.0.1:8123"
    settings.EMAIL_BACKEND = "sro_portal.outbox.OutboxBackend"
    settings.EMAIL_OUTBOX_DIR = tmp_path / "outbox"
    person = PersonFactory(first_name="Helén", last_name="Eliasson", email="helen@example.se")
    link = sign_in_link(UserFactory(username="helen"))
    body = render_to_string("mymeetings/emails/sign_in.txt", {"person": person, "link": link, "minutes": 20})
    from meetings.tasks import mail_enqueue

    with caplog.at_level("INFO", logger="sro_portal.outbox"):
        mail_enqueue(
            subject="Logga in på Mina möten i SRO-portalen", body=body, to=["Helén Eliasson <helen@example.se>"]
        )
        attached = EmailMessage("Kallelse SRO 2025-03-06", "Välkommen.", to=["ulrika@example.se"])
        attached.attach("kallelse.pdf", b"%PDF-1.7 " + b"x" * 5000, "application/pdf")
        attached.send()

    lines = [r.getMessage() for r in caplog.records if r.name == "sro_portal.outbox"]
    assert len(lines) == 2  # one line per mail, nothing of the attachment
    assert lines[0].startswith("E-post till Helén Eliasson <helen@example.se>: ”Logga in på Mina möten i SRO-portalen”")
    assert lines[0].endswith(f"(länk: {link})") and link.startswith("http://127.0.0.1:8123/")
    files = sorted((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 2 and str(files[0]) in lines[0]
    message = email.message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert message["Subject"] == "Logga in på Mina möten i SRO-portalen" and link in message.get_content()
    pdf = email.message_from_bytes(files[1].read_bytes(), policy=policy.default)
    assert [part.get_filename() for part in pdf.iter_attachments()] == ["kallelse.pdf"]


def test_a_process_starts_without_axes_banner_or_pyhankos_dsa_warning():
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    clean["DEBUG"] = "true"
    code = "import django; django.setup(); import pyhanko.sign.signers.pdf_cms; print('started')"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**clean, "DJANGO_SETTINGS_MODULE": "sro_portal.settings"})  # fmt: skip
    assert done.stdout == "started\n" and done.stderr == ""  # no "AXES: BEGIN", no "DSA is deprecated"


@pytest.mark.django_db
def test_a_successful_sign_in_logs_nothing_of_axes_and_a_failed_one_is_still_logged(client, secretary, caplog):
    secretary.set_password("rätt-lösenord")
    secretary.save()
    with caplog.at_level("DEBUG"):
        client.post("/staff/login/", {"username": "sekreterare", "password": "rätt-lösenord"})
    assert [r.getMessage() for r in caplog.records if r.name.startswith("axes")] == []
    client.logout()
    caplog.clear()
    with caplog.at_level("DEBUG"):
        client.post("/staff/login/", {"username": "sekreterare", "password": "fel"})
    failures = [r.getMessage() for r in caplog.records if r.name.startswith("axes")]
    assert len(failures) == 1 and "login failure" in failures[0]
