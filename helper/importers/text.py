"""Decoding and CSV helpers shared by the text importers.

Text decodes as UTF-8 (a leading BOM dropped) first. The stated fallbacks: a UTF-16 or UTF-32
BOM, or a NUL-interleaved head, selects UTF-16; a byte that is not valid UTF-8 decodes as
Windows-1252, the encoding Excel and Outlook write on Western Windows machines.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from helper.errors import ImportRefused
from helper.importers.csv_recovery import RowLines, refusal
from helper.normalize import normalize_email, normalize_link, normalize_phone
from helper.records import Problem

HEAD_BYTES = 8192
MAX_LINE_BYTES = 1 << 20
DELIMITERS = (",", ";", "\t")
HEADER_SCAN_LINES = 12
RAW_CHARS = 2000
FORMULA_SCAN_CHARS = 256
_FALLBACK_ERRORS = "outreach-helper-cp1252"

_LONE_CR = re.compile(r"(?<=\r)(?!\n)(?!$)")
_FORMULA_STARTS = frozenset("=+-@\t\r\n ")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
# A cell a spreadsheet would evaluate (OWASP "CSV injection"): anything after `=`, or `+`/`-`/`@`
# leading to a function call or a DDE `cmd|'...'!A0` link. `+44 20 ...` phone numbers stay data.
_FORMULA = re.compile(r"^(?:=|[+\-@](?=.*(?:[A-Za-z_][\w.]*\(|\|.*!)))", re.DOTALL)


def peek(stream: BinaryIO, size: int = HEAD_BYTES) -> tuple[bytes, BinaryIO]:
    """The first `size` bytes, and a stream that still starts at the beginning."""
    if stream.seekable():
        start = stream.tell()
        head = stream.read(size)
        stream.seek(start)
        return head, stream
    head = stream.read(size)
    return head, io.BufferedReader(_Prefixed(head, stream))


class _Prefixed(io.RawIOBase):
    """A non-seekable stream with bytes already read put back in front of it."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            count = min(len(buffer), len(self._prefix))
            buffer[:count] = self._prefix[:count]
            self._prefix = self._prefix[count:]
            return count
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def sniff_encoding(head: bytes) -> str:
    """The codec for a text file from its first bytes: 'utf-8-sig', 'utf-16' or 'cp1252'."""
    if head.startswith(_UTF32_BOMS):
        return "utf-32"
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    if _looks_like_bomless_utf16(head):
        return "utf-16-le" if head[1:2] == b"\0" else "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _looks_like_bomless_utf16(head: bytes) -> bool:
    sample = head[:512]
    if len(sample) < 4:
        return False
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    return max(even_nuls, odd_nuls) > half * 0.8 and min(even_nuls, odd_nuls) < half * 0.1


def decode_head(head: bytes) -> str:
    """The first bytes of a file as text, for format detection (never raises)."""
    encoding = sniff_encoding(head)
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(head, final=False)


def binary_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """Physical lines (ending kept), each cut to `limit` bytes; the rest of a longer line is
    read and dropped so that memory stays bounded."""
    while True:
        line = stream.readline(limit)
        if not line:
            return
        if len(line) == limit and not line.endswith(b"\n"):
            _skip_to_line_end(stream, limit)
        yield line


def _skip_to_line_end(stream: BinaryIO, chunk_size: int) -> None:
    while True:
        chunk = stream.readline(chunk_size)
        if not chunk or chunk.endswith(b"\n"):
            return


def _cp1252_for_invalid_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode-error handler: bytes that are not UTF-8 are read as Windows-1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


codecs.register_error(_FALLBACK_ERRORS, _cp1252_for_invalid_bytes)


def decode_line(line: bytes) -> str:
    """One line of a UTF-8 file; any byte that is not UTF-8 is read as Windows-1252, so a file
    that mixes both (an export edited in Excel) keeps every character."""
    return line.decode("utf-8", errors=_FALLBACK_ERRORS)


def text_lines(stream: BinaryIO) -> Iterator[str]:
    """The file's lines as text, line endings kept (what the csv module wants); a lone CR
    (classic Mac OS) ends a line too."""
    head, stream = peek(stream)
    encoding = sniff_encoding(head)
    if encoding.startswith(("utf-16", "utf-32")):
        lines: Iterator[str] = _wide_lines(stream, encoding)
    else:
        lines = (decode_line(line) for line in binary_lines(stream))
    first = True
    for line in lines:
        if first:
            line, first = line.removeprefix("\ufeff"), False
        if "\r" in line.rstrip("\r\n"):
            yield from _LONE_CR.split(line)
        else:
            yield line


def _wide_lines(stream: BinaryIO, encoding: str) -> Iterator[str]:
    """Lines of a UTF-16/32 file; an invalid code unit reads as U+FFFD rather than failing."""
    wrapper = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")  # type: ignore[arg-type]
    try:
        while line := wrapper.readline(MAX_LINE_BYTES):
            yield line
    finally:
        wrapper.detach()  # the caller owns the stream: closing the wrapper would close it


def split_cells(line: str, delimiter: str) -> list[str]:
    """The cells of one CSV line (quotes honoured); [] when csv cannot read it."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


@dataclass
class HeaderRow:
    """Where a CSV table starts: its delimiter, its header cells and its 1-based line."""

    delimiter: str
    names: list[str]
    line_number: int


def find_header(
    lines: Iterator[str], is_header: Callable[[list[str]], bool]
) -> tuple[HeaderRow, Iterator[str]] | None:
    """The first line (among the first few) that `is_header` accepts with some delimiter, and
    the lines after it; None when no early line is a header."""
    for number in range(1, HEADER_SCAN_LINES + 1):
        line = next(lines, None)
        if line is None:
            return None
        for delimiter in _delimiters_by_count(line):
            cells = [cell.strip() for cell in split_cells(line, delimiter)]
            if is_header(cells):
                return HeaderRow(delimiter, cells, number), lines
    return None


def _delimiters_by_count(line: str) -> list[str]:
    return sorted(DELIMITERS, key=line.count, reverse=True)


def csv_rows(lines: Iterable[str], header: HeaderRow) -> Iterator[tuple[int, list[str]] | Problem]:
    """Data rows after the header with the line each starts on; a row csv cannot read (one
    field over csv's 128 KiB limit, say) is a Problem, and the rows after it are read as usual."""
    source = RowLines(lines)
    reader = csv.reader(source, delimiter=header.delimiter)
    consumed = header.line_number
    while True:
        source.new_row()
        start = consumed + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Problem(f"line {start}", refusal(error), "".join(source.taken)[:RAW_CHARS])
            consumed += len(source.taken) + source.skip_rest_of_row(header.delimiter)
            continue
        consumed += len(source.taken)
        if any(cell.strip() for cell in row):
            yield start, row


def is_formula(value: str) -> bool:
    """Whether a spreadsheet would run this cell as a formula."""
    if not value or value[0] not in _FORMULA_STARTS:
        return False
    # The first few hundred characters decide; bounding them keeps the pattern linear.
    return bool(_FORMULA.match(value.lstrip("\t\r\n ")[:FORMULA_SCAN_CHARS]))


def clean_cell(value: str) -> str | None:
    """The cell's text stripped, or None when it is a formula (kept out of every field)."""
    return None if is_formula(value) else value.strip()


def header_key(name: str) -> str:
    """A header cell compared without case, BOM, quotes or extra spaces."""
    return " ".join(name.replace("\ufeff", "").strip().strip('"').casefold().split())


def require_text(head: bytes, what: str) -> None:
    """Refuse an empty file before any parsing starts."""
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportRefused(f"The file is empty: there is no {what} to import.")


@dataclass
class Row:
    """One CSV data row with its cells looked up by header name; formula cells read as empty
    and are remembered so the importer can say which columns it left out."""

    number: int
    cells: list[str]
    columns: dict[str, int]
    formulas: list[str] = field(default_factory=list)

    @property
    def location(self) -> str:
        return f"line {self.number}"

    def get(self, *names: str) -> str:
        """The first non-empty cell among the columns `names` (header keys), or ''."""
        for name in names:
            index = self.columns.get(name)
            if index is None or index >= len(self.cells):
                continue
            cell = self.cells[index]
            # clean_cell without its call for the common cell, which cannot be a formula.
            if cell[:1] in _FORMULA_STARTS and is_formula(cell):
                self.formulas.append(name)
                continue
            value = cell.strip()
            if value:
                return value
        return ""

    def values(self) -> dict[str, str]:
        """Every column of `columns` that holds text, read as `get` reads it, in one pass: for
        importers that read most columns of every row (`get` per column was a third of a
        30,000-row Connections.csv read)."""
        cells, count = self.cells, len(self.cells)
        found: dict[str, str] = {}
        for name, index in self.columns.items():
            if index >= count:
                continue
            cell = cells[index]
            if cell[:1] in _FORMULA_STARTS and is_formula(cell):
                self.formulas.append(name)
                continue
            value = cell.strip()
            if value:
                found[name] = value
        return found

    def raw(self, delimiter: str = ",") -> str:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="").writerow(self.cells)
        return buffer.getvalue()[:RAW_CHARS]

    def formula_problem(self) -> Problem | None:
        if not self.formulas:
            return None
        names = ", ".join(sorted({name.replace("_", " ") for name in self.formulas}))
        return Problem(
            self.location,
            f"spreadsheet formula left out of {names}; the rest of the row was imported",
            self.raw(),
        )


def column_index(names: list[str]) -> dict[str, int]:
    """Header key -> column number (the first column of a repeated name wins)."""
    index: dict[str, int] = {}
    for number, name in enumerate(names):
        index.setdefault(header_key(name), number)
    return index


def checked_emails(values: Iterable[str], location: str) -> tuple[list[str], list[Problem]]:
    """Normalised, de-duplicated addresses; each invalid one becomes a Problem."""
    emails: list[str] = []
    problems: list[Problem] = []
    for value in values:
        text = value.strip()
        if not text:
            continue
        email = normalize_email(text)
        if email is None:
            problems.append(
                Problem(location, f"not a valid e-mail address, left out: {text[:80]!r}", text)
            )
        elif email not in emails:
            emails.append(email)
    return emails, problems


def checked_links(values: Iterable[str], location: str) -> tuple[list[str], list[Problem]]:
    """The links a contact may keep (`normalize_link`), de-duplicated; each other one (a
    `javascript:` or `data:` link, which would run in the app that shows it) becomes a Problem."""
    links: list[str] = []
    problems: list[Problem] = []
    for value in values:
        link = normalize_link(value)
        if link is None:
            problems.append(
                Problem(
                    location,
                    f"not a web link (http or https), left out: {value[:80]!r}",
                    value[:RAW_CHARS],
                )
            )
        elif link not in links:
            links.append(link)
    return links, problems


def checked_phones(values: Iterable[str]) -> list[str]:
    """E.164 numbers, de-duplicated; text that is no phone number is dropped."""
    phones: list[str] = []
    for value in values:
        phone = normalize_phone(value) if value.strip() else None
        if phone and phone not in phones:
            phones.append(phone)
    return phones


def name_from_email(email: str) -> str:
    """A readable name from an address's local part: 'john.doe@x' -> 'John Doe'."""
    local = email.partition("@")[0].partition("+")[0]
    words = [word for word in re.split(r"[._\-]+", local) if word and not word.isdigit()]
    return " ".join(word.capitalize() for word in words)
