"""What the Export page offers: the contacts to export, in all and by category, and the backups
already taken."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from helper.db.models import Contact
from helper.store.backup import backups_in
from helper.store.contacts import category_counts


@dataclass(frozen=True)
class ExportOverview:
    """What the Export page offers: how many contacts in all and in each category, and the
    backups already in the data folder, newest first."""

    total: int
    by_category: dict[str, int]
    backups: list[Path]


def export_overview(session: Session, data_dir: Path) -> ExportOverview:
    total = session.scalar(select(func.count()).select_from(Contact)) or 0
    return ExportOverview(total, category_counts(session), backups_in(data_dir))
