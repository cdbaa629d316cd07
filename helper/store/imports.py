"""Running an import: one file, one `ImportRun`, all-or-nothing.

The file is read and matched without writing (see `import_plan`), then published in one
transaction together with its `ImportRun` row. A fatal error or a cancel publishes nothing;
the run is recorded as failed with the reason. An identical file (same SHA-256) adds nothing.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select

from helper.db import transaction
from helper.errors import ImportRefused, OutreachError
from helper.importers import read
from helper.importers.detect import detect
from helper.models import ImportRun, utcnow
from helper.records import Format, InteractionRecord, MailMessage, Problem, ProfileRecord
from helper.relationships import InteractionBuilder, OwnerTally
from helper.store import Store
from helper.store.convert import me_profile
from helper.store.import_plan import ImportPlan, StoreIndex
from helper.store.import_publish import publish
from helper.store.me import get_me

HEAD_BYTES = 64 * 1024
PROGRESS_INTERVAL_S = 0.25
MAIL_FORMATS = frozenset({Format.MBOX, Format.EML, Format.MAIL_ARCHIVE})


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


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_file(
    store: Store,
    path: Path,
    *,
    display_name: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ImportSummary:
    """Import one file of any supported format; raises ImportRefused / ImportCancelled."""
    started = time.monotonic()
    name = display_name or path.name
    summary = ImportSummary(file=name)
    digest = sha256_of(path)
    earlier = _earlier_identical_run(store, digest)
    if earlier is not None:
        summary.message = (
            f"This file is identical to the one imported on "
            f"{earlier.finished_at:%d %b %Y at %H:%M} (import {earlier.id}); nothing was added."
        )
        summary.format = earlier.format
        summary.run_id = _record_run(
            store, name, digest, earlier.format, "identical", summary.message
        )
        return summary
    run_id = _record_run(store, name, digest, "", "running", "")
    summary.run_id = run_id
    try:
        _run(store, path, summary, progress, cancel, started)
    except (OutreachError, OSError) as error:
        status = "cancelled" if isinstance(error, ImportCancelled) else "failed"
        _finish_failed_run(store, run_id, status, str(error), summary.format, started)
        if isinstance(error, OSError):
            raise ImportRefused(f"{name} could not be read: {error.strerror or error}") from error
        raise
    return summary


def _earlier_identical_run(store: Store, digest: str) -> ImportRun | None:
    with store.sessions() as session:
        return session.scalar(
            select(ImportRun)
            .where(ImportRun.sha256 == digest, ImportRun.status == "done")
            .order_by(ImportRun.id)
            .limit(1)
        )


def _record_run(store: Store, name: str, digest: str, fmt: str, status: str, message: str) -> int:
    with transaction(store.sessions) as session:
        run = ImportRun(file_name=name, sha256=digest, format=fmt, status=status, message=message)
        if status != "running":
            run.finished_at = utcnow()
        session.add(run)
        session.flush()
        return run.id


def _finish_failed_run(
    store: Store, run_id: int, status: str, message: str, fmt: str, started: float
) -> None:
    with transaction(store.sessions) as session:
        run = session.get(ImportRun, run_id)
        run.status, run.message, run.format = status, message, fmt
        run.finished_at = utcnow()
        run.seconds = time.monotonic() - started


def _run(
    store: Store,
    path: Path,
    summary: ImportSummary,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
    started: float,
) -> None:
    with path.open("rb") as handle:
        fmt = detect(
            handle.read(HEAD_BYTES), path.name if summary.file == path.name else summary.file
        )
    summary.format = fmt.value
    with store.sessions() as session:
        me = me_profile(get_me(session))
        index = StoreIndex.load(session, with_source_refs=True)
    owner_note = ""
    if fmt in MAIL_FORMATS and not me.emails:
        owner = _infer_owner(path, fmt, summary.file, cancel)
        if owner:
            me.emails = [owner]
            owner_note = (
                f"Your address was taken to be {owner} (the one on the most messages); "
                "change it on the Me page if that is wrong."
            )
    plan = ImportPlan(index)
    builder = InteractionBuilder(set(me.emails)) if fmt in MAIL_FORMATS else None
    _stage(path, fmt, summary.file, plan, builder, progress, cancel)
    if progress:
        progress(ImportProgress(path.stat().st_size, path.stat().st_size, 0, "saving"))
    with transaction(store.sessions) as session:
        counts = publish(session, plan, me, fmt.value)
        if owner_note:
            get_me(session).emails = list(me.emails)
        _fill_summary(summary, plan, counts, builder, owner_note)
        summary.seconds = time.monotonic() - started
        run = session.get(ImportRun, summary.run_id)
        _store_outcome(run, summary)


def _records(path: Path, fmt: Format, name: str) -> Iterator[tuple[object, BinaryIO]]:
    with path.open("rb") as handle:
        for item in read(handle, fmt, name=name):
            yield item, handle


def _infer_owner(path: Path, fmt: Format, name: str, cancel: threading.Event | None) -> str | None:
    tally = OwnerTally()
    for count, (item, _) in enumerate(_records(path, fmt, name)):
        if isinstance(item, MailMessage):
            tally.add(item)
        if cancel is not None and count % 500 == 0 and cancel.is_set():
            raise ImportCancelled("the import was cancelled; nothing was stored")
    return tally.owner()


def _stage(
    path: Path,
    fmt: Format,
    name: str,
    plan: ImportPlan,
    builder: InteractionBuilder | None,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> None:
    total = path.stat().st_size
    last_report = 0.0
    for count, (item, handle) in enumerate(_records(path, fmt, name), start=1):
        if isinstance(item, Problem):
            plan.add_problem(item)
        elif isinstance(item, ProfileRecord):
            plan.add_profile(item)
        elif isinstance(item, InteractionRecord):
            plan.add_interaction(item)
        elif isinstance(item, MailMessage) and builder is not None:
            for interaction in builder.add(item):
                plan.add_interaction(interaction)
        if count % 200 == 0:
            if cancel is not None and cancel.is_set():
                raise ImportCancelled("the import was cancelled; nothing was stored")
            now = time.monotonic()
            if progress and now - last_report >= PROGRESS_INTERVAL_S:
                last_report = now
                progress(ImportProgress(_position(handle), total, count))


def _position(handle: BinaryIO) -> int:
    try:
        return handle.tell()
    except (OSError, ValueError):
        return 0


def _fill_summary(summary, plan: ImportPlan, counts, builder, owner_note: str) -> None:
    summary.created = counts["created"]
    summary.updated = counts["updated"]
    summary.merged = counts["merged"]
    reasons = dict(plan.skipped)
    if counts["unchanged"]:
        reasons["already up to date"] = counts["unchanged"]
    if builder is not None:
        for reason, count in builder.skipped.by_reason.items():
            reasons[f"message: {reason}"] = count
    summary.skipped_reasons = reasons
    summary.skipped = sum(reasons.values())
    summary.interactions = len(plan.interactions)
    summary.problem_count = plan.problem_count
    summary.problems = [
        {"location": p.location, "message": p.message, "raw": p.raw[:300]} for p in plan.problems
    ]
    summary.message = owner_note


def _store_outcome(run: ImportRun, summary: ImportSummary) -> None:
    run.status = "done"
    run.format = summary.format
    run.created, run.updated, run.merged = summary.created, summary.updated, summary.merged
    run.skipped = summary.skipped
    run.problems = summary.problems
    run.problem_count = summary.problem_count
    run.interactions = summary.interactions
    run.skipped_reasons = summary.skipped_reasons
    run.message = summary.message
    run.seconds = summary.seconds
    run.finished_at = utcnow()
