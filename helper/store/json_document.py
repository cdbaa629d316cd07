"""The whole store as one JSON document.

The document is `{"format": "outreach-helper", "schema_version": <Alembic revision>,
"tables": {<table>: [<row>, ...]}}` with every row of every table in primary-key order, so a
dump, a load into an empty store and a second dump give the same document. Dates and times are
ISO 8601 (naive times are UTC, as stored).

Secrets stay out: the `bridge_token` table (paired browser extensions) and, on `me`, the
calendar feed token and the extension pairing code. After a load the extension is paired again
and the calendar feed gets a new address.

A document is read back with `DocumentStream`, one value at a time: parsed whole, a 200 MB
export took 5 GB of memory.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any, BinaryIO

from sqlalchemy import Column, Table
from sqlalchemy.orm import Session

from helper.db import head_revision
from helper.db.models import Base
from helper.errors import ImportRefused
from helper.resources import head_in_scripts
from helper.store.json_rows import table_chunks

FORMAT_NAME = "outreach-helper"
# Paired extensions are secrets; the change counter and log are the matching cache's
# bookkeeping; what was pushed to a sync server belongs to that server, not to the contacts.
EXCLUDED_TABLES = frozenset({"bridge_token", "change_counter", "contact_change", "synced_resource"})
SECRET_COLUMNS = {"me": frozenset({"calendar_token", "pairing_code", "pairing_expires_at"})}
READ_BYTES = 1 << 20
# Far above any row a store holds (the largest is a merge's snapshot of two contacts); a longer
# value is refused rather than held in memory whole.
MAX_VALUE_CHARS = 8 << 20
_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER_GOES_ON = re.compile(r"[0-9eE.+-]*\Z")
_DECODER = json.JSONDecoder()


def dumped_tables() -> list[Table]:
    """The tables a dump holds, parents before children (the order a load inserts them in)."""
    return [table for table in Base.metadata.sorted_tables if table.name not in EXCLUDED_TABLES]


def dumped_columns(table: Table) -> list[Column]:
    secret = SECRET_COLUMNS.get(table.name, frozenset())
    return [column for column in table.columns if column.name not in secret]


def dumps(session: Session) -> str:
    """The whole document as one string, for a small store; an export writes `document_chunks`."""
    return "".join(document_chunks(session))


def dump(session: Session) -> dict[str, Any]:
    """The document as Python values: every row of every table, with the schema revision."""
    return json.loads(dumps(session))


def schema_version() -> str:
    """The newest revision, read from the scripts' lines as opening a store reads it, so that
    an export does not import Alembic (a tenth of a JSON export); Alembic decides when the lines
    do not."""
    return head_in_scripts() or head_revision()


def document_chunks(session: Session) -> Iterator[str]:
    """The document's text a few hundred rows at a time, table by table, so memory stays
    bounded at any store size. The text is `json.dumps(document, ensure_ascii=False,
    indent=2)` of the whole document, plus a final line break, built without holding it."""
    yield "{\n"
    yield f'  "format": {encode_basestring(FORMAT_NAME)},\n'
    yield f'  "schema_version": {encode_basestring(schema_version())},\n'
    yield '  "tables": {'
    for number, table in enumerate(dumped_tables()):
        yield ("\n" if number == 0 else ",\n") + f"    {encode_basestring(table.name)}: "
        yield from table_chunks(session, table, dumped_columns(table))
    yield "\n  }\n}\n"


class DocumentStream:
    """A JSON document read front to back in chunks: the caller walks its objects and arrays
    and takes each value whole, and only the text not yet taken is held in memory.

    Errors are ImportRefused naming the file and, for bad JSON, the line and column.
    """

    def __init__(self, handle: BinaryIO, name: str) -> None:
        self.handle = handle
        self.name = name
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.pos = 0
        self.line, self.column = 1, 1  # where `text` starts in the file
        self.bytes_read = 0
        self.ended = False

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), left unread."""
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text) or not self._read_more():
                return self.text[self.pos : self.pos + 1]

    def members(self) -> Iterator[str]:
        """The keys of the object that starts here; the caller takes each key's value (with
        `value`, `members` or `items`) before asking for the next key."""
        self._take("{")
        if self._take_if("}"):
            return
        while True:
            if self.peek() != '"':
                raise self._syntax_error("Expecting property name enclosed in double quotes")
            key = self.value()
            self._take(":")
            yield key
            if not self._take_if(","):
                self._take("}")
                return

    def items(self) -> Iterator[Any]:
        """The values of the array that starts here, one at a time."""
        self._take("[")
        if self._take_if("]"):
            return
        while True:
            yield self.value()
            if not self._take_if(","):
                self._take("]")
                return

    def value(self) -> Any:
        """The whole JSON value that starts here."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                if self._read_more_of_value():
                    continue
                raise self._syntax_error(error.msg, error.pos) from None
            except RecursionError:
                raise ImportRefused(f"{self.name} nests JSON too deeply to be an export.") from None
            # A number cut by the end of a chunk ("12" of "12.5e3") may go on in the next one.
            if _NUMBER_GOES_ON.match(self.text, end) and self._read_more():
                continue
            self.pos = end
            return value

    def finish(self) -> None:
        """Nothing but white space may follow the document."""
        if self.peek():
            raise self._syntax_error("Extra data")

    def _take(self, char: str) -> None:
        if not self._take_if(char):
            raise self._syntax_error(f"Expecting {char!r} delimiter")

    def _take_if(self, char: str) -> bool:
        if self.peek() != char:
            return False
        self.pos += 1
        return True

    def _read_more_of_value(self) -> bool:
        """More text for a value not yet complete, unless it is already longer than any row."""
        pending = len(self.text) - self.pos
        if pending > MAX_VALUE_CHARS:
            line, column = self._place(self.pos)
            raise ImportRefused(
                f"{self.name} holds a value of over {MAX_VALUE_CHARS:,} characters (line {line}, "
                f"column {column}), longer than any row of an export."
            )
        # Each retry parses the value from its start, so the text read at least doubles.
        return self._read_more(pending)

    def _read_more(self, at_least: int = 0) -> bool:
        """Forget the text taken, read the next chunk; False once the file is done."""
        if self.ended:
            return False
        self._forget_taken()
        data = self.handle.read(max(READ_BYTES, at_least))
        held = len(self.decoder.getstate()[0])
        try:
            self.text += self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            start = self.bytes_read - held + error.start
            raise ImportRefused(f"{self.name} is not UTF-8 text (byte {start}).") from None
        self.bytes_read += len(data)
        self.ended = not data
        return bool(data)

    def _forget_taken(self) -> None:
        self.line, self.column = self._place(self.pos)
        self.text = self.text[self.pos :]
        self.pos = 0

    def _place(self, index: int) -> tuple[int, int]:
        """The line and column (from 1) of `text[index]` in the file."""
        newlines = self.text.count("\n", 0, index)
        if not newlines:
            return self.line, self.column + index
        return self.line + newlines, index - self.text.rfind("\n", 0, index)

    def _syntax_error(self, message: str, index: int | None = None) -> ImportRefused:
        line, column = self._place(self.pos if index is None else index)
        return ImportRefused(
            f"{self.name} is not valid JSON (line {line}, column {column}: {message})."
        )
