"""Sealing an approved version of the notes: the one entry point the approval calls."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from seal.signers import Signature, configured_signer


def approval_reason(*, name: str, chair: bool, when: datetime.datetime) -> str:
    """The approval as the signature's reason: "Godkänd av ordföranden Helén Eliasson 2025-03-20", the date as it
    was in Sweden (an approval at 00.30 is dated that day, not the day before in UTC)."""
    text = _("Approved by the chair %(name)s %(date)s") if chair else _("Approved by the vice chair %(name)s %(date)s")
    return text % {"name": name, "date": f"{timezone.localtime(when):%Y-%m-%d}"}


def seal_approved_notes(
    pdf: bytes, *, name: str, chair: bool, when: datetime.datetime
) -> tuple[bytes, Signature | None]:
    """The approved notes' PDF/A sealed, approved by ``name`` as chair (or vice chair) at ``when``: the hook
    ``meetings.services.minutes.freeze`` calls (``meetings.hooks``)."""
    return seal_approved(pdf, reason=approval_reason(name=name, chair=chair, when=when))


def seal_approved(pdf: bytes, *, reason: str) -> tuple[bytes, Signature | None]:
    """The approved PDF/A sealed by the configured signer (an incremental update: the approved bytes are kept
    as they were), or as it is where no seal is configured (``manage.py check`` says so)."""
    signer = configured_signer()
    if signer is None:
        return pdf, None
    return signer.sign(pdf, reason=reason)
