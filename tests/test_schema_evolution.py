"""A store made at the first revision, with data in every table, upgraded to head: every row
survives with its values, and a backup of the old store is taken first (issue 10)."""

import sqlite3

import pytest
from alembic import command

from helper.config import database_url
from helper.db.engine import alembic_config, head_revision, make_engine, upgrade_to_head
from helper.store.opening import open_store

# The revisions themselves are replayed on PostgreSQL by tests/test_migrations.py.
pytestmark = pytest.mark.sqlite_only(reason="the old store is written as a SQLite file")

STAMP = "2026-03-14 09:26:53.589793"

# One row per table of revision 0001, written as raw SQL would find them, foreign keys valid.
ROWS_AT_0001: dict[str, dict[str, object]] = {
    "me": {
        "id": 1, "name": "Grace Hopper", "headline": "Rear admiral", "employers": '["Navy"]',
        "former_employers": '["Vassar"]', "emails": '["grace@example.com"]',
        "domains": '["navy.example"]', "schools": '["Yale"]', "location": "Arlington",
        "pitch": "Compilers.", "offer": "Talks", "signature": "G.", "timezone": "America/New_York",
        "linkedin_url": "", "linkedin_note_limit": 200, "updated_at": STAMP,
    },
    "contact": {
        "id": 7, "name": "Ada Lovelace", "pronouns": "she/her", "headline": "Analyst",
        "current_title": "Analyst", "current_company": "Babbage", "location": "London",
        "about": "Zoë, 東京", "linkedin_url": "https://www.linkedin.com/in/ada/",
        "other_urls": '["https://ada.example"]', "tier": "strengthen", "notes": "n",
        "sources": '["manual"]', "protected_fields": '["name"]', "created_at": STAMP,
        "updated_at": STAMP,
    },
    "contact_email": {"id": 1, "contact_id": 7, "email": "ada@example.com", "label": "work"},
    "contact_phone": {"id": 1, "contact_id": 7, "e164": "+442079460958", "label": "mobile"},
    "position": {
        "id": 1, "contact_id": 7, "ordinal": 0, "title": "Analyst", "company": "Babbage",
        "start": "1842", "end": "", "location": "", "employment_type": "", "description": "d",
    },
    "education": {
        "id": 1, "contact_id": 7, "ordinal": 0, "school": "Home", "degree": "Maths",
        "start": "", "end": "",
    },
    "skill": {"id": 1, "contact_id": 7, "name": "Engines"},
    "contact_category": {
        "id": 1, "contact_id": 7, "key": "mentor", "reason": "taught me", "source": "user",
    },
    "interaction": {
        "id": 1, "contact_id": 7, "kind": "email_sent", "occurred_at": STAMP, "channel": "email",
        "summary": "Hello", "source_ref": "<m1@example.com>",
    },
    "goal": {
        "id": 3, "title": "Find a mentor", "purpose": "career", "priority": 2, "short_target": 1,
        "medium_target": 2, "long_target": 3, "short_ends": "2026-04-01", "medium_ends": None,
        "long_ends": None, "strategy": "both", "scope": "external", "keywords": '["ai"]',
        "organisations": "[]", "categories": '["mentor"]', "deadline": "2027-01-02",
        "status": "active", "created_at": STAMP,
    },
    "goal_contact": {
        "id": 1, "goal_id": 3, "contact_id": 7, "stage": "replied", "score": 0.75,
        "reasons": '["shared school"]', "updated_at": STAMP,
    },
    "event": {
        "id": 4, "name": "Meetup", "kind": "meetup", "starts_at": STAMP, "ends_at": None,
        "timezone": "UTC", "place": "Hall", "url": "", "notes": "",
    },
    "event_contact": {"id": 1, "event_id": 4, "contact_id": 7, "note": "by the door"},
    "follow_up": {
        "id": 1, "contact_id": 7, "goal_id": 3, "event_id": 4, "kind": "check_in",
        "title": "Say thanks", "due_at": STAMP, "channel": "email", "draft": "Thanks!",
        "status": "open", "recurrence": "", "sequence": 1, "fingerprint": "abc",
    },
    "draft": {
        "id": 1, "contact_id": 7, "goal_id": 3, "channel": "email", "subject": "Hi",
        "body": "Hello Ada", "questions": '["How?"]', "created_at": STAMP, "copied_at": None,
        "sent_at": STAMP,
    },
    "import_run": {
        "id": 1, "file_name": "contacts.vcf", "format": "vcard", "sha256": "0" * 64,
        "status": "done", "created": 1, "updated": 0, "merged": 0, "skipped": 0,
        "problems": "[]", "message": "", "started_at": STAMP, "finished_at": STAMP,
        "seconds": 0.5,
    },
}  # fmt: skip


@pytest.fixture
def old_store(tmp_path):
    """A data folder whose store is at revision 0001 and holds ROWS_AT_0001."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    engine = make_engine(database_url(data_dir))
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    path = data_dir / "outreach.sqlite3"
    with sqlite3.connect(path) as connection:
        for table, row in ROWS_AT_0001.items():
            columns = ", ".join(f'"{name}"' for name in row)
            marks = ", ".join("?" for _ in row)
            connection.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values())
            )
    return data_dir


def rows(path, table: str, columns) -> list[dict]:
    with sqlite3.connect(path) as connection:
        names = ", ".join(f'"{name}"' for name in columns)
        found = connection.execute(f"SELECT {names} FROM {table}").fetchall()
    return [dict(zip(columns, values, strict=True)) for values in found]


def test_the_fixture_fills_every_table_of_the_first_revision(old_store):
    with sqlite3.connect(old_store / "outreach.sqlite3") as connection:
        tables = {
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert tables - {"alembic_version"} == set(ROWS_AT_0001)


def test_every_row_survives_the_upgrade_to_head_with_its_values(old_store):
    store = open_store(old_store)
    path = old_store / "outreach.sqlite3"
    for table, row in ROWS_AT_0001.items():
        assert rows(path, table, list(row)) == [row], table
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store.engine.dispose()


def test_columns_added_later_take_their_defaults_on_old_rows(old_store):
    open_store(old_store)
    path = old_store / "outreach.sqlite3"
    (me,) = rows(path, "me", ["strengthen_days", "maintain_days", "calendar_token"])
    assert me == {"strengthen_days": 14, "maintain_days": 90, "calendar_token": ""}
    (run,) = rows(path, "import_run", ["interactions", "problem_count", "skipped_reasons"])
    assert run == {"interactions": 0, "problem_count": 0, "skipped_reasons": "{}"}


def test_a_backup_of_the_old_store_is_taken_before_the_upgrade(old_store):
    open_store(old_store)
    (backup,) = (old_store / "backups").glob("*-before-upgrade-from-0001.sqlite3")
    with sqlite3.connect(backup) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert connection.execute("SELECT name FROM contact").fetchall() == [("Ada Lovelace",)]


def test_a_store_already_at_head_is_not_backed_up_again(old_store):
    open_store(old_store)
    open_store(old_store)
    assert len(list((old_store / "backups").glob("*.sqlite3"))) == 1


def test_a_new_store_and_an_old_empty_one_need_no_backup(tmp_path):
    open_store(tmp_path / "new")
    assert not (tmp_path / "new" / "backups").exists()
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    command.upgrade(alembic_config(engine), "0001")
    taken = []
    upgrade_to_head(engine, before_migrating=taken.append)
    assert taken == []


def test_the_callback_hears_the_revision_it_upgrades_from(old_store):
    engine = make_engine(database_url(old_store))
    taken = []
    upgrade_to_head(engine, before_migrating=taken.append)
    assert taken == ["0001"]


def test_an_existing_goal_gets_an_aim_suggested_from_its_title_and_unchecked(old_store):
    open_store(old_store)
    path = old_store / "outreach.sqlite3"
    (goal,) = rows(path, "goal", ["aim", "aim_checked", "pitch", "offer", "ask"])
    assert goal == {
        "aim": "finding a mentor",
        "aim_checked": 0,
        "pitch": "",
        "offer": "",
        "ask": "",
    }
