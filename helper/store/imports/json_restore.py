"""A JSON export loaded back into an empty store, or in place of a store's content (the
document is described in `helper.store.json_document`).

A file is checked for size and the store for emptiness before a byte is parsed, then read one
row at a time; every key of a vocabulary and every time zone is checked, since a value this
version does not know makes the pages that show it fail.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Iterator
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    delete,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from helper.db import (
    Store,
    align_id_sequences,
    count_change,
    head_revision,
    known_revisions,
    transaction,
)
from helper.errors import ImportRefused
from helper.records import Format
from helper.store.imports.summary import ImportSummary, StoreHoldsData
from helper.store.json_document import (
    FORMAT_NAME,
    DocumentStream,
    dumped_columns,
    dumped_tables,
)
from helper.vocabulary import (
    CATEGORIES,
    CHANNELS,
    EVENT_KINDS,
    GOAL_STAGES,
    GOAL_STATUSES,
    IMPORT_FORMATS,
    IMPORT_STATUSES,
    INTERACTION_KINDS,
    PURPOSES,
    SCOPES,
    STRATEGIES,
    TIERS,
)

# Eight times a real store's export (30,000 generated contacts made 30 MB).
MAX_DOCUMENT_BYTES = 256 << 20
INSERT_BATCH = 1000
HEADER_FIELDS = frozenset({"format", "schema_version"})
TIME_ZONE = "time zone"
# The columns holding a key of a vocabulary (or a time zone), with what the key names; a list
# column (JSON) holds several.
KEYED_COLUMNS: dict[tuple[str, str], tuple[str, Collection[str]]] = {
    ("me", "timezone"): (TIME_ZONE, ()),
    ("contact", "tier"): ("relationship tier", TIERS),
    ("contact", "declined_categories"): ("category", CATEGORIES),
    ("contact_category", "key"): ("category", CATEGORIES),
    ("category_lesson", "category"): ("category", CATEGORIES),
    ("interaction", "kind"): ("interaction kind", INTERACTION_KINDS),
    ("interaction", "channel"): ("channel", ("", *CHANNELS)),
    ("goal", "purpose"): ("purpose", PURPOSES),
    ("goal", "strategy"): ("strategy", STRATEGIES),
    ("goal", "scope"): ("scope", SCOPES),
    ("goal", "categories"): ("category", CATEGORIES),
    ("goal", "status"): ("goal status", GOAL_STATUSES),
    ("goal_contact", "stage"): ("goal stage", GOAL_STAGES),
    ("event", "kind"): ("event kind", EVENT_KINDS),
    ("event", "timezone"): (TIME_ZONE, ()),
    ("follow_up", "channel"): ("channel", CHANNELS),
    ("draft", "channel"): ("channel", CHANNELS),
    ("import_run", "format"): ("import format", ("", *IMPORT_FORMATS)),
    ("import_run", "status"): ("import status", IMPORT_STATUSES),
}


def _check_header(header: dict[str, Any]) -> None:
    """Refuse a document that is no dump, or one of a schema this version does not know."""
    if header.get("format") != FORMAT_NAME:
        raise _not_an_export()
    version = header.get("schema_version")
    if not isinstance(version, str) or version not in known_revisions():
        raise ImportRefused(
            f"This export was made by a newer or unknown version of Outreach Helper (schema "
            f"{version!r}; this version reads up to {head_revision()!r}). Update Outreach "
            "Helper, then import it again."
        )


def _not_an_export() -> ImportRefused:
    return ImportRefused(
        'This is not an Outreach Helper export: it lacks "format": "outreach-helper".'
    )


def _no_tables() -> ImportRefused:
    return ImportRefused('This export has no "tables" object, so there is nothing to restore.')


def _unknown_table(name: str) -> ImportRefused:
    return ImportRefused(f"This export holds a table this version does not know: {name!r}.")


def _not_a_list(name: str) -> ImportRefused:
    return ImportRefused(f'Table "{name}" in this export is not a list of rows.')


def _load_tables(session: Session, tables: Iterable[tuple[str, Iterable[Any]]]) -> dict[str, int]:
    """Insert the rows of each (table name, rows) in turn, a batch at a time."""
    known = {table.name: table for table in dumped_tables()}
    # The blank "Me" row a store makes on first use, and the history of attempts that restored
    # nothing, give way to the exported ones.
    session.execute(delete(known["me"]))
    session.execute(delete(known["import_run"]))
    counts = dict.fromkeys(known, 0)
    for name, rows in tables:
        if name not in known:
            raise _unknown_table(name)
        batch: list[dict[str, Any]] = []
        for row in rows:
            counts[name] += 1
            batch.append(decoded_row(known[name], row, counts[name]))
            if len(batch) == INSERT_BATCH:
                _insert(session, known[name], batch)
                batch = []
        if batch:
            _insert(session, known[name], batch)
    align_id_sequences(session)
    return counts


def _refuse_unless_empty(session: Session) -> None:
    """A load reproduces ids, so it needs an empty store."""
    if held := held_data(session):
        raise StoreHoldsData(held)


def held_data(session: Session) -> list[str]:
    """What the store holds, by table ("3 contact row(s)"); empty for a new store. The one "Me"
    row every store makes on first use does not count while nobody has filled it in, nor does
    the import history alone (failed attempts leave it)."""
    filled = []
    for table in (table for table in dumped_tables() if table.name != "import_run"):
        if table.name == "me":
            if not _me_untouched(session, table):
                filled.append("your own profile (Me)")
            continue
        count = session.scalar(select(func.count()).select_from(table)) or 0
        if count:
            filled.append(f"{count:,} {table.name.replace('_', ' ')} row(s)")
    return filled


def _empty_store(session: Session) -> None:
    """Every exported table emptied, children first; paired browser extensions stay paired."""
    for table in reversed(dumped_tables()):
        session.execute(delete(table))


def _me_untouched(session: Session, table: Table) -> bool:
    rows = session.execute(select(table)).mappings().all()
    if not rows:
        return True
    ignored = {"id", "updated_at"}
    return len(rows) == 1 and all(
        rows[0][column.name] == _default_for(column)
        for column in table.columns
        if column.name not in ignored
    )


def _default_for(column: Column) -> Any:
    default = column.default
    if default is None:
        return None
    if default.is_callable:
        return default.arg(None)  # type: ignore[union-attr]
    return default.arg  # type: ignore[union-attr]


def decoded_row(table: Table, row: Any, number: int) -> dict[str, Any]:
    """Row `number` of `table` as column values, each checked against its column and its
    vocabulary; ImportRefused naming the row and the column otherwise."""
    where = f"{table.name} row {number}"
    if not isinstance(row, dict):
        raise ImportRefused(f"{where} is not an object of column values.")
    columns = _columns_by_name(table)
    unknown = sorted(set(row) - columns.keys())
    if unknown:
        raise ImportRefused(f"{where} has columns this version does not know: {unknown}.")
    decoded = {}
    for name, column in columns.items():
        if name in row:
            decoded[name] = _decoded_value(column, row[name], f"{where}, {name}")
            _check_keys(table.name, name, decoded[name], f"{where}, {name}")
        elif column.primary_key or (not column.nullable and column.default is None):
            raise ImportRefused(f"{where} has no {name}, which every row needs.")
        else:
            # A dump from an older schema lacks the columns added since: they get their default.
            decoded[name] = _default_for(column)
    return decoded


@cache
def _columns_by_name(table: Table) -> dict[str, Column]:
    return {column.name: column for column in dumped_columns(table)}


def _decoded_value(column: Column, value: Any, where: str) -> Any:
    if value is None:
        if column.nullable and not column.primary_key:
            return None
        raise ImportRefused(f"{where}: a value is required.")
    kind = column.type
    if isinstance(kind, DateTime):
        return _parsed(datetime, value, where)
    if isinstance(kind, Date):
        return _parsed(date, value, where)
    if isinstance(kind, Integer):
        return _checked(value, int, "a whole number", where)
    if isinstance(kind, Float):
        return float(_checked(value, int | float, "a number", where))
    if isinstance(kind, String):
        return _checked(value, str, "text", where)
    if isinstance(kind, JSON) and column.default is not None:
        return _checked(value, type(_default_for(column)), "a list or object", where)
    return value


def _check_keys(table: str, column: str, value: Any, where: str) -> None:
    """A vocabulary column holds keys this version knows, a time zone column a zone name."""
    keyed = KEYED_COLUMNS.get((table, column))
    if keyed is None or value is None:
        return
    what, keys = keyed
    allowed = _time_zones() if what == TIME_ZONE else keys
    for key in value if isinstance(value, list) else [value]:
        if key not in allowed:
            known = "" if what == TIME_ZONE else f" ({', '.join(k for k in keys if k)})"
            raise ImportRefused(f"{where}: {_shown(key)} is not a known {what}{known}.")


@cache
def _time_zones() -> frozenset[str]:
    """The zones the Me and event forms accept."""
    return frozenset(available_timezones() | {"UTC"})


def _checked(value: Any, expected: Any, what: str, where: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, expected):
        raise ImportRefused(f"{where}: {_shown(value)} is not {what}.")
    return value


def _parsed(kind: type[date], value: Any, where: str) -> Any:
    what = "a date and time" if kind is datetime else "a date"
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        parsed = kind.fromisoformat(value)
    except ValueError:
        raise ImportRefused(f"{where}: {_shown(value)} is not {what} (ISO 8601).") from None
    if isinstance(parsed, datetime) and parsed.tzinfo is not None:
        return parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    try:
        session.execute(table.insert(), rows)
    except IntegrityError as error:
        raise ImportRefused(
            f"The {table.name} rows of this export break a rule of the store "
            f"({error.orig}); nothing was restored."
        ) from None


def restore_json_file(
    store: Store, path: Path, *, display_name: str | None = None, replace: bool = False
) -> ImportSummary:
    """A JSON export: everything back into an empty store (or, with `replace`, in place of the
    store's content), in one transaction, so a refusal leaves the store as it was. No import
    run is recorded here (`json_replace` records it), so the restored store is exactly the one
    exported."""
    started = time.monotonic()
    name = display_name or path.name
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise ImportRefused(
            f"{name} is {size / (1 << 20):,.0f} MB, larger than any export this version "
            f"restores ({MAX_DOCUMENT_BYTES >> 20:,} MB)."
        )
    with transaction(store.sessions) as session:
        if replace:
            _empty_store(session)
        else:
            _refuse_unless_empty(session)
        with path.open("rb") as handle:
            counts = _load_tables(session, document_tables(DocumentStream(handle, name)))
        count_change(session)  # the restore's bulk inserts pass no flush that would count them
    restored = sum(counts.values())
    return ImportSummary(
        file=name,
        format=Format.OUTREACH_JSON.value,
        created=counts.get("contact", 0),
        interactions=counts.get("interaction", 0),
        seconds=time.monotonic() - started,
        message=(
            f"Restored {restored:,} rows from {name}: {counts.get('contact', 0):,} contacts, "
            f"{counts.get('goal', 0):,} goals, {counts.get('event', 0):,} events, with their "
            "ids and dates as they were. Pair the browser extension again; the calendar feed "
            "has a new address."
        ),
    )


def document_tables(stream: DocumentStream) -> Iterator[tuple[str, Iterator[Any]]]:
    """Each table of a document read as it is parsed, as (name, its rows one at a time): the
    fields before "tables" are checked first (an export writes them first)."""
    if stream.peek() != "{":
        stream.value()  # bad JSON is named as such before the refusal below
        raise _not_an_export()
    header: dict[str, Any] = {}
    seen = False
    for key in stream.members():
        if key != "tables":
            value = stream.value()
            if key in HEADER_FIELDS:  # other fields are read past, not kept
                header[key] = value
            continue
        _check_header(header)
        if seen:
            raise ImportRefused('This export has "tables" twice; an export has it once.')
        if stream.peek() != "{":
            raise _no_tables()
        seen = True
        for table in stream.members():
            if table not in {dumped.name for dumped in dumped_tables()}:
                raise _unknown_table(table)
            if stream.peek() != "[":
                raise _not_a_list(table)
            yield table, stream.items()
    stream.finish()
    if not seen:
        _check_header(header)
        raise _no_tables()
