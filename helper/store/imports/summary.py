"""What an import reports while it runs and when it ends."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from helper.errors import OutreachError

CANCELLED = "the import was cancelled; nothing was stored"


class ImportCancelled(OutreachError):
    """The user cancelled the import; nothing of it was stored."""


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
