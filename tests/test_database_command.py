"""`outreach-helper db upgrade` reports the engine and the schema revision, and a database that
cannot be reached is one line naming it, with its password hidden."""

from __future__ import annotations

import json

from helper.cli import main
from helper.db.engine import head_revision


def test_upgrade_reports_the_engine_and_the_newest_revision(runner):
    result = runner.invoke(main, ["db", "upgrade", "--json"])

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["revision"] == head_revision()
    assert document["engine"] in {"sqlite", "postgresql"}


def test_a_database_that_cannot_be_reached_is_named_in_one_line_without_its_password(runner):
    unreachable = "postgresql+psycopg://team:s3cret@127.0.0.1:1/outreach"

    result = runner.invoke(main, ["db", "upgrade"], env={"DATABASE_URL": unreachable})

    assert result.exit_code == 1
    assert result.output.startswith(
        "Error: The database at postgresql+psycopg://team:***@127.0.0.1:1/outreach cannot be used"
    )
    assert "s3cret" not in result.output
    assert "Traceback" not in result.output
