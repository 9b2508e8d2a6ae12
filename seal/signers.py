"""Who signs an approved version. One small interface, ``DocumentSigner``: the portal's electronic seal (PAdES,
pyHanko) is the default; a Swedish e-legitimation signing service that signs as the chair herself can take its
place later (``SEAL_SIGNER``) without any change to the approval."""

import asyncio
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator import ValidationContext

from seal.tagging import add_tagged_signature_field

logger = logging.getLogger(__name__)

FIELD_NAME = "Sigill"
TIMESTAMP_FIELD_NAME = "Tidsstampel"


@dataclass(frozen=True)
class Signature:
    """What a signing gave: the PAdES level reached and who signed (the certificate's name)."""

    level: str
    signed_by: str


def outside_any_event_loop(func, *args, **kwargs):
    """Call ``func`` (pyHanko's synchronous API, which runs an event loop of its own) where no event loop is running:
    here, or, under a running one (an ASGI server, Playwright's in the tests), in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return func(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(func, *args, **kwargs).result()


class DocumentSigner(Protocol):
    def sign(self, pdf: bytes, *, reason: str) -> tuple[bytes, Signature]:
        """The PDF signed by an incremental update (the signed bytes stay as they were), and what was done."""


def _load_pkcs12(path: str, password: str) -> signers.SimpleSigner:
    return signers.SimpleSigner.load_pkcs12_data(Path(path).read_bytes(), other_certs=[],
                                                 passphrase=password.encode() if password else None)  # fmt: skip


def trust_roots() -> list[asn1_x509.Certificate]:
    """The anchors a seal is checked against: SEAL_TRUST_ROOTS (PEM files), and the self-signed roots in the
    portal's own PKCS#12 (the chain it was issued with). Read once per process and settings."""
    return _trust_roots(tuple(settings.SEAL_TRUST_ROOTS), settings.SEAL_PKCS12_PATH, settings.SEAL_PKCS12_PASSWORD)


@lru_cache(maxsize=4)
def _trust_roots(pem_paths: tuple, pkcs12_path: str, password: str) -> list[asn1_x509.Certificate]:
    roots = [cert for path in pem_paths if Path(path).is_file() for cert in load_certs_from_pemder([path])]
    if pkcs12_path and Path(pkcs12_path).is_file():
        roots += [cert for cert in _load_pkcs12(pkcs12_path, password).cert_registry if cert.self_signed != "no"]
    return roots


class PadesSeal:
    """The portal's electronic seal: a PAdES signature with the seal certificate (PKCS#12). With a timestamp
    authority, a signed timestamp (B-T) and, where the chain can be validated, the validation data embedded and a
    document timestamp on top (B-LTA). Without one, B-B."""

    def __init__(self, *, pkcs12_path: str, password: str = "", tsa_url: str = "", local_tsa_pkcs12_path: str = ""):
        self.signer = _load_pkcs12(pkcs12_path, password)
        self.timestamper = None
        if tsa_url:
            self.timestamper = HTTPTimeStamper(tsa_url)
        elif local_tsa_pkcs12_path:  # the demo's and the tests' own authority: never the network
            tsa = _load_pkcs12(local_tsa_pkcs12_path, password)
            self.timestamper = DummyTimeStamper(tsa_cert=tsa.signing_cert, tsa_key=tsa.signing_key,
                                                certs_to_embed=list(tsa.cert_registry))  # fmt: skip

    @property
    def signed_by(self) -> str:
        return self.signer.signing_cert.subject.native.get("common_name", "")

    def _sign(self, pdf: bytes, reason: str, *, lta: bool) -> bytes:
        context = None
        if lta:
            context = ValidationContext(trust_roots=trust_roots(), allow_fetching=bool(settings.SEAL_TSA_URL),
                                        revocation_mode="soft-fail")  # fmt: skip
        metadata = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME, reason=reason, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
            embed_validation_info=lta, use_pades_lta=lta, validation_context=context,
            timestamp_field_name=TIMESTAMP_FIELD_NAME if lta else None,
        )  # fmt: skip
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        # Both fields described and tagged in the revision the seal signs (PDF/UA-1; seal/tagging.py).
        add_tagged_signature_field(writer, name=FIELD_NAME, description=_("Electronic seal: %(reason)s") % {
            "reason": reason})  # fmt: skip
        if lta:
            add_tagged_signature_field(writer, name=TIMESTAMP_FIELD_NAME, description=_(
                "Document timestamp that keeps the electronic seal verifiable over time"))  # fmt: skip
        signer = signers.PdfSigner(metadata, signer=self.signer, timestamper=self.timestamper)
        return outside_any_event_loop(signer.sign_pdf, writer).getvalue()

    def sign(self, pdf: bytes, *, reason: str) -> tuple[bytes, Signature]:
        if self.timestamper is None:
            return self._sign(pdf, reason, lta=False), Signature("PAdES B-B", self.signed_by)
        try:
            return self._sign(pdf, reason, lta=True), Signature("PAdES B-LTA", self.signed_by)
        except Exception:  # the chain could not be validated for embedding: a timestamped seal all the same
            logger.warning("The seal's validation data could not be embedded: sealed as PAdES B-T", exc_info=True)
            return self._sign(pdf, reason, lta=False), Signature("PAdES B-T", self.signed_by)


@lru_cache(maxsize=4)
def _configured(signer: str, pkcs12_path: str, password: str, tsa_url: str, local_tsa: str) -> DocumentSigner | None:
    if signer:
        return import_string(signer)()
    if not pkcs12_path:
        return None
    return PadesSeal(pkcs12_path=pkcs12_path, password=password, tsa_url=tsa_url, local_tsa_pkcs12_path=local_tsa)


def configured_signer() -> DocumentSigner | None:
    """The signer the settings name (loaded once per process and settings), or None: approved notes unsealed."""
    return _configured(settings.SEAL_SIGNER, settings.SEAL_PKCS12_PATH, settings.SEAL_PKCS12_PASSWORD,
                       settings.SEAL_TSA_URL, settings.SEAL_LOCAL_TSA_PKCS12_PATH)  # fmt: skip
