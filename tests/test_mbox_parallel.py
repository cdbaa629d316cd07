"""helper.importers.mbox_parallel: worker processes reading byte ranges of a plain mbox give
exactly what the sequential reader gives (the same messages, problems, locations and order),
wherever the file is cut; and an import through them stores the same rows and summary."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bench.generate_mbox import write_mbox
from helper.cli import main
from helper.db.models import ContactEmail, ImportRun, Interaction
from helper.importers import mbox, mbox_parallel, mbox_worker, read_ahead
from helper.importers.file_digest import FileDigest
from helper.importers.forked_child import ForkedChild
from helper.importers.mail_history import OwnerTally
from helper.importers.mbox_parallel import ParallelMbox
from helper.records import Address, MailMessage, Problem
from helper.store.imports import mail_owner
from helper.store.imports.pipeline import import_file
from helper.store.imports.summary import ImportCancelled
from helper.store.opening import open_store

POSTMARK = b"From someone@example.com Mon Jan  1 00:00:00 2024\n"


def message(number: int, body: bytes = b"Hello.\n", extra: bytes = b"") -> bytes:
    headers = (
        f"From: Ann <ann{number % 3}@example.com>\nTo: me@example.org\n"
        f"Subject: message {number}\nDate: Mon, 01 Jan 2024 00:00:00 +0000\n"
        f"Message-ID: <m{number}@example.com>\n"
    ).encode()
    return POSTMARK + headers + extra + b"\n" + body + b"\n"


def sequential(path: Path) -> list[MailMessage | Problem]:
    with path.open("rb") as stream:
        return list(mbox.read(stream, name=path.name))


def parallel(path: Path, offsets: list[int] | None = None) -> list[MailMessage | Problem]:
    reader = ParallelMbox(path, name=path.name, offsets=offsets)
    try:
        first = list(reader)
        assert list(reader) == first  # a second pass replays the frames left on disk
        return first
    finally:
        reader.close()


def starts(data: bytes) -> list[int]:
    """The offsets of the postmark lines this file's messages open with."""
    found, position = [], data.find(POSTMARK)
    while position >= 0:
        found.append(position)
        position = data.find(POSTMARK, position + 1)
    return found


@pytest.fixture(params=["forked", "new interpreter"])
def worker_start(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Workers forked from this process (the command line's way) or started as new
    interpreters (the web service's, which runs imports on a thread)."""
    monkeypatch.setattr(mbox_parallel, "forking_is_safe", lambda: request.param == "forked")
    return request.param


# Forced here in a test process that runs other threads; the child touches none of their locks.
forking_in_a_threaded_test = pytest.mark.filterwarnings("ignore:This process .* multi-threaded")


@forking_in_a_threaded_test
def test_a_cut_exactly_at_a_message_start_reads_as_one_file(
    tmp_path: Path, worker_start: str
) -> None:
    data = b"".join(message(n) for n in range(40))
    path = tmp_path / "box.mbox"
    path.write_bytes(data)
    boundary = starts(data)[17]
    reader = ParallelMbox(path, offsets=[boundary])
    try:
        assert [worker.start for worker in reader.workers] == [0, boundary]
        started = reader.workers[1].process  # type: ignore[union-attr]
        assert isinstance(started, ForkedChild) == (worker_start == "forked")
        items = list(reader)
    finally:
        reader.close()
    assert items == sequential(path)
    assert [item.location for item in items][17] == f"message 18 (byte {boundary})"


@pytest.mark.parametrize("shift", [-1, 1, 30, 120])
def test_cuts_near_a_message_start_read_as_one_file(tmp_path: Path, shift: int) -> None:
    data = b"".join(message(n) for n in range(40))
    path = tmp_path / "box.mbox"
    path.write_bytes(data)
    offsets = [starts(data)[10] + shift, starts(data)[25] + shift]
    assert parallel(path, offsets) == sequential(path)


def test_mboxrd_quoting_and_unquoted_from_lines_in_bodies(tmp_path: Path) -> None:
    """A body's ">From " line (mboxrd) and an unquoted "From " line (mboxo) open nothing, even
    where a cut lands on them."""
    quoted = b">From the desk of Ann, Mon Jan  1 00:00:00 2024\n>>From here\nSigned.\n"
    unquoted = b"From here on the plan changes.\nNext: Monday.\n"
    data = b"".join(message(n, quoted if n % 2 else unquoted) for n in range(30))
    path = tmp_path / "rd.mbox"
    path.write_bytes(data)
    offsets = [data.find(b">From", 4000), data.find(b"From here", 9000)]
    items = parallel(path, offsets)
    assert items == sequential(path)
    assert sum(isinstance(item, MailMessage) for item in items) == 30


def test_a_cut_at_a_postmark_inside_a_header_block_falls_back_to_reading_on(
    tmp_path: Path,
) -> None:
    """A "From " line with a date inside a header block looks like a message start to the
    cut, but the sequential reader reads it as part of the headers: the worker after it is
    dropped and one reads on from where the sequential reader goes on."""
    odd = b"From ghost@example.com Mon Jan  1 00:00:00 2024\nSubject: ghost\n"
    data = b"".join(message(n, extra=odd if n == 12 else b"") for n in range(30))
    path = tmp_path / "odd.mbox"
    path.write_bytes(data)
    cut = data.find(b"From ghost")
    reader = ParallelMbox(path, offsets=[cut, starts(data)[20]])
    try:
        assert [worker.start for worker in reader.workers] == [0, cut, starts(data)[20]]
        items = list(reader)
        assert [worker.start for worker in reader.workers] == [0, starts(data)[13]]
    finally:
        reader.close()
    assert items == sequential(path)
    assert sum(isinstance(item, MailMessage) for item in items) == 30


def test_problems_and_a_cut_off_end_keep_their_places_and_numbers(tmp_path: Path) -> None:
    broken = POSTMARK + b"X-Nothing: here\n\nbody\n"
    undated = POSTMARK + b"From: Bo <bo@example.com>\nTo: me@example.org\n\nHi\n"
    parts = [message(n) for n in range(20)]
    parts[5], parts[14] = broken, undated
    data = b"".join(parts) + POSTMARK + b"From: cut@example.com\nSubject: no end"
    path = tmp_path / "problems.mbox"
    path.write_bytes(data)
    offsets = [starts(data)[5], starts(data)[14], len(data) - 10]
    items = parallel(path, offsets)
    assert items == sequential(path)
    assert any(isinstance(item, Problem) and "ends inside" in item.message for item in items)


def test_a_cut_past_the_last_message_leaves_one_range(tmp_path: Path) -> None:
    data = b"".join(message(n) for n in range(5))
    path = tmp_path / "small.mbox"
    path.write_bytes(data)
    reader = ParallelMbox(path, offsets=[len(data) - 3])
    try:
        assert len(reader.workers) == 1
        assert list(reader) == sequential(path)
    finally:
        reader.close()


@forking_in_a_threaded_test
def test_the_owner_tally_counts_as_the_sequential_one(tmp_path: Path, worker_start: str) -> None:
    path = tmp_path / "generated.mbox"
    write_mbox(path, 300, seed=3)
    expected = OwnerTally()
    for item in sequential(path):
        if isinstance(item, MailMessage):
            expected.add(item)
    reader = ParallelMbox(path, offsets=mbox_parallel.range_offsets(path.stat().st_size, 3))
    try:
        items = list(reader)
        tally = reader.tally()
    finally:
        reader.close()
    assert list(tally.counts.items()) == list(expected.counts.items())
    assert tally.owner() == expected.owner()
    assert items == sequential(path)


body_lines = st.sampled_from(
    [
        b"Hello.",
        b"From here on.",
        b">From the archive",
        b"From x@y Mon Jan  1 00:00:00 2024",
        b"Subject: not a header here",
        b"",
    ]
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bodies=st.lists(st.lists(body_lines, max_size=6), min_size=1, max_size=12),
    cuts=st.lists(st.floats(min_value=0, max_value=1), max_size=3),
)
def test_any_cuts_of_any_mailbox_read_as_the_sequential_reader(
    tmp_path_factory: pytest.TempPathFactory, bodies: list[list[bytes]], cuts: list[float]
) -> None:
    data = b"".join(message(n, b"\n".join(lines) + b"\n") for n, lines in enumerate(bodies))
    path = tmp_path_factory.mktemp("prop") / "any.mbox"
    path.write_bytes(data)
    offsets = [int(share * len(data)) for share in cuts]
    assert parallel(path, offsets) == sequential(path)


@pytest.fixture
def two_ranges(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every mailbox is read in two ranges at once, whatever its size and the machine's load."""
    monkeypatch.setattr(read_ahead, "worth_parallel", lambda path: True)
    monkeypatch.setattr(mbox_parallel, "worker_count", lambda: 2)


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    path = tmp_path / "generated.mbox"
    write_mbox(path, 600, seed=7)
    return path


def imported(mailbox: Path, data_dir: Path, url: str | None = None) -> tuple[dict, list[tuple]]:
    """An import's summary (less its time and id) and the interactions it stored."""
    store = open_store(data_dir, url=url)
    try:
        summary = import_file(store, mailbox)
        with store.sessions() as session:
            rows = session.execute(
                select(
                    ContactEmail.email,
                    Interaction.kind,
                    Interaction.occurred_at,
                    Interaction.summary,
                    Interaction.source_ref,
                )
                .join(ContactEmail, ContactEmail.contact_id == Interaction.contact_id)
                .order_by(Interaction.id)
            ).all()
    finally:
        store.close()
    document = summary.to_json()
    for varying in ("seconds", "run_id"):
        document.pop(varying, None)
    return document, [tuple(row) for row in rows]


def test_an_import_through_the_workers_stores_what_the_sequential_one_does(
    generated: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    second_database_url,
    started_mbox_readers: list[ParallelMbox],
) -> None:
    monkeypatch.setattr(read_ahead, "worth_parallel", lambda path: False)
    expected = imported(generated, tmp_path / "sequential")
    assert started_mbox_readers == []
    monkeypatch.setattr(read_ahead, "worth_parallel", lambda path: True)
    monkeypatch.setattr(mbox_parallel, "worker_count", lambda: 3)
    assert imported(generated, tmp_path / "parallel", second_database_url) == expected
    assert len(started_mbox_readers) == 1 and len(started_mbox_readers[0].workers) == 3
    workers = [
        worker
        for worker in started_mbox_readers[0].workers
        if isinstance(worker, mbox_parallel.Worker)
    ]
    assert workers and all(worker.process.returncode is not None for worker in workers)


def thread_message(number: int, sender: str, recipient: str) -> bytes:
    return (
        POSTMARK
        + (
            f"From: {sender}\nTo: {recipient}\nSubject: thread {number}\n"
            f"Date: Tue, 02 Jan 2024 10:{number % 60:02d}:00 +0000\n"
            f"Message-ID: <t{number}@example.net>\n\nHi.\n\n"
        ).encode()
    )


@forking_in_a_threaded_test
def test_a_mailbox_that_opens_with_someone_elses_thread_is_staged_again_with_its_owner(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    two_ranges: None,
    worker_start: str,
    second_database_url: str | None,
) -> None:
    """The owner guessed from the first messages is wrong here (a forwarded exchange between
    two others opens the file); the import still stores what the sequential one does."""
    opening = [
        thread_message(n, f"Ben <ben@{n % 2}.example.net>", "Cleo <cleo@example.net>")
        for n in range(12)
    ]
    own = [
        thread_message(100 + n, "Me <me@example.org>", f"Dana <dana{n % 4}@example.com>")
        for n in range(40)
    ]
    mailbox = tmp_path / "forwarded-first.mbox"
    mailbox.write_bytes(b"".join(opening + own))
    monkeypatch.setattr(mail_owner, "GUESS_FROM_ITEMS", 10)
    document, rows = imported(mailbox, tmp_path / "parallel")
    monkeypatch.setattr(read_ahead, "worth_parallel", lambda path: False)
    assert (document, rows) == imported(mailbox, tmp_path / "sequential", second_database_url)
    own_rows = [row for row in rows if row[0].startswith("dana")]
    assert len(own_rows) == 40 and {row[1] for row in own_rows} == {"email_sent"}
    assert "me@example.org" not in {row[0] for row in rows}


class FinishedReader:
    """What `staged_with_guessed_owner` asks of the workers once they are done."""

    def __init__(self, *owners: str) -> None:
        self.counts = OwnerTally()
        self.counts.counts.update(owners)

    def tally(self) -> OwnerTally:
        return self.counts


def mail_from(sender: str, number: int) -> MailMessage:
    return MailMessage(
        source_ref=f"<m{number}@example.com>",
        sent_at=None,
        sender=Address("", sender),
        recipients=[Address("", "me@example.org")],
        subject="",
        location=f"message {number}",
    )


def test_a_right_guess_of_the_owner_is_staged_once() -> None:
    staged: list[tuple[list[object], str | None]] = []
    items = [mail_from(f"person{n}@example.com", n) for n in range(5)]
    owner, result = mail_owner.staged_with_guessed_owner(
        iter(items),
        FinishedReader("me@example.org", "me@example.org", "person1@example.com"),  # type: ignore[arg-type]
        lambda given, guess: staged.append((list(given), guess)) or len(staged),
        lambda: pytest.fail("a right guess reads nothing again"),
        lambda _: pytest.fail("a right guess discards nothing"),
    )
    assert owner == "me@example.org" and result == 1
    assert staged == [(items, "me@example.org")]


def test_a_wrong_guess_of_the_owner_is_discarded_and_staged_again() -> None:
    staged: list[tuple[list[object], str | None]] = []
    discarded: list[int] = []
    items = [mail_from("ben@example.net", n) for n in range(3)]
    owner, result = mail_owner.staged_with_guessed_owner(
        iter(items),
        FinishedReader("me@example.org", "me@example.org", "ben@example.net"),  # type: ignore[arg-type]
        lambda given, guess: staged.append((list(given), guess)) or len(staged),
        lambda: iter(items),
        discarded.append,
    )
    assert [guess for _, guess in staged] == ["ben@example.net", "me@example.org"]
    assert staged[1][0] == items
    assert discarded == [1] and (owner, result) == ("me@example.org", 2)


def test_a_mailbox_read_through_the_workers_is_hashed_meanwhile_and_refused_when_identical(
    generated: Path, tmp_path: Path, two_ranges: None, started_mbox_readers: list[ParallelMbox]
) -> None:
    store = open_store(tmp_path / "data")
    try:
        first = import_file(store, generated)
        again = import_file(store, generated)
        with store.sessions() as session:
            runs = session.scalars(select(ImportRun).order_by(ImportRun.id)).all()
            interactions = len(session.scalars(select(Interaction)).all())
    finally:
        store.close()
    assert len(started_mbox_readers) == 2
    assert first.interactions == interactions > 0
    assert again.message.startswith("This file is identical to the one imported on")
    assert again.interactions == 0
    expected = hashlib.sha256(generated.read_bytes()).hexdigest()
    assert [(run.status, run.sha256) for run in runs] == [
        ("done", expected),
        ("identical", expected),
    ]


@forking_in_a_threaded_test
def test_a_worker_that_stops_is_replaced_by_reading_here(tmp_path: Path, worker_start: str) -> None:
    """A killed worker (or a build with no interpreter to start) costs speed, not messages."""
    data = b"".join(message(n) for n in range(300))
    path = tmp_path / "box.mbox"
    path.write_bytes(data)
    reader = ParallelMbox(path, offsets=[len(data) // 2])
    try:
        reader.workers[1].process.kill()  # still starting: it has written nothing
        items = list(reader)
        assert [type(worker).__name__ for worker in reader.workers] == ["LocalRange"] * 2
        assert list(reader) == items
    finally:
        reader.close()
    assert items == sequential(path)


def test_reading_here_gives_only_what_the_stopped_worker_had_not(tmp_path: Path) -> None:
    data = b"".join(message(n) for n in range(1200))
    path = tmp_path / "box.mbox"
    path.write_bytes(data)
    handed_out = mbox_worker.FRAME_ITEMS + 123
    local = mbox_parallel.LocalRange(path, 0, handed_out, tmp_path)
    try:
        given = list(mbox_parallel.unpacked(frame for frame, _, _ in local.read_frames()))
        replayed = list(mbox_parallel.unpacked(local.stored_frames()))
    finally:
        local.close()
    everything = sequential(path)
    assert replayed == everything
    assert (
        [item.source_ref for item in given]
        == [  # type: ignore[union-attr]
            item.source_ref  # type: ignore[union-attr]
            for item in everything[handed_out:]
        ]
    )


def test_a_worker_that_cannot_start_leaves_the_sequential_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_ranges: None
) -> None:
    path = tmp_path / "box.mbox"
    path.write_bytes(b"".join(message(n) for n in range(50)))
    monkeypatch.setattr(mbox_parallel, "forking_is_safe", lambda: False)
    monkeypatch.setattr(mbox_parallel.sys, "executable", str(tmp_path / "no-python"))
    assert read_ahead.parallel_reader(path, path.name, tmp_path) is None


def test_a_cancelled_import_stops_its_workers_and_keeps_nothing(
    generated: Path, tmp_path: Path, two_ranges: None, started_mbox_readers: list[ParallelMbox]
) -> None:
    cancel = threading.Event()
    cancel.set()
    store = open_store(tmp_path / "data")
    try:
        with pytest.raises(ImportCancelled):
            import_file(store, generated, cancel=cancel)
        with store.sessions() as session:
            assert session.scalars(select(Interaction)).first() is None
    finally:
        store.close()
    assert len(started_mbox_readers) == 1
    workers = [
        worker
        for worker in started_mbox_readers[0].workers
        if isinstance(worker, mbox_parallel.Worker)
    ]
    assert workers and all(worker.process.returncode is not None for worker in workers)


@given(
    size=st.integers(min_value=0, max_value=10**12),
    parts=st.integers(1, 16),
    head_start=st.integers(min_value=0, max_value=10**10),
)
def test_range_offsets_are_ordered_cuts_inside_the_file(
    size: int, parts: int, head_start: int
) -> None:
    offsets = mbox_parallel.range_offsets(size, parts, head_start)
    assert len(offsets) == parts - 1
    assert offsets == sorted(offsets)
    assert all(0 <= offset <= size for offset in offsets)
    if offsets and size:
        assert offsets[0] >= int(size * mbox_parallel.MIN_FIRST_SHARE)


def test_workers_with_a_head_start_leave_this_process_the_shorter_range() -> None:
    """While the command loads the store, the worker reads: this process's own range shrinks
    by the head start, down to a small one of its own."""
    size = 160 * 2**20
    even = mbox_parallel.range_offsets(size, 2)[0]
    ahead = mbox_parallel.range_offsets(size, 2, head_start=40 * 2**20)[0]
    far_ahead = mbox_parallel.range_offsets(size, 2, head_start=10 * size)[0]
    assert 0 < far_ahead < ahead < even < size // 2
    assert far_ahead == int(size * mbox_parallel.MIN_FIRST_SHARE)


def test_the_digest_of_a_mailbox_read_in_parallel_starts_once_its_own_range_is_read(
    tmp_path: Path,
) -> None:
    data = b"".join(message(n) for n in range(400))
    path = tmp_path / "box.mbox"
    path.write_bytes(data)
    calls: list[int] = []
    reader = ParallelMbox(path, offsets=[len(data) // 3], own_range_read=lambda: calls.append(1))
    try:
        assert calls == []
        assert len(list(reader)) == 400
        assert calls == [1]
        assert len(list(reader)) == 400  # a replay reads no range again
        assert calls == [1]
    finally:
        reader.close()


def test_a_deferred_digest_is_hashed_when_asked_for_even_if_never_started(
    tmp_path: Path,
) -> None:
    path = tmp_path / "box.mbox"
    path.write_bytes(b"".join(message(n) for n in range(20)))
    deferred = FileDigest(path, deferred=True)
    assert deferred.result() == hashlib.sha256(path.read_bytes()).hexdigest()
    deferred.start()  # started already: nothing more happens
    assert deferred.result() == FileDigest(path).result()


def test_a_missing_file_read_ahead_reads_nothing_and_reports_when_asked(tmp_path: Path) -> None:
    ahead = read_ahead.ReadAhead.before_store_loads(tmp_path / "gone.mbox", tmp_path)
    try:
        assert ahead.parallel is None
        with pytest.raises(FileNotFoundError):
            ahead.digest.result()
    finally:
        ahead.close()


@pytest.mark.parametrize(
    ("cpus", "load", "expected"),
    [(2, 0.2, 2), (2, 1.7, 2), (2, 2.1, 1), (1, 0.0, 1), (8, 0.5, 4), (8, 6.6, 3), (8, 7.5, 2)],
)
def test_a_worker_is_started_only_for_an_idle_cpu(
    monkeypatch: pytest.MonkeyPatch, cpus: int, load: float, expected: int
) -> None:
    monkeypatch.setattr(mbox_parallel.os, "sched_getaffinity", lambda _: set(range(cpus)))
    monkeypatch.setattr(mbox_parallel.os, "getloadavg", lambda: (load, load, load))
    assert mbox_parallel.worker_count() == expected


def test_the_import_command_loads_no_store_code_before_it_starts_reading() -> None:
    """The command starts a large mailbox's workers first; SQLAlchemy and the models load
    while they read."""
    probe = (
        "import sys, helper.commands.imports\n"
        "print([m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'"
        " or m.startswith(('helper.db', 'helper.store'))])"
    )
    finished = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert finished.stdout.strip() == "[]"


@forking_in_a_threaded_test
def test_the_import_command_hands_the_workers_started_early_to_the_import(
    generated: Path,
    tmp_path: Path,
    runner: CliRunner,
    two_ranges: None,
    worker_start: str,
    started_mbox_readers: list[ParallelMbox],
    second_database_url: str | None,
) -> None:
    sequential_store = open_store(tmp_path / "sequential", url=second_database_url)
    try:
        expected = import_file(sequential_store, generated).to_json()
    finally:
        sequential_store.close()
    started_mbox_readers.clear()
    result = runner.invoke(main, ["import", str(generated), "--json"])
    assert result.exit_code == 0, result.output
    [document] = json.loads(result.stdout)
    assert len(started_mbox_readers) == 1  # the early one, not a second
    for varying in ("seconds", "run_id"):
        document.pop(varying, None)
        expected.pop(varying, None)
    assert document == expected
