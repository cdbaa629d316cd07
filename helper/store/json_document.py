"""The whole store as one JSON document.

The document is `{"format": "outreach-helper", "schema_version": <Alembic revision>,
"tables": {<table>: [<row>, ...]}}` with every row of every table in primary-key order, so a
dump, a load into an empty store and a second dump give the same document. Dates and times are
ISO 8601 (naive times are UTC, as stored).

Secrets stay out: the `bridge_token` table (paired browser extensions) and, on `me`, the
calendar feed token and the extension pairing code. After a load the extension is paired again
and the calendar feed gets a new address.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table, select
from sqlalchemy.orm import Session

from helper.db import head_revision
from helper.db.models import Base

FORMAT_NAME = "outreach-helper"
EXCLUDED_TABLES = frozenset({"bridge_token"})
SECRET_COLUMNS = {"me": frozenset({"calendar_token", "pairing_code", "pairing_expires_at"})}


def dumped_tables() -> list[Table]:
    """The tables a dump holds, parents before children (the order a load inserts them in)."""
    return [table for table in Base.metadata.sorted_tables if table.name not in EXCLUDED_TABLES]


def dumped_columns(table: Table) -> list[Column]:
    secret = SECRET_COLUMNS.get(table.name, frozenset())
    return [column for column in table.columns if column.name not in secret]


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def dump(session: Session) -> dict[str, Any]:
    """Every row of every table (secrets left out), with the schema revision."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in dumped_tables():
        columns = dumped_columns(table)
        statement = select(*columns).order_by(*table.primary_key.columns)
        tables[table.name] = [
            {name: _encode(value) for name, value in row.items()}
            for row in session.execute(statement).mappings()
        ]
    return {"format": FORMAT_NAME, "schema_version": head_revision(), "tables": tables}


def dumps(session: Session) -> str:
    return json.dumps(dump(session), ensure_ascii=False, indent=2) + "\n"
