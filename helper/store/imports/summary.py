"""What an import reports while it runs and when it ends, and the choice a JSON export asks
for when the store already holds data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from helper.errors import ImportRefused, OutreachError

CANCELLED = "the import was cancelled; nothing was stored"


class ImportCancelled(OutreachError):
    """The user cancelled the import; nothing of it was stored."""


class ExportChoice(StrEnum):
    """What to do with a JSON export when the store already holds data."""

    MERGE = "merge"  # its contacts and their history go through the import path
    REPLACE = "replace"  # the store is backed up, emptied and the export restored


class StoreHoldsData(ImportRefused):
    """A JSON export met a store that holds data: nothing was read, and the user chooses
    between merging it and replacing the store (`ExportChoice`)."""

    def __init__(self, held: list[str]) -> None:
        super().__init__(
            f"This store already holds data ({', '.join(held)}), so the export was not "
            "restored: import it again with --merge to add its contacts to this store, or "
            "restore it whole into a new data folder (--data-dir)."
        )


@dataclass
class ImportProgress:
    bytes_done: int
    bytes_total: int
    records: int
    phase: str = "reading"


@dataclass
class ImportSummary:
    file: str
    format: str = ""
    created: int = 0
    updated: int = 0
    merged: int = 0
    skipped: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    run_id: int | None = None
    message: str = ""
    interactions: int = 0
    problem_count: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The CLI contract: file, format, created, updated, merged, skipped, problems, seconds."""
        return {
            "file": self.file,
            "format": self.format,
            "created": self.created,
            "updated": self.updated,
            "merged": self.merged,
            "skipped": self.skipped,
            "problems": self.problems,
            "seconds": round(self.seconds, 3),
        }


ProgressCallback = Callable[[ImportProgress], None]
