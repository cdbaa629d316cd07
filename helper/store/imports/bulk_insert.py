"""Inserting thousands of rows at once, for imports.

On SQLite the values are bound here and handed to the driver's executemany. SQLAlchemy's
general path rebuilds and type-processes every row's parameters (JSON serialised one value at
a time), which took a third of a 30,000-row import. The values go through the same type
processors SQLAlchemy would use, column by column; a column the rows leave out gets its
Python-side default, evaluated once per call (one `created_at` for the rows of one
transaction). Other dialects take SQLAlchemy's own executemany.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any

from sqlalchemy import Column, Dialect, Table, insert, select
from sqlalchemy.orm import Session

Row = tuple[Any, ...]


def insert_rows(session: Session, table: Table, names: Sequence[str], rows: Sequence[Row]) -> None:
    """INSERT `rows`, each a tuple of values for the columns `names`, in one executemany."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    defaults = _batch_defaults(table, set(names), dialect)
    if dialect.name != "sqlite" or defaults is None:
        session.execute(insert(table), [dict(zip(names, row, strict=True)) for row in rows])
        return
    columns: list[Any] = list(zip(*rows, strict=True))
    for number, name in enumerate(names):
        process = _bind_processor(table.c[name], dialect)
        if process is not None:
            columns[number] = list(map(_once_per_list(process), columns[number]))
    columns += [repeat(value, len(rows)) for value in defaults.values()]
    quote = dialect.identifier_preparer.quote
    column_list = ", ".join(quote(table.c[key].name) for key in [*names, *defaults])
    marks = ", ".join("?" * (len(names) + len(defaults)))
    connection.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({column_list}) VALUES ({marks})",
        list(zip(*columns, strict=False)),
    )


def insert_returning_ids(
    session: Session, table: Table, names: Sequence[str], rows: Sequence[Row]
) -> list[int]:
    """Insert rows of a table with an integer `id` key; their ids in the order of `rows`.

    SQLAlchemy answers `RETURNING ... sort_by_parameter_order` on SQLite one row at a time
    (SQLite does not promise RETURNING order), which took most of a 30,000-row import. On
    SQLite a plain executemany is used instead: inside the caller's transaction we hold the
    only write lock, and each new row takes the largest rowid plus one, so the rows are
    exactly the last len(rows) ids. Other databases keep RETURNING, which they batch."""
    if not rows:
        return []
    if session.get_bind().dialect.name != "sqlite":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        parameters = [dict(zip(names, row, strict=True)) for row in rows]
        return [found[0] for found in session.execute(statement, parameters)]
    insert_rows(session, table, names, rows)
    newest = session.scalars(select(table.c.id).order_by(table.c.id.desc()).limit(len(rows)))
    return sorted(newest)


def _once_per_list(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`process`, remembered for lists of strings (JSON columns repeat a handful of them,
    such as the same `["linkedin_connections"]` on every row)."""
    done: dict[tuple[str, ...], Any] = {}

    def run(value: Any) -> Any:
        if type(value) is not list or not all(type(item) is str for item in value):
            return process(value)
        key = tuple(value)
        if key not in done:
            done[key] = process(value)
        return done[key]

    return run


def _bind_processor(column: Column, dialect: Dialect) -> Callable[[Any], Any] | None:
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def _batch_defaults(table: Table, given: set[str], dialect: Dialect) -> dict[str, Any] | None:
    """Bound values of the Python-side defaults of the columns the rows leave out; None when
    one is a SQL expression or sequence, which only SQLAlchemy's own path renders."""
    defaults: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.key in given or default is None:
            continue
        if not (default.is_scalar or default.is_callable):
            return None
        value = default.arg(None) if default.is_callable else default.arg
        process = _bind_processor(column, dialect)
        defaults[column.key] = process(value) if process else value
    return defaults
