"""A contact's UID in the files it is exported to, apart from the vCard writer: the CSV export
and the sync name contacts by it without loading nameparser, which the vCard writer needs and
which is a tenth of a CSV export's start-up."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime

# The namespace of every contact's UID. Never change it: an address book matches a card it
# imports again by its UID, so a new namespace would duplicate every contact it holds.
UID_NAMESPACE = uuid.UUID("6f403246-050a-5905-bc0e-3ece31ef9873")
_NAMESPACE_BYTES = UID_NAMESPACE.bytes


def contact_uid(contact_id: int, created_at: datetime | None) -> str:
    """A contact's UID: the same in every export of the store, so an address book that imports
    a second export updates its cards instead of adding copies (RFC 6350 §6.7.6, RFC 2426
    §3.6.7). Made of what never changes for a contact, its id and when it was created, which a
    JSON export and its restore keep too.

    It is `uuid.uuid5(UID_NAMESPACE, name)` (RFC 4122 §4.3) written out by hand: the UUID
    object cost a 30,000-contact export a tenth of a second."""
    stamp = created_at.isoformat() if created_at is not None else ""
    name = f"contact/{contact_id}/{stamp}".encode()
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name, usedforsecurity=False).digest())
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    hexed = digest[:16].hex()
    return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"
