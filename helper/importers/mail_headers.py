"""From the raw header block of one message to a `MailMessage`, in bounded time.

The standard library's header parser is superlinear on huge headers (measured: a 50,000-address
To took 14 s), and `getaddresses` splits `alice@x <bob@y>` into two addresses. So the block is
capped before anything looks at it, fields are unfolded by hand, address lists are split by a
linear tokenizer, and RFC 2047 encoded words are decoded per display name after splitting, so
an encoded comma never splits an address.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.errors import HeaderParseError
from email.header import decode_header
from email.utils import parseaddr, parsedate_to_datetime
from functools import lru_cache

from helper.normalize import normalize_email
from helper.records import Address, MailMessage, Problem

# A message's headers are rarely over a few KB; 256 KB leaves room for long Received chains
# and large recipient lists while bounding the work per message.
MAX_HEADER_BLOCK_BYTES = 256 * 1024
MAX_ADDRESSES_PER_HEADER = 1_000
# RFC 5322 section 2.1.1: a line MUST NOT exceed 998 characters; a longer subject is not text
# anyone wrote for a person to read.
MAX_SUBJECT_CHARS = 998
RAW_SNIPPET_CHARS = 200
CACHED_HEADER_CHARS = 1_000
NO_HEADERS = "no From, To, Cc, Date, Subject or Message-ID header; the message was skipped"

ADDRESS_FIELDS = ("to", "cc")
FIRST_WINS_FIELDS = frozenset(
    {"from", "date", "message-id", "subject", "auto-submitted", "precedence", "list-id"}
)
WANTED_FIELDS = FIRST_WINS_FIELDS | frozenset(ADDRESS_FIELDS)

_WANTED_FIELD = re.compile(
    rb"^(" + b"|".join(re.escape(n.encode()) for n in sorted(WANTED_FIELDS)) + rb")[ \t]*:"
    rb"([^\n]*(?:\n[ \t][^\n]*)*)",
    re.MULTILINE | re.IGNORECASE,
)
_FOLD = re.compile(rb"\r?\n|\r$")
_ADDRESS_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"'  # quoted string: commas inside do not separate addresses
    r"|\((?:[^()\\]|\\.)*\)"  # comment
    r"|<[^<>]*>"  # angle address, which may hold a source route with commas
    r"|,"
    r'|[^",(<]+'
    r'|["(<]',  # an unbalanced quote, parenthesis or bracket is plain text
    re.DOTALL,
)
_ENCODED_WORD = "=?"
_NO_REPLY = re.compile(
    r"no[-_.]?reply|do[-_.]?not[-_.]?reply|^mailer-daemon$|^postmaster$|^notifications?$"
    r"|^bounces?(?:[+-]|$)",
    re.IGNORECASE,
)
_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})
# Names that differ from Python's codec names or that real mailers under-declare: GB2312 mail
# routinely carries GBK characters, and GB18030 is the superset of both.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}


class HeaderFields:
    """The unfolded fields of one header block that matter here, as decoded text."""

    def __init__(self) -> None:
        self.first: dict[str, str] = {}
        self.addresses: dict[str, list[str]] = {name: [] for name in ADDRESS_FIELDS}

    def get(self, name: str) -> str:
        return self.first.get(name, "")


def parse_header_block(
    raw: bytes, *, location: str, truncated: bool = False
) -> Iterator[MailMessage | Problem]:
    """The message these headers describe, then any problem found reading them.

    `truncated` says the caller already cut the block at `MAX_HEADER_BLOCK_BYTES`.
    """
    if len(raw) > MAX_HEADER_BLOCK_BYTES:
        raw, truncated = raw[:MAX_HEADER_BLOCK_BYTES], True
    problems: list[Problem] = []
    if truncated:
        problems.append(
            Problem(
                location,
                f"the headers are longer than {MAX_HEADER_BLOCK_BYTES // 1024} KB; "
                "only the first part was read",
                snippet(raw),
            )
        )
    fields = split_fields(raw)
    if not fields.first and not any(fields.addresses.values()):
        yield Problem(location, NO_HEADERS, snippet(raw))
        return
    yield build_message(fields, location, problems)
    yield from problems


def split_fields(raw: bytes) -> HeaderFields:
    """The wanted fields, unfolded (RFC 5322 section 2.2.3: drop each CRLF before whitespace).

    One regular expression over the block finds them, so the cost stays linear in its size.
    """
    fields = HeaderFields()
    first, addresses = fields.first, fields.addresses
    for raw_name, value in _WANTED_FIELD.findall(raw):
        name = _FIELD_NAMES.get(raw_name) or _field_name(raw_name)
        if b"\n" in value or b"\r" in value:  # most fields are one line: nothing to unfold
            value = _FOLD.sub(b"", value)
        try:  # decode_raw, inline: this runs for every field of every message
            text = value.decode("utf-8").strip()
        except UnicodeDecodeError:
            text = value.decode("latin-1").strip()
        if name in addresses:
            addresses[name].append(text)
        elif name not in first:
            first[name] = text
    return fields


# A field name as written (b"From", b"FROM") to its lower-case name; the wanted names have
# a few spellings each, so this stays small.
_FIELD_NAMES: dict[bytes, str] = {}


def _field_name(raw_name: bytes) -> str:
    name = raw_name.decode("ascii").lower()
    if len(_FIELD_NAMES) < 4096:
        _FIELD_NAMES[raw_name] = name
    return name


def build_message(fields: HeaderFields, location: str, problems: list[Problem]) -> MailMessage:
    first = fields.first
    senders = read_addresses("From", first.get("from", ""), location, problems)
    recipients: dict[str, Address] = {}
    for name in ADDRESS_FIELDS:
        label = name.capitalize()
        for value in fields.addresses[name]:
            for address in read_addresses(label, value, location, problems):
                recipients.setdefault(address.email, address)
    sender = senders[0] if senders else None
    if sender is None:
        problems.append(
            Problem(location, "no valid From address", first.get("from", "")[:RAW_SNIPPET_CHARS])
        )
    return MailMessage(
        source_ref=source_ref(fields),
        sent_at=read_date(first.get("date", ""), location, problems),
        sender=sender,
        recipients=list(recipients.values()),
        subject=decode_words(first.get("subject", ""))[:MAX_SUBJECT_CHARS],
        automated_reason=automated_reason(fields, sender),
        location=location,
    )


def decode_raw(value: bytes) -> str:
    """Raw 8-bit header bytes: UTF-8 when they are valid UTF-8, else Latin-1 (never U+FFFD)."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def decode_words(text: str) -> str:
    """RFC 2047 encoded words decoded; adjacent words join without the space between them."""
    if _ENCODED_WORD not in text:
        return " ".join(text.split())
    try:
        chunks = decode_header(text)
    except (HeaderParseError, ValueError):
        return " ".join(text.split())
    decoded = "".join(
        chunk if isinstance(chunk, str) else decode_charset(chunk, charset)
        for chunk, charset in chunks
    )
    return " ".join(decoded.split())


def decode_charset(data: bytes, charset: str | None) -> str:
    """Bytes in a declared charset; an unknown or lying charset falls back to UTF-8, Latin-1."""
    if charset is None:
        # decode_header hands back the text between encoded words this way.
        return data.decode("raw-unicode-escape")
    codec = charset.split("*", 1)[0].strip().lower()  # RFC 2231 section 5 language suffix
    try:
        text = data.decode(_CHARSET_ALIASES.get(codec, codec))
        # UTF-7 and the escape codecs can yield lone surrogates, which no store can encode.
        text.encode("utf-8")
    except (LookupError, ValueError):
        return decode_raw(data)
    return text


def read_addresses(label: str, value: str, location: str, problems: list[Problem]) -> list[Address]:
    """The valid addresses of one address header; every unusable one becomes a problem."""
    reader = parse_address_header if len(value) <= CACHED_HEADER_CHARS else _parse_address_header
    addresses, unusable, cut = reader(value)
    for piece in unusable:
        problems.append(
            Problem(
                location,
                f"{label} holds an unusable address: {piece[:120]}",
                piece[:RAW_SNIPPET_CHARS],
            )
        )
    if cut:
        problems.append(
            Problem(
                location,
                f"{label} lists more than {MAX_ADDRESSES_PER_HEADER:,} addresses; "
                "only the first ones were read",
                value[:RAW_SNIPPET_CHARS],
            )
        )
    return list(addresses)


def _parse_address_header(value: str) -> tuple[tuple[Address, ...], tuple[str, ...], bool]:
    """The valid addresses, the unusable pieces, and whether the list was cut at the cap."""
    addresses: list[Address] = []
    unusable: list[str] = []
    for count, piece in enumerate(split_address_list(value)):
        if count == MAX_ADDRESSES_PER_HEADER:
            return tuple(addresses), tuple(unusable), True
        address = read_mailbox(piece)
        if address is None:
            unusable.append(piece.strip())
        else:
            addresses.append(address)
    return tuple(addresses), tuple(unusable), False


# The same To and From lines come back message after message (the owner's own address above
# all); short ones are remembered so the cache stays a few MB at most.
parse_address_header = lru_cache(maxsize=16_384)(_parse_address_header)


def split_address_list(value: str) -> Iterator[str]:
    """The comma-separated members of an address list, in linear time.

    Group syntax (RFC 5322 section 3.4) is flattened: `team: a@x, b@y;` gives its members.
    """
    current: list[str] = []
    for match in _ADDRESS_TOKEN.finditer(value):
        token = match[0]
        if token == ",":
            yield from _non_empty("".join(current))
            current = []
            continue
        if token[0] in '"(<':
            current.append(token)
        else:
            current.append(token.rsplit(":", 1)[-1].replace(";", ""))
    yield from _non_empty("".join(current))


def _non_empty(piece: str) -> Iterator[str]:
    if piece.strip():
        yield piece


@lru_cache(maxsize=65_536)
def read_mailbox(piece: str) -> Address | None:
    """One `Name <addr>` or bare `addr (Name)`; the display name is decoded after splitting.

    Remembered, as a mailbox names the same few hundred people again and again.

    The address is always what sits inside the last angle brackets, so a display name that is
    itself an address (`alice@x <bob@y>`) never wins. A source route (`<@a,@b:c@d>`, RFC 5322
    section 4.4) is dropped and the final mailbox kept.
    """
    start = piece.rfind("<")
    if start >= 0 and piece.rstrip().endswith(">"):
        name = piece[:start]
        email = piece[start + 1 : piece.rstrip().rfind(">")].rsplit(":", 1)[-1]
    else:
        name, email = parseaddr(piece)
    canonical = cached_normalize_email(email.strip())
    if canonical is None:
        return None
    return Address(name=display_name(name, canonical), email=canonical)


def display_name(raw_name: str, email: str) -> str:
    name = decode_words(raw_name.strip().strip('"').replace('\\"', '"')).strip("'\" ")
    if "@" in name and cached_normalize_email(name) is not None:
        return ""
    return "" if name.lower() == email else name


@lru_cache(maxsize=65_536)
def cached_normalize_email(value: str) -> str | None:
    if "!" in value:
        return None  # a UUCP bang path is a route through hosts, not a mailbox
    return normalize_email(value)


def read_date(value: str, location: str, problems: list[Problem]) -> datetime | None:
    """The Date header as an aware datetime; a missing or unreadable one is noted, not fatal."""
    if not value:
        problems.append(Problem(location, "no Date header; the message is kept without a date"))
        return None
    try:
        sent_at = _common_date(value) or parsedate_to_datetime(value)
        # 31 Dec 9999 at -1200 parses, but has no UTC time: the store could not keep it.
        if sent_at.tzinfo:
            sent_at.astimezone(UTC)
    except (TypeError, ValueError, IndexError, OverflowError):
        problems.append(
            Problem(
                location,
                "the Date header cannot be read; the message is kept without a date",
                value[:RAW_SNIPPET_CHARS],
            )
        )
        return None
    # RFC 5322 section 3.3: "-0000" means the zone is unknown; UTC keeps dates comparable.
    return sent_at if sent_at.tzinfo else sent_at.replace(tzinfo=UTC)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# RFC 5322 section 3.3's usual form, as nearly every mailer writes it: "Mon, 1 Jan 2024
# 09:30:00 +0100". Anything else goes to the standard library's lenient parser.
_COMMON_DATE = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) ([A-Za-z]{3}) ([1-9]\d{3}) "
    r"(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})"
)


def _common_date(value: str) -> datetime | None:
    """`parsedate_to_datetime(value)` for a date in the usual form, without its general
    parsing (a fifth of reading a message's headers); None for any other form. Out-of-range
    values raise ValueError as they do there."""
    match = _COMMON_DATE.fullmatch(value)
    if match is None or match[2].lower() not in _MONTHS:
        return None
    day, month, year, hour, minute, second, sign, zone_hours, zone_minutes = match.groups()
    offset = int(zone_hours) * 3600 + int(zone_minutes) * 60
    # "-0000": the zone is unknown (RFC 5322 section 3.3); parsedate_to_datetime gives naive.
    zone = None if sign == "-" and not offset else _zone(-offset if sign == "-" else offset)
    moment = (int(year), _MONTHS.index(month.lower()) + 1, int(day))
    return datetime(*moment, int(hour), int(minute), int(second), tzinfo=zone)


@lru_cache(maxsize=256)
def _zone(seconds: int) -> timezone:
    return timezone(timedelta(seconds=seconds))


def source_ref(fields: HeaderFields) -> str:
    """The Message-ID, else a SHA-256 of the headers that do not change between copies."""
    message_id = fields.get("message-id").strip()
    if message_id.startswith("<") and ">" in message_id:
        message_id = message_id[1 : message_id.index(">")].strip()
    if message_id and len(message_id) <= MAX_SUBJECT_CHARS and " " not in message_id:
        return message_id
    stable = "\n".join(fields.get(name) for name in ("date", "from", "subject"))
    stable += "\n" + "\n".join(fields.addresses["to"])
    return "sha256:" + hashlib.sha256(stable.encode("utf-8")).hexdigest()


def automated_reason(fields: HeaderFields, sender: Address | None) -> str:
    """Why this looks like mail no person wrote to the user, or "" when it does not."""
    first = fields.first
    auto_submitted = first.get("auto-submitted", "").split(";", 1)[0].strip().lower()
    if auto_submitted and auto_submitted != "no":  # RFC 3834 section 5
        return f"Auto-Submitted: {auto_submitted}"
    precedence = first.get("precedence", "").strip().lower()
    if precedence in _BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    if first.get("list-id"):  # RFC 2919
        return "mailing list (List-Id)"
    if sender is not None and _NO_REPLY.search(sender.email.rpartition("@")[0]):
        return "no-reply sender"
    return ""


def snippet(raw: bytes) -> str:
    return decode_raw(raw[:RAW_SNIPPET_CHARS])
