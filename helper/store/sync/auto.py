"""The automatic sync of a running service: after a change, and now and then without one.

Every few seconds the service asks each open book whether what a sync pushes could have
changed: the change counter (contacts and what they hold) or the open follow-ups. A book
whose sync is set up is synced when either moved, and every `QUIET_SYNC_EVERY_S` anyway, so an
edit made on the phone shows up as a conflict without waiting for a change here. A failure
(the server out of reach) is recorded for the Sync page and tried again at the next change or
the next quiet interval.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from helper.db import Store, change_count
from helper.db.models import FollowUp
from helper.errors import OutreachError
from helper.store.sync.run import sync_book_unless_busy
from helper.store.sync.settings import has_settings

# A sync with nothing changed here still finds edits made on the phone this often.
QUIET_SYNC_EVERY_S = 15 * 60.0


def local_state(session: Session) -> str:
    """A digest of what a sync would push: the change counter and the open follow-ups."""
    digest = hashlib.sha256(str(change_count(session)).encode())
    rows = session.execute(
        select(FollowUp.id, FollowUp.due_at, FollowUp.title, FollowUp.draft, FollowUp.channel)
        .where(FollowUp.status == "open")
        .order_by(FollowUp.id)
    )
    for row in rows:
        digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


@dataclass
class AutoSync:
    """What each book looked like at its last automatic sync, and when that was."""

    quiet_every_s: float = QUIET_SYNC_EVERY_S
    _seen: dict[Path, tuple[str, float]] = field(default_factory=dict)

    def tick(self, store: Store) -> bool:
        """Sync the store if it is set up and due; True when a sync ran (or failed)."""
        if not has_settings(store.data_dir):
            return False
        with store.sessions() as session:
            state = local_state(session)
        seen = self._seen.get(store.data_dir)
        now = time.monotonic()
        if seen is not None and seen[0] == state and now - seen[1] < self.quiet_every_s:
            return False
        try:
            if sync_book_unless_busy(store) is None:
                return False  # the page's Sync now is at it: look again at the next tick
        except OutreachError:
            pass  # recorded for the Sync page; tried again at the next change or interval
        with store.sessions() as session:
            self._seen[store.data_dir] = (local_state(session), now)
        return True
