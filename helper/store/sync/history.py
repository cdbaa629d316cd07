"""The outcome of the last sync, whoever ran it (the command, the page's Sync now, or the
automatic sync of a running service), kept in `<data dir>/sync-last.json` so the Sync page can
say when it last worked and why it last failed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from helper.store.sync.resources import SyncReport
from helper.store.sync.settings import write_private

LAST_FILE = "sync-last.json"


@dataclass(frozen=True)
class LastSync:
    """When the last sync ended, what it did (counts) or the one-line reason it failed."""

    at: datetime
    created: int = 0
    updated: int = 0
    removed: int = 0
    conflicts: int = 0
    error: str = ""

    @property
    def summary(self) -> str:
        if self.error:
            return f"Failed: {self.error}"
        text = f"{self.created} created, {self.updated} updated, {self.removed} removed"
        if self.conflicts:
            text += f"; {self.conflicts} changed on the server, waiting for your choice"
        return text


def record_report(data_dir: Path, report: SyncReport) -> LastSync:
    last = LastSync(
        at=_now(),
        created=len(report.created),
        updated=len(report.updated),
        removed=len(report.removed),
        conflicts=len(report.conflicts),
    )
    _write(data_dir, last)
    return last


def record_failure(data_dir: Path, reason: str) -> LastSync:
    last = LastSync(at=_now(), error=reason)
    _write(data_dir, last)
    return last


def last_sync(data_dir: Path) -> LastSync | None:
    """The last sync's outcome, or None before the first (or if the file was damaged)."""
    try:
        document = json.loads((data_dir / LAST_FILE).read_text(encoding="utf-8"))
        return LastSync(
            at=datetime.fromisoformat(document["at"]),
            created=int(document.get("created", 0)),
            updated=int(document.get("updated", 0)),
            removed=int(document.get("removed", 0)),
            conflicts=int(document.get("conflicts", 0)),
            error=str(document.get("error", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(data_dir: Path, last: LastSync) -> None:
    document = {**vars(last), "at": last.at.isoformat()}
    write_private(data_dir / LAST_FILE, json.dumps(document) + "\n")


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
