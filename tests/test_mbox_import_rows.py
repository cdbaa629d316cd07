"""A mailbox import stores exactly the rows its messages give, whatever shortcuts the import
takes on the way (a replay spool of plain tuples, digests remembered across a lookup and an
add, the collector paused, dates read without the standard library's general parser)."""

from __future__ import annotations

import dataclasses
import gc
import io
import zipfile
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import select

from bench.generate_mbox import write_mbox
from helper.db.models import Contact, ContactEmail, Interaction
from helper.errors import ImportRefused
from helper.importers import mail_archive, mbox
from helper.importers.mail_history import infer_owner, interactions_from_messages
from helper.records import MailMessage
from helper.store.imports import plan
from helper.store.imports.mail_owner import infer_owner_spooled, replayed
from helper.store.imports.pipeline import import_file
from helper.store.imports.plan import SOURCE_REF_CHARS, SUMMARY_CHARS, RefDigests, Spool
from helper.store.opening import open_store

MESSAGES = 400


@pytest.fixture(scope="module")
def mailbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mail") / "generated.mbox"
    write_mbox(path, MESSAGES, seed=11)
    return path


def messages_of(path: Path) -> list[MailMessage]:
    with path.open("rb") as stream:
        return [item for item in mbox.read(stream) if isinstance(item, MailMessage)]


def expected_rows(path: Path) -> list[tuple[str, str, object, str, str]]:
    """The interaction rows the messages give, worked out the plain way: every message in a
    list, the owner inferred from it, then one interaction per correspondent."""
    messages = messages_of(path)
    owner = infer_owner(messages)
    assert owner is not None
    interactions, _skipped = interactions_from_messages(messages, {owner})
    seen: set[str] = set()
    rows = []
    for record in interactions:
        if record.source_ref in seen:
            continue
        seen.add(record.source_ref)
        when = record.when.astimezone(UTC).replace(tzinfo=None) if record.when else None
        rows.append(
            (
                record.email,
                record.kind,
                when,
                record.summary[:SUMMARY_CHARS],
                record.source_ref[:SOURCE_REF_CHARS],
            )
        )
    return rows


def stored_rows(store) -> list[tuple[str, str, object, str, str]]:
    with store.sessions() as session:
        email_of = dict(session.execute(select(ContactEmail.contact_id, ContactEmail.email)).all())
        interactions = session.scalars(select(Interaction).order_by(Interaction.id))
        return [
            (email_of[i.contact_id], i.kind, i.occurred_at, i.summary, i.source_ref)
            for i in interactions
        ]


def test_a_generated_mailbox_stores_the_rows_its_messages_give(
    mailbox: Path, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "data")
    summary = import_file(store, mailbox)
    expected = expected_rows(mailbox)
    assert stored_rows(store) == expected
    assert summary.interactions == len(expected)
    with store.sessions() as session:
        emails = set(session.scalars(select(ContactEmail.email)))
        contacts = session.scalars(select(Contact)).all()
    assert emails == {row[0] for row in expected}
    assert summary.created == len(contacts) == len(emails)
    store.close()


def test_a_second_import_of_the_generated_mailbox_adds_nothing(
    mailbox: Path, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "data")
    import_file(store, mailbox)
    copy = tmp_path / "copy.mbox"
    copy.write_bytes(mailbox.read_bytes() + b"\n")  # another file, the same messages
    summary = import_file(store, copy)
    assert (summary.created, summary.interactions) == (0, 0)
    assert stored_rows(store) == expected_rows(mailbox)
    store.close()


def test_a_file_and_a_stream_that_only_reads_give_the_same_items(mailbox: Path) -> None:
    """A plain file is read into one reused buffer, any other stream through read()."""

    class ReadOnly:
        def __init__(self, data: bytes) -> None:
            self.inner = io.BytesIO(data)

        def read(self, size: int = -1) -> bytes:
            return self.inner.read(size)

    data = mailbox.read_bytes()
    with mailbox.open("rb") as stream:
        from_file = list(mbox.read(stream))
    assert len(from_file) == MESSAGES  # 6 MB: many chunks
    assert list(mbox.read(io.BytesIO(data))) == from_file
    assert list(mbox.read(ReadOnly(data))) == from_file  # type: ignore[arg-type]


def test_a_takeout_zip_of_the_mailbox_gives_its_messages_under_the_member_name(
    mailbox: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "takeout.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(mailbox, "Takeout/Mail/All mail.mbox")
    with mailbox.open("rb") as stream:
        expected = [
            dataclasses.replace(item, location=f"Takeout/Mail/All mail.mbox: {item.location}")
            for item in mbox.read(stream)
        ]
    with archive.open("rb") as stream:
        assert list(mail_archive.read(stream, name=archive.name)) == expected


def test_the_owner_replay_gives_back_the_messages_and_problems_read(
    mailbox: Path, tmp_path: Path
) -> None:
    with mailbox.open("rb") as stream:
        items = list(mbox.read(stream))
    replay = Spool(tmp_path, chunk=64)
    owner = infer_owner_spooled(iter(items), replay)
    assert owner == infer_owner(m for m in items if isinstance(m, MailMessage))
    assert list(replayed(replay)) == items
    replay.close()


def test_ref_digests_answer_the_same_whatever_order_lookups_and_adds_come_in() -> None:
    refs = RefDigests()
    assert "a" not in refs
    refs.add("b")  # an add of another ref than the one just looked up
    assert "a" not in refs
    assert "b" in refs
    refs.add("a")
    assert "a" in refs and "b" in refs and "c" not in refs
    assert "" not in refs and 3 not in refs
    assert len(refs) == 2


def test_ref_digests_hold_many_refs_as_a_set_would() -> None:
    refs, plain = RefDigests(), set()
    for number in range(20_000):  # several times the first table: it grows
        ref = f"<m{number * 7919 % 30_011}@example.net>:person{number % 97}@example.net"
        assert (ref in refs) == (ref in plain)
        refs.add(ref)
        plain.add(ref)
    assert len(refs) == len(plain)
    assert all(ref in refs for ref in plain)
    assert "<never@example.net>:x@example.net" not in refs


def test_ref_digests_keep_a_zero_digest_apart_from_the_free_slots(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = plan._ref_digest
    monkeypatch.setattr(plan, "_ref_digest", lambda ref: 0 if ref == "zero" else real(ref))
    refs = RefDigests()
    assert "zero" not in refs
    refs.add("zero")
    refs.add("other")
    assert "zero" in refs and "other" in refs and len(refs) == 2


def test_reading_mail_makes_no_reference_cycles(mailbox: Path, data_path: Path) -> None:
    """Mail imports run with the cyclic collector paused; memory stays flat only because
    reading makes no cycles for it to find."""
    paths = [mailbox, *sorted((data_path / "mbox").glob("*.mbox"))]
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for path in paths:
            with path.open("rb") as stream:
                try:
                    for _item in mbox.read(stream, name=path.name):
                        pass
                except ImportRefused:  # the empty and the binary files of the corpus
                    pass
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()
