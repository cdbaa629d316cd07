"""The database: the engine and its sessions, the models (`helper.db.models`) and the Alembic
revisions that bring any store to the newest schema (`migrations/`)."""

from helper.db.changes import (
    change_count,
    changes_since,
    count_change,
    count_store_replaced,
    transaction_change,
)
from helper.db.engine import (
    Store,
    align_id_sequences,
    begin_read_snapshot,
    head_revision,
    known_revisions,
    make_engine,
    make_session_factory,
    stored_revision,
    transaction,
    upgrade_to_head,
)

__all__ = [
    "Store",
    "align_id_sequences",
    "begin_read_snapshot",
    "change_count",
    "changes_since",
    "count_change",
    "count_store_replaced",
    "head_revision",
    "known_revisions",
    "make_engine",
    "make_session_factory",
    "stored_revision",
    "transaction",
    "transaction_change",
    "upgrade_to_head",
]
