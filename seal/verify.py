"""Checking a document: is it an approved, published version of the notes, and does its seal validate?"""

import hashlib
import io
import logging
import re
from dataclasses import dataclass

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from meetings.models import MinutesVersion, MinutesWithdrawal
from seal.signers import outside_any_event_loop, trust_roots

logger = logging.getLogger(__name__)
SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class SealCheck:
    """What pyHanko's validator says of the (first) signature in a PDF."""

    present: bool
    intact: bool = False  # the signed bytes are unchanged
    trusted: bool = False  # the certificate chains to a trusted root and was valid
    timestamped: bool = False  # a signed timestamp that validates
    signed_by: str = ""
    reason: str = ""
    signed_at: object = None
    unreadable: bool = False

    @property
    def valid(self) -> bool:
        return self.present and self.intact and self.trusted


def check_seal(pdf: bytes) -> SealCheck:
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # not a PDF pyHanko can read: said so, never an error page
        return SealCheck(present=False, unreadable=True)
    if not signatures:
        return SealCheck(present=False)
    signature = signatures[0]
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False, revocation_mode="soft-fail")
    try:
        status = outside_any_event_loop(validate_pdf_signature, signature, context)
    except Exception:
        logger.warning("A signature could not be validated", exc_info=True)
        return SealCheck(present=True)
    timestamp = status.timestamp_validity
    reason = signature.sig_object.get("/Reason")
    return SealCheck(
        present=True, intact=status.intact and status.valid, trusted=status.trusted,
        timestamped=bool(timestamp and timestamp.intact and timestamp.valid and timestamp.trusted),
        signed_by=status.signing_cert.subject.native.get("common_name", ""), reason=str(reason) if reason else "",
        signed_at=(timestamp.timestamp if timestamp else status.signer_reported_dt),
    )  # fmt: skip


@dataclass
class Verdict:
    sha256: str
    version: MinutesVersion | None
    newer: MinutesVersion | None
    seal: SealCheck | None
    withdrawn: MinutesWithdrawal | None = None  # taken down from the public site since (the reason is not told)


def published_version(sha256: str) -> MinutesVersion | None:
    """The approved version with this SHA-256 that was published (withdrawn since, too: it is authentic), or None
    (an approved version never published, too)."""
    return (
        MinutesVersion.objects.filter(pdf_sha256=sha256, published_at__isnull=False)
        .select_related("minutes__meeting__body")
        .first()
    )


def verify(*, pdf: bytes | None = None, sha256: str = "") -> Verdict:
    """A PDF (its hash, and its own seal), or a pasted hash (the stored file's seal)."""
    sha256 = hashlib.sha256(pdf).hexdigest() if pdf is not None else sha256.strip().lower()
    version = published_version(sha256) if SHA256.match(sha256) else None
    newer = withdrawn = None
    if version is not None:
        newer = (
            MinutesVersion.objects.public().filter(minutes=version.minutes, version__gt=version.version)
            .order_by("-version").first()
        )  # fmt: skip
        withdrawn = MinutesWithdrawal.objects.filter(version=version).first()
    seal = None
    if pdf is not None:
        seal = check_seal(pdf)
    elif version is not None and version.seal_level:
        with version.pdf.open("rb") as stored:
            seal = check_seal(stored.read())
    return Verdict(sha256=sha256, version=version, newer=newer, seal=seal, withdrawn=withdrawn)
