"""The seal check of a PDF that came from anyone, run as a process of its own (``python -m seal.inspect``).

A crafted PDF (a compression bomb, a maze of objects) can make a PDF reader take minutes and gigabytes: it must not
do that in a web worker. The parent (``seal.verify.check_seal``) starts this module with a timeout, writes one line
of JSON (the trust roots, the memory and CPU limits this process sets on itself first) and then the PDF to its
standard input, and reads one line of JSON back. No Django here: nothing of the portal's settings, database or
secrets is in reach of the file.
"""

import base64
import io
import json
import resource
import sys


def _name(cert) -> str:
    try:
        return cert.subject.native.get("common_name", "")
    except Exception:
        return ""


def inspect(pdf: bytes, roots_der: list[bytes]) -> dict:
    """What pyHanko's validator says of the (first) signature, and of everything added to the file after it."""
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # not a PDF pyHanko can read
        return {"present": False, "unreadable": True}
    if not signatures:
        return {"present": False}
    signature = signatures[0]
    roots = [x509.Certificate.load(der) for der in roots_der]
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        status = validate_pdf_signature(signature, context)
    except Exception:
        return {"present": True}
    # What follows the signed revision: only validation data (DSS) and document timestamps (the B-LTA update the
    # portal adds itself) leave the sealed document as it was; any other update, a page's content, an annotation, a
    # form field, changes what a reader sees. Without a difference analysis the answer is "changed" too.
    coverage, level = status.coverage, status.modification_level
    unchanged_after = coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and level in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
        and status.docmdp_ok is not False
    )
    timestamp = status.timestamp_validity
    reason = signature.sig_object.get("/Reason")
    signed_at = timestamp.timestamp if timestamp else status.signer_reported_dt
    return {
        "present": True,
        "intact": bool(status.intact and status.valid),
        "changed_after": not unchanged_after,
        "trusted": bool(status.trusted),
        "timestamped": bool(timestamp and timestamp.intact and timestamp.valid and timestamp.trusted),
        "signed_by": _name(status.signing_cert),
        "reason": str(reason) if reason else "",
        "signed_at": signed_at.isoformat() if signed_at else None,
    }


def limit_self(*, memory_mb: int, cpu_seconds: int) -> None:
    """The limits, set by this process on itself before it reads the file (not in the parent between fork and exec,
    which is unsafe in a threaded web server): past them the kernel ends it, and the parent gets no answer."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main() -> None:
    header = json.loads(sys.stdin.buffer.readline())
    limit_self(memory_mb=header["memory_mb"], cpu_seconds=header["cpu_seconds"])
    pdf = sys.stdin.buffer.read()
    result = inspect(pdf, [base64.b64decode(root) for root in header["roots"]])
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore")  # pyHanko's deprecation warnings are no answer
    main()
