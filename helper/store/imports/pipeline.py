"""Running an import: one file, one `ImportRun`, all-or-nothing.

The file is read and matched without writing (see `plan`), then published in short
batches whose last transaction also marks the `ImportRun` done (see `publish`). A fatal
error or a cancel keeps nothing; the run is recorded as failed or cancelled with the reason.
An identical file (same SHA-256) adds nothing.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from helper.db import Store, transaction
from helper.db.models import ImportRun, utcnow
from helper.errors import ImportRefused, OutreachError
from helper.importers.file_digest import FileDigest
from helper.importers.mail_history import InteractionBuilder
from helper.importers.mbox_parallel import ParallelMbox
from helper.importers.read_ahead import ReadAhead, format_of
from helper.people import Classifier
from helper.records import (
    Format,
    InteractionRecord,
    MailMessage,
    MeProfile,
    Problem,
    ProfileRecord,
)
from helper.store.chases import cancel_chases_answered_by_run
from helper.store.convert import me_profile
from helper.store.gc_pause import cyclic_gc_paused
from helper.store.imports.json_replace import restore_unless_merging
from helper.store.imports.mail_owner import (
    infer_owner_spooled,
    replayed,
    staged_with_guessed_owner,
)
from helper.store.imports.plan import ImportPlan, RefDigests, Spool, StoreIndex
from helper.store.imports.publish import INTERACTION_BATCH, publish
from helper.store.imports.reading import read_records, stop_if_cancelled
from helper.store.imports.run_locks import RunLock
from helper.store.imports.runs import (
    earlier_identical_run,
    finish_failed_run,
    finish_identical_run,
    identical_message,
    record_run,
)
from helper.store.imports.summary import (
    ExportChoice,
    ImportCancelled,
    ImportProgress,
    ImportSummary,
    ProgressCallback,
)
from helper.store.lessons import load_lessons
from helper.store.me import get_me

MAIL_FORMATS = frozenset({Format.MBOX, Format.EML, Format.MAIL_ARCHIVE})


def import_file(
    store: Store,
    path: Path,
    *,
    display_name: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    run_started: Callable[[int], None] | None = None,
    export_choice: ExportChoice | None = None,
    read_ahead: ReadAhead | None = None,
) -> ImportSummary:
    """Import one file of any supported format; raises ImportRefused / ImportCancelled.
    `run_started` receives the new run's id, so a caller can show the run even if it fails.
    Our own JSON export into a store that holds data raises StoreHoldsData unless
    `export_choice` says whether to merge its contacts or to replace the store with it.
    `read_ahead`, the file's digest and readers started earlier, is closed when done."""
    name = display_name or path.name
    if read_ahead is None:
        # Started before anything is decided, so that the workers' start-up and first
        # messages overlap the hash and the store's work.
        read_ahead = ReadAhead(path, name, store.data_dir)
    try:
        return _import_file(
            store, path, name, read_ahead, progress, cancel, run_started, export_choice
        )
    finally:
        read_ahead.close()


class _AlreadyImported(Exception):
    """The file turned out identical to an earlier import's, once its digest was known."""

    def __init__(self, earlier: ImportRun) -> None:
        super().__init__(earlier.id)
        self.earlier = earlier


def _import_file(
    store: Store,
    path: Path,
    name: str,
    read_ahead: ReadAhead,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
    run_started: Callable[[int], None] | None,
    export_choice: ExportChoice | None,
) -> ImportSummary:
    parallel, started = read_ahead.parallel, read_ahead.started
    # A large mailbox (read in parallel) is hashed while it is read, and checked against
    # earlier imports before anything is written; anything else is hashed first.
    digest = "" if parallel is not None else read_ahead.digest.result()
    if digest and _is_json_export(path, name):
        restored = restore_unless_merging(store, path, name, digest, export_choice, run_started)
        if restored is not None:
            return restored
    summary = ImportSummary(file=name)
    earlier = earlier_identical_run(store, digest) if digest else None
    if earlier is not None:
        return _identical(store, summary, digest, earlier)
    # The lock is held before the run is recorded as running, so no other process can take
    # a live run for a crashed one.
    with RunLock(store) as lock:
        run_id = record_run(store, name, digest, "", "running", "", lock.name)
        summary.run_id = run_id
        if run_started:
            run_started(run_id)
        try:
            digested = read_ahead.digest
            confirm = (lambda: _confirm_new(store, run_id, digested)) if not digest else None
            _run(store, path, summary, progress, cancel, started, parallel, confirm)
        except _AlreadyImported as identical:
            finish_identical_run(store, run_id, identical.earlier, summary)
            return summary
        except (OutreachError, OSError) as error:
            status = "cancelled" if isinstance(error, ImportCancelled) else "failed"
            finish_failed_run(store, run_id, status, str(error), summary.format, started)
            if isinstance(error, OSError):
                raise ImportRefused(
                    f"{name} could not be read: {error.strerror or error}"
                ) from error
            raise
    return summary


def _identical(
    store: Store, summary: ImportSummary, digest: str, earlier: ImportRun
) -> ImportSummary:
    summary.message = identical_message(earlier)
    summary.format = earlier.format
    summary.run_id = record_run(
        store, summary.file, digest, earlier.format, "identical", summary.message
    )
    return summary


def _confirm_new(store: Store, run_id: int, digest: FileDigest) -> None:
    """Before the first write: the file's digest, checked against earlier imports and kept on
    this run; raises _AlreadyImported for a file imported before."""
    known = digest.result()
    earlier = earlier_identical_run(store, known)
    if earlier is not None:
        raise _AlreadyImported(earlier)
    with transaction(store.sessions) as session:
        session.get_one(ImportRun, run_id).sha256 = known


def _is_json_export(path: Path, name: str) -> bool:
    """Our own JSON export is restored whole unless its contacts are merged; any other file
    takes the import path, which records a run even when the file is refused."""
    try:
        return format_of(path, name) is Format.OUTREACH_JSON
    except (ImportRefused, OSError):
        return False


def _run(
    store: Store,
    path: Path,
    summary: ImportSummary,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
    started: float,
    parallel: ParallelMbox | None = None,
    confirm: Callable[[], None] | None = None,
) -> None:
    fmt = format_of(path, summary.file)
    summary.format = fmt.value
    if fmt is not Format.MBOX:
        parallel = None
    # Mailbox imports pause the collector too: the mail readers make no reference cycles
    # (tests/test_mbox_import_rows.py checks), so memory stays flat without it, and it walked the
    # staged messages and the readers' caches a tenth of a mailbox import's time.
    with cyclic_gc_paused():
        _stage_and_publish(store, path, fmt, summary, progress, cancel, started, parallel, confirm)


def _stage_and_publish(
    store: Store,
    path: Path,
    fmt: Format,
    summary: ImportSummary,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
    started: float,
    parallel: ParallelMbox | None,
    confirm: Callable[[], None] | None = None,
) -> None:
    with store.sessions() as session:
        me = me_profile(get_me(session))
    mail = fmt in MAIL_FORMATS

    def read_items() -> Iterator[object]:
        return read_records(path, fmt, summary.file, progress, cancel, store.data_dir, parallel)

    def stage(items: Iterable[object], owner: str | None) -> _Staged:
        return _staged(store, items, [owner] if owner else list(me.emails), mail)

    replay = Spool(store.data_dir)
    staged: _Staged | None = None
    owner_note = ""
    try:
        items: Iterable[object] = read_items()
        if mail and not me.emails:
            if parallel is not None:
                owner, staged = staged_with_guessed_owner(
                    iter(items), parallel, stage, read_items, _Staged.close
                )
            else:
                owner = infer_owner_spooled(items, replay)
                items = replayed(replay)
            if owner:
                me.emails = [owner]
                owner_note = (
                    f"Your address was taken to be {owner} (the one on the most messages); "
                    "change it on the Me page if that is wrong."
                )
        if staged is None:
            staged = stage(items, None)
        replay.close()
        if confirm is not None:
            confirm()
        plan, builder = staged.plan, staged.builder
        _publish(store, plan, me, fmt, summary, builder, owner_note, progress, cancel, started)
    finally:
        replay.close()
        if staged is not None:
            staged.close()


class _Staged(NamedTuple):
    """A file staged: the plan to publish, and for mail the builder that counted what it
    skipped."""

    plan: ImportPlan
    builder: InteractionBuilder | None

    def close(self) -> None:
        self.plan.interactions.close()


def _staged(store: Store, items: Iterable[object], owner_emails: list[str], mail: bool) -> _Staged:
    """The items staged against the store as it is now; mail with `owner_emails` as the
    user's own addresses."""
    with store.sessions() as session:
        index = StoreIndex.load(session, with_source_refs=True)
    plan = ImportPlan(index, interactions=Spool(store.data_dir, chunk=INTERACTION_BATCH))
    builder = InteractionBuilder(set(owner_emails)) if mail else None
    if builder is not None:
        builder.seen_refs = RefDigests()  # one per message: digests, not strings
    try:
        _stage(items, plan, builder)
    except BaseException:
        plan.interactions.close()
        raise
    return _Staged(plan, builder)


def _publish(
    store: Store,
    plan: ImportPlan,
    me: MeProfile,
    fmt: Format,
    summary: ImportSummary,
    builder: InteractionBuilder | None,
    owner_note: str,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
    started: float,
) -> None:
    def finish(session: Session, counts: Counter[str]) -> None:
        if owner_note:
            get_me(session).emails = list(me.emails)
        _fill_summary(summary, plan, counts, builder, owner_note)
        if builder is not None:
            cancel_chases_answered_by_run(session, summary.run_id)
        summary.seconds = time.monotonic() - started
        _store_outcome(session.get(ImportRun, summary.run_id), summary)

    checkpoint = _publish_checkpoint(plan, progress, cancel)
    with store.sessions() as session:
        classifier = Classifier(me, load_lessons(session))
    try:
        publish(
            store,
            plan,
            classifier,
            fmt.value,
            run_id=summary.run_id,
            finish=finish,
            checkpoint=checkpoint,
        )
    except IntegrityError as error:
        raise ImportRefused(
            "The store changed while this import was being saved (an address or message it "
            "adds was saved meanwhile); nothing of the import was kept. Import the file again."
        ) from error


def _publish_checkpoint(
    plan: ImportPlan, progress: ProgressCallback | None, cancel: threading.Event | None
) -> Callable[[int], None]:
    """Between two publishing batches: stop on cancel, report how far saving has got."""
    total = len(plan.new_people) + len(plan.interactions)

    def checkpoint(done: int) -> None:
        if progress:
            progress(ImportProgress(done, total, done, "saving"))
        stop_if_cancelled(cancel)

    return checkpoint


def _stage(items: Iterable[object], plan: ImportPlan, builder: InteractionBuilder | None) -> None:
    for item in items:
        if isinstance(item, Problem):
            plan.add_problem(item)
        elif isinstance(item, ProfileRecord):
            plan.add_profile(item)
        elif isinstance(item, InteractionRecord):
            plan.add_interaction(item)
        elif isinstance(item, MailMessage) and builder is not None:
            for interaction in builder.add(item):
                plan.add_interaction(interaction)


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
