"""The rows of one table as the JSON document writes them, `json.dumps(indent=2)` at a row's
depth, a few hundred at a time (`table_chunks`).

A batch of rows is encoded by one call of the C encoder, as one list of all their values with a
line break between values: no encoded value holds a line break (a string escapes it), so
splitting the text at line breaks gives each value's text, and one join puts them in place
between the pieces of the table's row (its member names and indentation). No row becomes a dict
on the way.

A JSON column is read as its stored text, and each distinct text is parsed and written once
(`_Members`): most rows hold the same few values (`[]`, `["manual"]`). On SQLite the rows come
straight from the driver, as SQLAlchemy would give them before its own conversions, and the
few columns it would convert (times, dates, booleans) are rewritten in their encoded text
exactly as the conversion and `isoformat` would have written them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from itertools import chain
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

from sqlalchemy import JSON, Column, Connection, CursorResult, Select, Table, Text, cast, select
from sqlalchemy.engine import processors
from sqlalchemy.orm import Session

ROWS_PER_CHUNK = 500
# Parsed-and-written texts of JSON columns kept at once: far above the distinct values a table
# holds in most columns, and a bound on memory for those (a merge's snapshot) that are unique.
MEMBERS_KEPT = 4096
LONGEST_KEPT = 256  # characters of a stored text that is kept; longer ones are written anew

# A row sits at depth 3 of the document: rows are indented by 6 spaces, a row's members by 8,
# the items of a list in a member by 10.
_ROW_INDENT = "\n        "
_ITEM_INDENT = "\n          "
BETWEEN_ROWS = ",\n      "
_ROW_START = "{" + _ROW_INDENT
_ROW_END = "\n      }"
_CONTAINERS = frozenset({list, dict})
# A column's cells in a batch, rewritten (see _REWRITES).
_Rewrite = Callable[[list[str]], list[str]]


def _iso(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _c_encoder(item_separator: str) -> Callable[[Any, int], Sequence[str]]:
    return c_make_encoder(
        None, _iso, encode_basestring, None, ": ", item_separator, False, False, True
    )


_VALUES = _c_encoder("\n")  # '[1\n"A"\nnull\n2\n"B"\ntrue]': two rows of three values
_ITEMS = _c_encoder("," + _ITEM_INDENT)
_SCALAR = _c_encoder(", ")


def table_chunks(session: Session, table: Table, columns: list[Column]) -> Iterator[str]:
    """The table's array, `[` to `]`, in chunks of ROWS_PER_CHUNK rows."""
    connection = session.connection()
    plan = _Plan(table, columns, connection)
    result = connection.execute(plan.statement)
    try:
        batch = plan.fetch(result)
        if not batch:
            yield "[]"
            return
        opening = "[\n      "
        while batch:
            yield opening + plan.text(batch)
            opening = BETWEEN_ROWS
            batch = plan.fetch(result)
        yield "\n    ]"
    finally:
        result.close()


class _Plan:
    """How one table's rows are read and written."""

    def __init__(self, table: Table, columns: list[Column], connection: Connection) -> None:
        self.width = len(columns)
        self.json = [i for i, column in enumerate(columns) if isinstance(column.type, JSON)]
        self.members = _Members()
        self.rewrites = _rewrites(columns, connection)
        self.raw = self.rewrites is not None
        # Through SQLAlchemy a JSON column is read as its text; SQLite's driver gives it as
        # stored, text or (written by another program) a number, which a cast would round.
        selected = [
            cast(column, Text) if i in self.json and not self.raw else column
            for i, column in enumerate(columns)
        ]
        self.statement: Select = select(*selected).order_by(*table.primary_key.columns)
        keys = [f"{encode_basestring(column.name)}: " for column in columns]
        first = [_ROW_START + keys[0], *(f",{_ROW_INDENT}{key}" for key in keys[1:])]
        self.first_row = [text for key in first for text in (key, "")]
        self.next_row = [_ROW_END + BETWEEN_ROWS + self.first_row[0], *self.first_row[1:]]
        self.layouts: dict[int, list[str]] = {}

    def fetch(self, result: CursorResult[Any]) -> Sequence[Sequence[Any]]:
        """The next batch as tuples, which the C encoder takes as lists."""
        if self.raw:
            return result.cursor.fetchmany(ROWS_PER_CHUNK)
        return [tuple(row) for row in result.fetchmany(ROWS_PER_CHUNK)]

    def text(self, batch: Sequence[Sequence[Any]]) -> str:
        """The batch's rows, each as `json.dumps(indent=2)` writes it at a row's depth."""
        width = self.width
        cells = "".join(_VALUES(list(chain.from_iterable(batch)), 0))[1:-1].split("\n")
        if len(cells) != width * len(batch):
            raise ValueError("a value of a table's row encoded with a line break in it")
        for i in self.json:
            cells[i::width] = map(self.members.text_of, [row[i] for row in batch])
        for i, rewrite in self.rewrites or ():
            cells[i::width] = rewrite(cells[i::width])
        parts = self._layout(len(batch))
        parts[1::2] = cells
        return "".join(parts) + _ROW_END

    def _layout(self, rows: int) -> list[str]:
        """The text around the values of `rows` rows (keys, indentation, braces), with a
        place after each piece for a value."""
        layout = self.layouts.get(rows)
        if layout is None:
            layout = self.layouts[rows] = self.first_row + self.next_row * (rows - 1)
        return list(layout)


def _rewrites(columns: list[Column], connection: Connection) -> list[tuple[int, _Rewrite]] | None:
    """On SQLite, the columns whose driver values SQLAlchemy would convert, each with how to
    rewrite its encoded text the same way; None (read through SQLAlchemy) on another database
    or for a column converted some other way."""
    dialect = connection.dialect
    if dialect.name != "sqlite":
        return None
    rewrites: list[tuple[int, _Rewrite]] = []
    for i, column in enumerate(columns):
        if isinstance(column.type, JSON):
            continue
        convert = column.type.dialect_impl(dialect).result_processor(dialect, None)
        if convert is None:
            continue
        rewrite = _REWRITES.get(convert)
        if rewrite is None:
            return None
        rewrites.append((i, rewrite))
    return rewrites


def _iso_cells(parse: Callable[[str], date]) -> _Rewrite:
    """The rewrite of a time or date column: each stored string parsed as SQLAlchemy parses it
    and written as `isoformat` writes it."""

    def rewrite(cells: list[str]) -> list[str]:
        return [
            '"' + parse(cell[1:-1]).isoformat() + '"'
            if cell[0] == '"' and "\\" not in cell
            else _converted(cell, parse)
            for cell in cells
        ]

    return rewrite


def _boolean_cells(cells: list[str]) -> list[str]:
    return list(map(_BOOLEANS.__getitem__, cells))


def _converted(cell: str, convert: Callable[[Any], Any]) -> str:
    """The encoded text of a null, or of a value that is not plain text, converted."""
    value = json.loads(cell)
    return "".join(_SCALAR(None if value is None else convert(value), 0))


class _Booleans(dict[str, str]):
    """The encoded text of a boolean, by that of the integer SQLite stores for it."""

    def __missing__(self, cell: str) -> str:
        value = processors.int_to_boolean(json.loads(cell))
        return "".join(_SCALAR(value, 0))


_BOOLEANS = _Booleans({"null": "null"})
# A column's rewrite: its cells in a batch, in the plain text of a stored string (an escape
# means it is not one), rewritten as SQLAlchemy's conversion and the encoder would write them.
_REWRITES: dict[Callable[[Any], Any], _Rewrite] = {
    processors.str_to_datetime: _iso_cells(processors.str_to_datetime),
    processors.str_to_date: _iso_cells(processors.str_to_date),
    processors.int_to_boolean: _boolean_cells,
}


class _Members(dict[str | None, str]):
    """The member text of a JSON column, by its stored text (None: SQL NULL). Only short
    texts are kept: the long ones (a merge's snapshot) are each unique, and keeping thousands
    of them with their indented text would hold hundreds of megabytes."""

    def text_of(self, stored: str | float | None) -> str:
        if stored is None or isinstance(stored, str):
            return self[stored]
        return member_text(stored)  # a number SQLite keeps as one: 1, 1.0 and True share a key

    def __missing__(self, stored: str | None) -> str:
        text = member_text(None if stored is None else json.loads(stored))
        if stored is None or len(stored) <= LONGEST_KEPT:
            if len(self) >= MEMBERS_KEPT:
                self.clear()
            self[stored] = text
        return text


def member_text(value: Any) -> str:
    """A member's value as `json.dumps(indent=2)` writes it at a row's depth."""
    if type(value) not in _CONTAINERS or not value:
        return "".join(_SCALAR(value, 0))
    items = value.values() if isinstance(value, dict) else value
    if any(type(item) in _CONTAINERS and item for item in items):
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", _ROW_INDENT)
    text = "".join(_ITEMS(value, 0))
    return text[0] + _ITEM_INDENT + text[1:-1] + _ROW_INDENT + text[-1]
