"""A JSON export loaded back into an empty store (the document is described in
`helper.store.json_document`)."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

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

from helper.db import Store, head_revision, known_revisions, transaction
from helper.db.models import Base
from helper.errors import ImportRefused
from helper.records import Format
from helper.store.imports.summary import ImportSummary
from helper.store.json_document import FORMAT_NAME, dumped_columns, dumped_tables

# Far above any real store's export (30,000 generated contacts made 30 MB); a larger file is refused
# before it is parsed, since json.loads holds the whole document in memory.
MAX_DOCUMENT_BYTES = 1 << 30


def load_json(session: Session, document: Any) -> dict[str, int]:
    """Insert every row of a dump into this empty store, ids and timestamps as they were.

    Returns the number of rows per table. Raises ImportRefused, having inserted nothing the
    caller will keep if it rolls back, when the document is not a dump this version can read,
    a value does not fit its column, or the store already holds data.
    """
    tables = _checked_document(document)
    _refuse_unless_empty(session)
    # The blank "Me" row a store makes on first use gives way to the exported one.
    session.execute(delete(Base.metadata.tables["me"]))
    counts: dict[str, int] = {}
    for table in dumped_tables():
        given = tables.get(table.name, [])
        rows = [_decoded_row(table, row, number) for number, row in enumerate(given, start=1)]
        if rows:
            _insert(session, table, rows)
        counts[table.name] = len(rows)
    return counts


def _checked_document(document: Any) -> dict[str, list[Any]]:
    """The document's tables, once it is known to be a dump this version can read."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ImportRefused(
            'This is not an Outreach Helper export: it lacks "format": "outreach-helper".'
        )
    version = document.get("schema_version")
    if not isinstance(version, str) or version not in known_revisions():
        raise ImportRefused(
            f"This export was made by a newer or unknown version of Outreach Helper (schema "
            f"{version!r}; this version reads up to {head_revision()!r}). Update Outreach "
            "Helper, then import it again."
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise ImportRefused('This export has no "tables" object, so there is nothing to restore.')
    known = {table.name for table in dumped_tables()}
    for name, rows in tables.items():
        if name not in known:
            raise ImportRefused(f"This export holds a table this version does not know: {name!r}.")
        if not isinstance(rows, list):
            raise ImportRefused(f'Table "{name}" in this export is not a list of rows.')
    return tables


def _refuse_unless_empty(session: Session) -> None:
    """A load reproduces ids, so it needs an empty store; the one "Me" row every store makes
    on first use does not count while nobody has filled it in."""
    filled = []
    for table in dumped_tables():
        if table.name == "me":
            if not _me_untouched(session, table):
                filled.append("your own profile (Me)")
            continue
        count = session.scalar(select(func.count()).select_from(table)) or 0
        if count:
            filled.append(f"{count:,} {table.name.replace('_', ' ')} row(s)")
    if filled:
        raise ImportRefused(
            f"This store already holds data ({', '.join(filled)}). A JSON export is restored "
            "only into an empty store: use a new data folder (--data-dir), or back up this one "
            "and start afresh."
        )


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


def _decoded_row(table: Table, row: Any, number: int) -> dict[str, Any]:
    where = f"{table.name} row {number}"
    if not isinstance(row, dict):
        raise ImportRefused(f"{where} is not an object of column values.")
    columns = {column.name: column for column in dumped_columns(table)}
    unknown = sorted(set(row) - set(columns))
    if unknown:
        raise ImportRefused(f"{where} has columns this version does not know: {unknown}.")
    decoded = {}
    for name, column in columns.items():
        if name in row:
            decoded[name] = _decoded_value(column, row[name], f"{where}, {name}")
        elif column.primary_key or (not column.nullable and column.default is None):
            raise ImportRefused(f"{where} has no {name}, which every row needs.")
        else:
            # A dump from an older schema lacks the columns added since: they get their default.
            decoded[name] = _default_for(column)
    return decoded


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


def read_document(path: Path, name: str) -> Any:
    """The parsed JSON of an export file, or ImportRefused saying why it cannot be read."""
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise ImportRefused(
            f"{name} is {size / (1 << 20):,.0f} MB, larger than any export this version "
            f"restores ({MAX_DOCUMENT_BYTES >> 20:,} MB)."
        )
    try:
        with path.open("rb") as handle:
            return json.loads(handle.read().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportRefused(f"{name} is not UTF-8 text (byte {error.start}).") from None
    except json.JSONDecodeError as error:
        raise ImportRefused(
            f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    except RecursionError:
        raise ImportRefused(f"{name} nests JSON too deeply to be an export.") from None


def restore_json_file(
    store: Store, path: Path, *, display_name: str | None = None
) -> ImportSummary:
    """`outreach-helper import` of a JSON export: everything back into an empty store, in one
    transaction (a refusal leaves the store as it was). No import run is recorded, so the
    restored store is exactly the one exported."""
    started = time.monotonic()
    name = display_name or path.name
    document = read_document(path, name)
    with transaction(store.sessions) as session:
        counts = load_json(session, document)
    restored = sum(counts.values())
    return ImportSummary(
        file=name,
        format=Format.OUTREACH_JSON.value,
        created=counts.get("contact", 0),
        seconds=time.monotonic() - started,
        message=(
            f"Restored {restored:,} rows from {name}: {counts.get('contact', 0):,} contacts, "
            f"{counts.get('goal', 0):,} goals, {counts.get('event', 0):,} events, with their "
            "ids and dates as they were. Pair the browser extension again; the calendar feed "
            "has a new address."
        ),
    )
