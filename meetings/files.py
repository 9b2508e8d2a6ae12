"""Reading a stored file of the record back, only as it was recorded."""

import hashlib
import logging

logger = logging.getLogger(__name__)

CHUNK = 1 << 16


def file_digests(source, *algorithms: str) -> tuple[dict[str, str], int]:
    """The hex digests of a file (an open stored file, or an upload) read in chunks, and its size in bytes:
    ``file_digests(f, "sha256", "sha512")`` → ({"sha256": …, "sha512": …}, size)."""
    digests = {name: hashlib.new(name) for name in algorithms}
    size = 0
    chunks = source.chunks(CHUNK) if hasattr(source, "chunks") else iter(lambda: source.read(CHUNK), b"")
    for chunk in chunks:
        for digest in digests.values():
            digest.update(chunk)
        size += len(chunk)
    return {name: digest.hexdigest() for name, digest in digests.items()}, size


def verified_bytes(stored_file, sha256: str) -> bytes | None:
    """The stored file's bytes if they still have the recorded SHA-256 (a file recorded before hashes were kept,
    with none, is taken as it is); None, and a line in the log, for a file changed or swapped in storage."""
    with stored_file.open("rb") as source:
        content = source.read()
    if sha256 and hashlib.sha256(content).hexdigest() != sha256:
        logger.error("Stored file %s is not the one recorded (SHA-256): left out", stored_file.name)
        return None
    return content
