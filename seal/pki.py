"""A small certificate chain of our own: a root, the portal's seal, a timestamp authority. For the demo (clearly
named as one) and the tests, so that neither needs the outside world. Production uses a real seal certificate
(SEAL_PKCS12_PATH) and a real timestamp authority (SEAL_TSA_URL)."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass
class Chain:
    seal_p12: Path
    tsa_p12: Path
    root_pem: Path
    password: str


KEY_USAGES = ["digital_signature", "content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
              "key_cert_sign", "crl_sign", "encipher_only", "decipher_only"]  # fmt: skip


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "SRO-portalen"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])  # fmt: skip


def _certificate(subject, issuer, key, issuer_key, *, ca: bool, usage: dict, eku=None, days: int):
    now = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    )
    flags = dict.fromkeys(KEY_USAGES, False)
    builder = builder.add_extension(x509.KeyUsage(**(flags | usage)), critical=True)
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def make_chain(folder: Path, *, label: str = "DEMO", password: str = "demo", days: int = 3650) -> Chain:
    """Write a root, a seal certificate and a timestamp authority under ``folder``: PKCS#12 files for the seal
    and the TSA (each with the root), and the root as PEM (the trust anchor for verifying)."""
    folder.mkdir(parents=True, exist_ok=True)
    # ECDSA P-256 for the root and the seal (what PDF readers check, and quick to load for each signature);
    # RSA for the timestamp authority, the only kind pyHanko's local authority signs with.
    root_key, seal_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(2))
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name(f"SRO-portalen {label} rotcertifikat")
    root = _certificate(root_name, root_name, root_key, root_key, ca=True, days=days,
                        usage={"key_cert_sign": True, "crl_sign": True})  # fmt: skip
    seal = _certificate(_name(f"SRO-portalen {label} elektroniskt sigill"), root_name, seal_key, root_key, ca=False,
                        days=days, usage={"digital_signature": True, "content_commitment": True})  # fmt: skip
    tsa = _certificate(_name(f"SRO-portalen {label} tidsstämpel"), root_name, tsa_key, root_key, ca=False, days=days,
                       usage={"digital_signature": True}, eku=[ExtendedKeyUsageOID.TIME_STAMPING])  # fmt: skip
    encryption = serialization.BestAvailableEncryption(password.encode())
    chain = Chain(folder / "seal.p12", folder / "tsa.p12", folder / "root.pem", password)
    chain.seal_p12.write_bytes(pkcs12.serialize_key_and_certificates(b"seal", seal_key, seal, [root], encryption))
    chain.tsa_p12.write_bytes(pkcs12.serialize_key_and_certificates(b"tsa", tsa_key, tsa, [root], encryption))
    chain.root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    return chain


def demo_seal_settings(folder: Path) -> dict:
    """The settings that seal with the demo chain under ``folder`` (made on first use): for ``load_demo`` and
    ``make run`` where no seal certificate of one's own is configured."""
    chain = Chain(folder / "seal.p12", folder / "tsa.p12", folder / "root.pem", "demo")
    if not (chain.seal_p12.is_file() and chain.tsa_p12.is_file() and chain.root_pem.is_file()):
        chain = make_chain(folder)
    return {"SEAL_SIGNER": "", "SEAL_PKCS12_PATH": str(chain.seal_p12), "SEAL_PKCS12_PASSWORD": chain.password,
            "SEAL_TSA_URL": "", "SEAL_LOCAL_TSA_PKCS12_PATH": str(chain.tsa_p12),
            "SEAL_TRUST_ROOTS": [str(chain.root_pem)]}  # fmt: skip
