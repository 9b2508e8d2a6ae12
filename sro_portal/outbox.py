"""Development mail: each message a readable ``.eml`` file in a folder, and one line about it in the console.

Django's console backend prints every message whole, its PDF and calendar file in base64: a member's sign-in
link is lost among thousands of lines. Here the console says who it went to, its subject (decoded), the file
and the portal link it carries (the sign-in link, say); the file opens in any mail program.
"""

import itertools
import logging
import os
import re
import threading
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

_LINK = re.compile(r"https?://[^\s<>\"]+")
_counter = itertools.count(1)
_lock = threading.Lock()


def first_link(text: str) -> str:
    """The first link into the portal in ``text`` (else the first link at all; else nothing)."""
    links = _LINK.findall(text or "")
    ours = [link for link in links if link.startswith(settings.SITE_URL)]
    return (ours or links or [""])[0].rstrip(".,;:)")


class OutboxBackend(BaseEmailBackend):
    """Writes each message to ``EMAIL_OUTBOX_DIR`` as ``<time>-<process>-<n>.eml`` (written whole, then named, so a
    reader never sees half a file) and logs one line per message."""

    def __init__(self, *args, folder=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.folder = Path(folder or settings.EMAIL_OUTBOX_DIR)

    def send_messages(self, email_messages):
        self.folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            with _lock:
                number = next(_counter)
            name = f"{timezone.localtime():%Y%m%d-%H%M%S}-{os.getpid()}-{number:04d}.eml"
            path = self.folder / name
            partial = self.folder / f".{name}.part"
            partial.write_bytes(message.message().as_bytes(linesep="\n"))
            partial.rename(path)
            self.announce(message, path)
            sent += 1
        return sent

    def announce(self, message, path: Path) -> None:
        line = _("E-mail to %(to)s: “%(subject)s” → %(file)s") % {
            "to": ", ".join(message.to), "subject": message.subject, "file": path,
        }  # fmt: skip
        link = first_link(message.body)
        if link:
            line += " " + _("(link: %(link)s)") % {"link": link}
        logger.warning(line)
