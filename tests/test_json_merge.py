"""Merging an Outreach Helper JSON export into a store that already holds data: its contacts
and their history go through the import path and meet the people already here."""

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from helper.cli import main
from helper.db import transaction
from helper.db.models import Contact, ImportRun, Interaction, Skill
from helper.errors import ImportRefused
from helper.records import Education, Position
from helper.store.contacts import ContactInput, create_contact
from helper.store.imports.pipeline import import_file
from helper.store.imports.summary import ExportChoice, StoreHoldsData
from helper.store.json_document import dumps
from helper.store.opening import open_store
from tests.test_json_restore_limits import PEAK_MEMORY_MB, import_in_a_child, write_export

MERGE = ExportChoice.MERGE
NOTE_REF = "<note-1@engines.org>:ada@engines.org"


@pytest.fixture
def other_store(tmp_path, second_database_url):
    """The store the export comes from: Ada with everything a contact holds, and Grace."""
    store = open_store(tmp_path / "other", url=second_database_url)
    with transaction(store.sessions) as session:
        ada = create_contact(
            session,
            ContactInput(
                name="Ada Lovelace",
                headline="Mathematician",
                current_company="Analytical Engines",
                location="London",
                emails=["ada@engines.org"],
                phones=["+442071234567"],
                categories=["mentor"],
                positions=[Position(title="Analyst", company="Analytical Engines")],
                education=[Education(school="Home tutors", degree="Mathematics")],
            ),
        )
        create_contact(session, ContactInput(name="Grace Hopper", emails=["grace@navy.mil"]))
        session.flush()
        session.add(Skill(contact_id=ada.id, name="Mathematics"))
        met = datetime(1843, 6, 1, 18, 0)
        session.add_all(
            [
                Interaction(contact_id=ada.id, kind="email_received", source_ref=NOTE_REF),
                Interaction(
                    contact_id=ada.id,
                    kind="met",
                    occurred_at=met,
                    summary="Met at the Royal Society",
                    source_ref=f"event:1:contact:{ada.id}",
                ),
            ]
        )
    return store


def export_of(store, path: Path) -> Path:
    with store.sessions() as session:
        path.write_text(dumps(session), encoding="utf-8")
    return path


@pytest.fixture
def export(other_store, tmp_path) -> Path:
    return export_of(other_store, tmp_path / "export.json")


@pytest.fixture
def here(tmp_path):
    """The store that holds data: Ada at the same company, with another address, a headline
    the user wrote, and the message the export also holds."""
    store = open_store(tmp_path / "here")
    with transaction(store.sessions) as session:
        ada = create_contact(
            session,
            ContactInput(
                name="Ada Lovelace",
                current_company="Analytical Engines",
                headline="Countess of Lovelace",
                emails=["ada@home.org"],
            ),
        )
        ada.protected_fields = ["headline"]
        create_contact(session, ContactInput(name="Charles Babbage", emails=["cb@engines.org"]))
        session.flush()
        session.add(Interaction(contact_id=ada.id, kind="email_received", source_ref=NOTE_REF))
    return store


def people(store) -> dict[str, Contact]:
    with store.sessions() as session:
        contacts = session.scalars(select(Contact)).all()
        for contact in contacts:
            _ = (contact.emails, contact.phones, contact.positions, contact.education)
            _ = (contact.skills, contact.categories, contact.interactions)
        return {contact.name: contact for contact in contacts}


def test_an_export_into_a_store_that_holds_data_waits_for_a_choice_and_records_nothing(
    here, export
):
    with pytest.raises(StoreHoldsData, match="--merge"):
        import_file(here, export)
    with here.sessions() as session:
        assert session.scalar(select(func.count(ImportRun.id))) == 0
    assert sorted(people(here)) == ["Ada Lovelace", "Charles Babbage"]


def test_a_person_in_both_stores_ends_as_one_contact_with_the_union_of_their_emails(here, export):
    import_file(here, export, export_choice=MERGE)
    found = people(here)
    assert sorted(found) == ["Ada Lovelace", "Charles Babbage", "Grace Hopper"]
    assert {e.email for e in found["Ada Lovelace"].emails} == {"ada@home.org", "ada@engines.org"}
    assert found["Ada Lovelace"].sources == ["manual", "outreach_json"]


def test_the_result_counts_who_was_created_and_who_was_merged(here, export):
    summary = import_file(here, export, export_choice=MERGE)
    assert (summary.format, summary.created, summary.updated, summary.merged) == (
        "outreach_json",
        1,
        0,
        1,
    )
    with here.sessions() as session:
        run = session.get(ImportRun, summary.run_id)
        assert (run.status, run.format, run.created, run.merged) == ("done", "outreach_json", 1, 1)


def test_an_interaction_already_stored_is_not_added_again(here, export):
    summary = import_file(here, export, export_choice=MERGE)
    assert summary.skipped_reasons == {"already imported": 1}
    with here.sessions() as session:
        refs = session.scalars(select(Interaction.source_ref)).all()
    assert refs.count(NOTE_REF) == 1
    assert len(refs) == 2


def test_a_later_export_of_the_same_store_adds_no_interaction_twice(
    here, export, other_store, tmp_path
):
    import_file(here, export, export_choice=MERGE)
    with transaction(other_store.sessions) as session:
        create_contact(session, ContactInput(name="Mary Somerville"))
    import_file(here, export_of(other_store, tmp_path / "later.json"), export_choice=MERGE)
    with here.sessions() as session:
        assert session.scalar(select(func.count(Interaction.id))) == 2
    assert "Mary Somerville" in people(here)


def test_a_meeting_keeps_no_ref_to_the_other_stores_event(here, export):
    import_file(here, export, export_choice=MERGE)
    met = next(i for i in people(here)["Ada Lovelace"].interactions if i.kind == "met")
    assert met.source_ref.startswith("event:outreach-json:")
    assert (met.summary, met.occurred_at) == ("Met at the Royal Society", datetime(1843, 6, 1, 18))


def test_a_field_you_edited_keeps_your_value(here, export):
    import_file(here, export, export_choice=MERGE)
    ada = people(here)["Ada Lovelace"]
    assert ada.headline == "Countess of Lovelace"
    assert ada.location == "London"  # a field you left alone takes the export's value


def test_a_new_person_arrives_with_phones_roles_schools_skills_and_categories(tmp_path, export):
    store = open_store(tmp_path / "babbage")
    with transaction(store.sessions) as session:
        create_contact(session, ContactInput(name="Charles Babbage"))
    import_file(store, export, export_choice=MERGE)
    ada = people(store)["Ada Lovelace"]
    assert [p.e164 for p in ada.phones] == ["+442071234567"]
    assert [(p.title, p.company) for p in ada.positions] == [("Analyst", "Analytical Engines")]
    assert [(e.school, e.degree) for e in ada.education] == [("Home tutors", "Mathematics")]
    assert [s.name for s in ada.skills] == ["Mathematics"]
    assert "mentor" in ada.category_keys
    assert {i.kind for i in ada.interactions} == {"email_received", "met"}


def test_a_row_that_cannot_be_read_is_a_problem_and_the_rest_is_merged(here, export):
    document = json.loads(export.read_text(encoding="utf-8"))
    document["tables"]["contact_email"][0]["contact_id"] = 999
    export.write_text(json.dumps(document), encoding="utf-8")
    summary = import_file(here, export, export_choice=MERGE)
    assert summary.problem_count == 1
    assert summary.problems[0]["location"] == "contact_email row 1"
    assert "names contact 999" in summary.problems[0]["message"]
    assert "Grace Hopper" in people(here)


def test_a_file_that_is_no_export_fails_with_its_reason_in_the_history(here, tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{"format": "outreach-helper", "schema_version": "9999", "tables": {}}')
    with pytest.raises(StoreHoldsData):
        import_file(here, path)
    with pytest.raises(ImportRefused, match="newer or unknown version"):
        import_file(here, path, export_choice=MERGE)
    with here.sessions() as session:
        run = session.scalar(select(ImportRun))
    assert (run.status, run.format) == ("failed", "outreach_json")
    assert "newer or unknown version" in run.message


def test_the_command_line_refuses_without_merge_and_says_how_to_merge(runner, export, tmp_path):
    data = tmp_path / "data"
    store = open_store(data)
    with transaction(store.sessions) as session:
        create_contact(session, ContactInput(name="Charles Babbage"))
    store.close()
    refused = runner.invoke(main, ["import", str(export)])
    assert refused.exit_code == 1
    reason = refused.stderr.strip().splitlines()
    assert len(reason) == 2  # the file's reason, then the count of files that failed
    assert "This store already holds data (1 contact row(s))" in reason[0]
    assert "--merge" in reason[0]
    merged = runner.invoke(main, ["import", str(export), "--merge", "--json"])
    assert merged.exit_code == 0, merged.output
    [document] = json.loads(merged.stdout)
    assert set(document) == {
        "file",
        "format",
        "created",
        "updated",
        "merged",
        "skipped",
        "problems",
        "seconds",
    }
    assert (document["format"], document["created"]) == ("outreach_json", 2)


def test_a_large_export_merges_in_memory_like_any_import_of_as_many_people(tmp_path):
    """Streamed, the merge holds the people (as every import's plan does) and a chunk of the
    file, never the parsed document."""
    store = open_store(tmp_path / "data")
    with transaction(store.sessions) as session:
        create_contact(session, ContactInput(name="Already here"))
    store.close()
    assert write_export(tmp_path / "big.json", contacts=15_000, about_chars=1600) > 24 << 20
    done, peak_mb = import_in_a_child(tmp_path / "big.json", tmp_path / "data", "--merge")
    assert done.returncode == 0
    assert peak_mb < PEAK_MEMORY_MB, f"{peak_mb:.0f} MB"
