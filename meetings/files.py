"""Reading a stored file of the record back, only as it was recorded."""

import hashlib
import logging

logger = logging.getLogger(__name__)


def verified_bytes(stored_file, sha256: str) -> bytes | None:
    """The stored file's bytes if they still have the recorded SHA-256 (a file recorded before hashes were kept,
    with none, is taken as it is); None, and a line in the log, for a file changed or swapped in storage."""
    with stored_file.open("rb") as source:
        content = source.read()
    if sha256 and hashlib.sha256(content).hexdigest() != sha256:
        logger.error("Stored file %s is not the one recorded (SHA-256): left out", stored_file.name)
        return None
    return content
