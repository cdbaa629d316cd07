"""Importers: one module per format, each a pure streaming function.

Contract: `read(stream: BinaryIO, *, name: str = "") -> Iterator[Record | Problem]` where a
record is a `ProfileRecord` (a contact), an `InteractionRecord` (a dated touch) or a
`MailMessage` (headers of one message). Readers never touch the store; a file that cannot be
read at all raises `helper.errors.ImportRefused`, one bad record yields a `Problem` and the
batch goes on.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from helper.records import Format, InteractionRecord, MailMessage, Problem, ProfileRecord

Record = ProfileRecord | InteractionRecord | MailMessage
Reader = Callable[..., Iterator[Record | Problem]]

READER_MODULES: dict[Format, str] = {
    Format.LINKEDIN_ZIP: "helper.importers.linkedin_zip",
    Format.LINKEDIN_CONNECTIONS: "helper.importers.linkedin_csv",
    Format.VCARD: "helper.importers.vcard",
    Format.GOOGLE_CSV: "helper.importers.contacts_csv",
    Format.OUTLOOK_CSV: "helper.importers.contacts_csv",
    Format.MBOX: "helper.importers.mbox",
    Format.EML: "helper.importers.eml",
    Format.MAIL_ARCHIVE: "helper.importers.mail_archive",
}


def reader_for(fmt: Format) -> Reader:
    """The `read` function of the importer for `fmt` (imported on first use)."""
    return importlib.import_module(READER_MODULES[fmt]).read


def read(stream: BinaryIO, fmt: Format, *, name: str = "") -> Iterator[Record | Problem]:
    return reader_for(fmt)(stream, name=name)
