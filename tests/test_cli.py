"""The command line contract: names, options, JSON field spellings, exit codes."""

import json
import re
import subprocess
import sys

import pytest

from helper.cli import main


def run_json(runner, *args):
    result = runner.invoke(main, [*args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_me_prints_every_field_in_the_contract_spelling(runner):
    document = run_json(runner, "me", "--json")
    assert set(document) == {
        "name",
        "headline",
        "employers",
        "former_employers",
        "emails",
        "domains",
        "pitch",
        "offer",
        "signature",
        "timezone",
        "linkedin_url",
        "linkedin_note_limit",
    }


def test_me_set_replaces_lists_and_normalises_addresses(runner):
    run_json(
        runner,
        "me",
        "set",
        "--name",
        "Ada",
        "--employer",
        "Contoso",
        "--employer",
        "Fabrikam",
        "--former-employer",
        "Northwind",
        "--email",
        "Ada@Example.com",
        "--pitch",
        "I build.",
        "--offer",
        "Reviews",
        "--signature",
        "Ada\nContoso",
        "--timezone",
        "Europe/London",
        "--linkedin-note-limit",
        "200",
        "--json",
    )
    document = run_json(runner, "me", "--json")
    assert document["employers"] == ["Contoso", "Fabrikam"]
    assert document["former_employers"] == ["Northwind"]
    assert document["emails"] == ["ada@example.com"]
    assert document["linkedin_note_limit"] == 200
    assert document["signature"] == "Ada\nContoso"


def test_me_set_refuses_a_bad_address_with_a_one_line_reason(runner):
    result = runner.invoke(main, ["me", "set", "--email", "not-an-address"])
    assert result.exit_code == 1
    assert "not a valid email address: not-an-address" in result.output
    assert run_json(runner, "me", "--json")["emails"] == []


def test_me_set_refuses_an_unknown_time_zone(runner):
    result = runner.invoke(main, ["me", "set", "--timezone", "Mars/Base"])
    assert result.exit_code == 1
    assert "unknown time zone 'Mars/Base'" in result.output


def test_contacts_json_has_the_profile_fields_plus_id_and_tier(runner, tmp_path):
    from helper.store.contacts import ContactInput, create_contact
    from helper.store.opening import open_store

    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        create_contact(
            session,
            ContactInput(name="Rachel Green", current_title="Recruiter", categories=["recruiter"]),
        )
        create_contact(session, ContactInput(name="Colin", categories=["colleague"]))
        session.commit()
    documents = run_json(runner, "contacts", "--json")
    assert [d["name"] for d in documents] == ["Colin", "Rachel Green"]
    assert set(documents[0]) == {
        "id",
        "tier",
        "name",
        "pronouns",
        "headline",
        "location",
        "current_title",
        "current_company",
        "about",
        "linkedin_url",
        "emails",
        "phones",
        "positions",
        "education",
        "skills",
        "categories",
    }
    recruiters = run_json(runner, "contacts", "--category", "recruiter", "--json")
    assert [d["name"] for d in recruiters] == ["Rachel Green"]
    assert recruiters[0]["categories"] == [{"key": "recruiter", "reason": "chosen by you"}]


def test_an_unknown_category_is_refused_by_the_option(runner):
    result = runner.invoke(main, ["contacts", "--category", "plumber"])
    assert result.exit_code == 2
    assert "plumber" in result.output


@pytest.mark.sqlite_only(reason="with DATABASE_URL set, every data folder uses that database")
def test_data_dir_option_selects_the_store(runner, tmp_path):
    other = tmp_path / "elsewhere"
    run_json(runner, "me", "set", "--name", "Elsewhere", "--data-dir", str(other), "--json")
    assert (other / "outreach.sqlite3").exists()
    assert run_json(runner, "me", "--json")["name"] == ""


def test_backup_then_restore_round_trips_through_the_cli(runner, tmp_path):
    run_json(runner, "me", "set", "--name", "Before", "--json")
    backup = tmp_path / "backup.sqlite3"
    assert runner.invoke(main, ["backup", str(backup)]).exit_code == 0
    run_json(runner, "me", "set", "--name", "After", "--json")
    result = runner.invoke(main, ["restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert run_json(runner, "me", "--json")["name"] == "Before"


def test_restore_of_a_non_backup_fails_with_one_line_and_changes_nothing(runner, tmp_path):
    run_json(runner, "me", "set", "--name", "Kept", "--json")
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello")
    result = runner.invoke(main, ["restore", str(bogus)])
    assert result.exit_code == 1
    # A SQLite store's backups are database files; a PostgreSQL store's, JSON documents.
    assert re.search(r"is not a SQLite database|is not a backup this store can", result.output)
    assert run_json(runner, "me", "--json")["name"] == "Kept"


def test_every_command_of_the_contract_is_available():
    from helper.cli import COMMANDS, LazyGroup

    group = main
    assert isinstance(group, LazyGroup)
    for name in COMMANDS:
        assert group.get_command(None, name).name == name
    assert set(COMMANDS) >= {
        "serve",
        "me",
        "contacts",
        "import",
        "parse-profile",
        "goals",
        "match",
        "draft",
        "events",
        "followups",
        "export",
        "backup",
        "restore",
    }


def test_the_real_process_imports_then_lists_and_leaves_the_store_closed(tmp_path):
    """`python -m helper` runs through `cli.run` (collector frozen at start-up and exit): the
    commands still work end to end, and each closes its store, so SQLite's write-ahead log
    has been folded into the database file when the process is gone."""
    csv_file = tmp_path / "Connections.csv"
    csv_file.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical Engines,Analyst,08 Feb 2026\n",
        encoding="utf-8",
    )
    data_dir = tmp_path / "data"

    def helper(*args: str) -> list:
        command = [sys.executable, "-m", "helper", *args, "--data-dir", str(data_dir), "--json"]
        finished = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert finished.returncode == 0, finished.stderr
        return json.loads(finished.stdout)

    assert helper("import", str(csv_file))[0]["created"] == 1
    assert [contact["name"] for contact in helper("contacts")] == ["Ada Lovelace"]
    assert not list(data_dir.glob("*-wal"))
