"""Checking a document: is it the published record, an approved version not public (yet), a changed copy of a sealed
document, or none of the portal's own; and what does its seal say?"""

import base64
import datetime
import hashlib
import json
import logging
import re
import subprocess
import sys
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from meetings.models import MinutesVersion, MinutesWithdrawal
from seal.signers import trust_roots

logger = logging.getLogger(__name__)
SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class SealCheck:
    """What pyHanko's validator says of the (first) signature in a PDF."""

    present: bool
    intact: bool = False  # the signed bytes are unchanged
    changed_after: bool = False  # something other than validation data and document timestamps was added after it
    trusted: bool = False  # the certificate chains to a trusted root and was valid
    timestamped: bool = False  # a signed timestamp that validates
    signed_by: str = ""
    reason: str = ""
    signed_at: object = None
    unreadable: bool = False
    refused: bool = False  # the check took more time or memory than it may: not answered

    @property
    def unchanged(self) -> bool:
        """The document reads as it did when sealed: the signed bytes intact, and nothing but validation data after."""
        return self.present and self.intact and not self.changed_after

    @property
    def valid(self) -> bool:
        return self.unchanged and self.trusted


def check_seal(pdf: bytes) -> SealCheck:
    """The seal of ``pdf`` checked in a process of its own (``seal/inspect.py``), with VERIFY_SECONDS and
    VERIFY_MEMORY_MB as its limits: a file that needs more is refused, and the web worker is not touched."""
    roots = [base64.b64encode(cert.dump()).decode() for cert in trust_roots()]
    header = {"roots": roots, "memory_mb": settings.VERIFY_MEMORY_MB,
              "cpu_seconds": max(1, int(settings.VERIFY_SECONDS) + 1)}  # fmt: skip
    message = json.dumps(header).encode() + b"\n" + pdf
    try:
        done = subprocess.run(
            [sys.executable, "-m", "seal.inspect"], input=message, capture_output=True, cwd=settings.BASE_DIR,
            timeout=settings.VERIFY_SECONDS, env={"PYTHONDONTWRITEBYTECODE": "1"},
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        logger.warning("A document's seal check took more than %s s: refused", settings.VERIFY_SECONDS)
        return SealCheck(present=False, refused=True)
    try:
        answer = json.loads(done.stdout.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):  # killed at its memory or CPU limit, or failed: no answer
        logger.warning("A document's seal check ended without an answer (exit %s): refused", done.returncode)
        return SealCheck(present=False, refused=True)
    if answer.get("signed_at"):
        answer["signed_at"] = datetime.datetime.fromisoformat(answer["signed_at"])
    return SealCheck(**answer)


@dataclass
class Verdict:
    sha256: str
    version: MinutesVersion | None  # the published version with this SHA-256
    newer: MinutesVersion | None
    seal: SealCheck | None
    withdrawn: MinutesWithdrawal | None = None  # taken down from the public site since (the reason is not told)
    approved: bool = False  # an approved version with this SHA-256, not published (yet): nothing more is told

    @property
    def answer(self) -> str:
        """One of four: "published" (the record), "approved" (an approved version not public), "changed" (a sealed
        document changed since: the seal broken, or content added after it) or "unknown" (none of the portal's)."""
        if self.version is not None:
            return "published"
        if self.approved:
            return "approved"
        if self.seal is not None and self.seal.present and not self.seal.unchanged:
            return "changed"
        return "unknown"


def published_version(sha256: str) -> MinutesVersion | None:
    """The approved version with this SHA-256 that was published (withdrawn since, too: it is authentic), or None
    (an approved version never published, too)."""
    return (
        MinutesVersion.objects.filter(pdf_sha256=sha256, published_at__isnull=False)
        .select_related("minutes__meeting__body")
        .first()
    )


def _stored_seal(version: MinutesVersion) -> SealCheck:
    """The seal of a stored version, checked once a day at most: the file never changes, and a pasted hash
    (anyone's, as often as they like) must not start a check each time."""

    key = f"seal-check:{version.pdf_sha256}"
    if (kept := cache.get(key)) is not None:
        return kept
    with version.pdf.open("rb") as stored:
        seal = check_seal(stored.read())
    if not seal.refused:  # a busy moment is not remembered for a day
        cache.set(key, seal, 24 * 3600)
    return seal


def verify(*, pdf: bytes | None = None, sha256: str = "") -> Verdict:
    """A PDF (its hash, and its own seal), or a pasted hash (the stored file's seal, if published)."""
    sha256 = hashlib.sha256(pdf).hexdigest() if pdf is not None else sha256.strip().lower()
    version = published_version(sha256) if SHA256.match(sha256) else None
    newer = withdrawn = None
    approved = False
    if version is not None:
        newer = (
            MinutesVersion.objects.public().filter(minutes=version.minutes, version__gt=version.version)
            .order_by("-version").first()
        )  # fmt: skip
        withdrawn = MinutesWithdrawal.objects.filter(version=version).first()
    elif SHA256.match(sha256):
        approved = MinutesVersion.objects.filter(pdf_sha256=sha256).exists()
    seal = None
    if pdf is not None:
        seal = check_seal(pdf)
    elif version is not None and version.seal_level:
        seal = _stored_seal(version)
    return Verdict(sha256=sha256, version=version, newer=newer, seal=seal, withdrawn=withdrawn, approved=approved)
