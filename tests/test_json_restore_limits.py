"""A JSON export costs bounded memory to restore or refuse, and every key of a vocabulary and
every time zone in it is one this version knows."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from helper.db import head_revision
from helper.db.engine import transaction
from helper.db.models import Contact
from helper.errors import ImportRefused
from helper.store import json_document
from helper.store.contacts import ContactInput, create_contact
from helper.store.imports import json_restore
from helper.store.imports.json_restore import restore_json_file
from helper.store.json_document import dump, dumps
from helper.store.opening import open_store
from tests.conftest import REPO_ROOT
from tests.test_store_json_dump import fill_every_table

resource = pytest.importorskip("resource")

# A contact row as an export writes it, with a long About so that the file grows quickly.
CONTACT_ROW = (
    '{"id": %d, "name": "Person %d", "honorific": "", "pronouns": "", "headline": "Engineer", '
    '"current_title": "Engineer", "current_company": "Example", "location": "London", '
    '"about": "%s", "linkedin_url": null, "other_urls": [], "tier": "unset", "notes": "", '
    '"sources": ["vcard"], "protected_fields": [], "declined_categories": [], '
    '"import_run_id": null, "created_at": "2026-01-01T00:00:00", '
    '"updated_at": "2026-01-01T00:00:00"}'
)
PEAK_MEMORY_MB = 200


def write_export(path, contacts: int, about_chars: int) -> int:
    """An export of `contacts` contacts, written row by row; returns its size in bytes."""
    about = "Builds engines. " * (about_chars // 16)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(
            f'{{"format": "outreach-helper", "schema_version": "{head_revision()}",\n'
            ' "tables": {"contact": [\n'
        )
        for first in range(1, contacts + 1, 1000):
            last = min(first + 1000, contacts + 1)
            rows = ",\n".join(CONTACT_ROW % (n, n, about) for n in range(first, last))
            handle.write(rows + (",\n" if last <= contacts else "\n"))
        handle.write("]}}\n")
    return path.stat().st_size


def import_in_a_child(file, data_dir, *options: str) -> tuple[subprocess.CompletedProcess, float]:
    """`python -m helper import FILE [OPTIONS]` run by a fresh interpreter, so the peak memory
    it reports for its children is the import's alone (MB)."""
    script = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "print(done.returncode, done.stdout + done.stderr)\n"
    )
    command = [sys.executable, "-m", "helper", "import", str(file), *options]
    command += ["--data-dir", str(data_dir)]
    done = subprocess.run(
        [sys.executable, "-c", script, *command],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    peak_kb, outcome = done.stdout.split("\n", 1)
    return subprocess.CompletedProcess(command, int(outcome.split(" ", 1)[0]), outcome), (
        int(peak_kb) / 1024
    )


def test_a_large_export_into_a_store_that_holds_data_is_refused_before_it_is_parsed(tmp_path):
    store = open_store(tmp_path / "data")
    with transaction(store.sessions) as session:
        create_contact(session, ContactInput(name="Already here"))
    store.close()
    size = write_export(tmp_path / "big.json", contacts=200_000, about_chars=0)
    assert size > 80 << 20
    started = time.monotonic()
    done, peak_mb = import_in_a_child(tmp_path / "big.json", tmp_path / "data")
    assert done.returncode == 1
    assert "This store already holds data (1 contact row(s))" in done.stdout
    assert peak_mb < PEAK_MEMORY_MB, f"{peak_mb:.0f} MB"
    assert time.monotonic() - started < 60


def test_a_large_export_restores_into_an_empty_store_in_bounded_memory(tmp_path):
    size = write_export(tmp_path / "big.json", contacts=40_000, about_chars=1600)
    assert size > 60 << 20
    done, peak_mb = import_in_a_child(tmp_path / "big.json", tmp_path / "data")
    assert done.returncode == 0, done.stdout
    assert "Restored 40,000 rows" in done.stdout
    assert peak_mb < PEAK_MEMORY_MB, f"{peak_mb:.0f} MB"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.write(b'{"format": "outreach-helper", "tables": {}}')
        handle.truncate(json_restore.MAX_DOCUMENT_BYTES + 1)  # sparse: no disk is used
    with pytest.raises(ImportRefused, match=r"larger than any export this version restores"):
        restore_json_file(open_store(tmp_path / "data"), path)
    assert json_restore.MAX_DOCUMENT_BYTES <= 256 << 20


@pytest.fixture(scope="module")
def export_text(tmp_path_factory) -> str:
    """The export of a store with rows in every table."""
    store = open_store(tmp_path_factory.mktemp("source"))
    with transaction(store.sessions) as session:
        fill_every_table(session)
    with store.sessions() as session:
        return dumps(session)


def restored(tmp_path, text: str):
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    store = open_store(tmp_path / "empty")
    restore_json_file(store, path)
    return store


def contact_count(store) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count(Contact.id)))


@pytest.mark.parametrize(
    ("table", "column", "value", "unknown"),
    [
        ("me", "timezone", "Mars/Olympus", "Mars/Olympus"),
        ("event", "timezone", "../../etc/passwd", "../../etc/passwd"),
        ("follow_up", "channel", "pigeon", "pigeon"),
        ("draft", "channel", "fax", "fax"),
        ("interaction", "channel", "smoke signal", "smoke signal"),
        ("contact", "tier", "gold", "gold"),
        ("contact", "declined_categories", ["mentor", "wizard"], "wizard"),
        ("contact_category", "key", "wizard", "wizard"),
        ("category_lesson", "category", "wizard", "wizard"),
        ("goal", "categories", ["wizard"], "wizard"),
        ("goal", "purpose", "world domination", "world domination"),
        ("goal", "strategy", "luck", "luck"),
        ("goal", "scope", "galactic", "galactic"),
        ("goal", "status", "forgotten", "forgotten"),
        ("goal_contact", "stage", "married", "married"),
        ("event", "kind", "rave", "rave"),
        ("interaction", "kind", "telepathy", "telepathy"),
        ("import_run", "format", "papyrus", "papyrus"),
        ("import_run", "status", "exploded", "exploded"),
    ],
)
def test_an_export_with_a_key_this_version_does_not_know_is_refused_naming_row_and_value(
    tmp_path, export_text, table, column, value, unknown
):
    document = json.loads(export_text)
    document["tables"][table][0][column] = value
    expected = re.escape(f"{table} row 1, {column}: {unknown!r} is not a known ")
    with pytest.raises(ImportRefused, match=expected):
        restored(tmp_path, json.dumps(document))
    assert contact_count(open_store(tmp_path / "empty")) == 0


def test_the_known_keys_are_named_in_the_refusal(tmp_path, export_text):
    document = json.loads(export_text)
    document["tables"]["contact"][0]["tier"] = "gold"
    with pytest.raises(ImportRefused) as refused:
        restored(tmp_path, json.dumps(document))
    assert str(refused.value) == (
        "contact row 1, tier: 'gold' is not a known relationship tier "
        "(strengthen, maintain, let_go, unset)."
    )


def test_a_refused_key_names_the_row_counted_across_insert_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(json_restore, "INSERT_BATCH", 10)
    write_export(tmp_path / "export.json", contacts=30, about_chars=0)
    text = (tmp_path / "export.json").read_text(encoding="utf-8")
    text = text.replace('"id": 25, "name": "Person 25"', '"id": 25, "name": 25')
    (tmp_path / "export.json").write_text(text, encoding="utf-8")
    store = open_store(tmp_path / "empty")
    with pytest.raises(ImportRefused, match="contact row 25, name: 25 is not text"):
        restore_json_file(store, tmp_path / "export.json")
    assert contact_count(store) == 0


def test_an_export_read_in_tiny_chunks_restores_exactly(tmp_path, export_text, monkeypatch):
    monkeypatch.setattr(json_document, "READ_BYTES", 7)
    store = restored(tmp_path, export_text)
    with store.sessions() as session:
        assert dumps(session) == export_text
        assert dump(session)["tables"]["contact"][0]["name"] == "Ada Lovelace"


def test_a_value_longer_than_any_row_is_refused_without_holding_it(tmp_path, monkeypatch):
    monkeypatch.setattr(json_document, "MAX_VALUE_CHARS", 1000)
    monkeypatch.setattr(json_document, "READ_BYTES", 100)
    path = tmp_path / "export.json"
    path.write_text(
        f'{{"format": "outreach-helper", "schema_version": "{head_revision()}", "tables": '
        f'{{"contact": [{{"name": "{"x" * 5000}"}}]}}}}',
        encoding="utf-8",
    )
    with pytest.raises(
        ImportRefused, match=r"holds a value of over 1,000 characters \(line 1, column"
    ):
        restore_json_file(open_store(tmp_path / "empty"), path)
