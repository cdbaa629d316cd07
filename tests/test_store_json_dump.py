"""The JSON export of the whole store, and loading it back into an empty store exactly."""

import copy
import json
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from helper.db.engine import head_revision, transaction
from helper.db.models import (
    BridgeToken,
    CategoryLesson,
    Contact,
    ContactCategory,
    ContactEmail,
    ContactPhone,
    Draft,
    EducationEntry,
    Event,
    EventContact,
    FollowUp,
    Goal,
    GoalContact,
    ImportRun,
    Interaction,
    Me,
    MergeRecord,
    NotSamePerson,
    Position,
    Skill,
)
from helper.errors import ImportRefused
from helper.store.imports.json_restore import restore_json_file
from helper.store.json_document import dump, dumped_tables, dumps
from helper.store.opening import open_store

WHEN = datetime(2026, 3, 14, 9, 26, 53, 589793)


def fill_every_table(session) -> None:
    """One or more rows in every table, with values that are not the defaults."""
    session.add(
        Me(
            name="Grace Hopper",
            employers=["Navy"],
            emails=["grace@example.com"],
            pitch="Compilers, plainly.",
            calendar_token="secret-feed-token",
            pairing_code="123-456",
            strengthen_days=10,
            updated_at=WHEN,
        )
    )
    ada = Contact(
        id=5,
        name="Ada Lovelace",
        linkedin_url="https://www.linkedin.com/in/ada/",
        other_urls=["https://ada.example"],
        tier="strengthen",
        notes="Zoë, 東京 & <script>",
        sources=["manual", "vcard"],
        protected_fields=["name"],
        created_at=WHEN,
        updated_at=WHEN,
    )
    ada.emails = [ContactEmail(email="ada@example.com", label="work")]
    ada.phones = [ContactPhone(e164="+442079460958")]
    ada.positions = [Position(ordinal=0, title="Analyst", company="Babbage", start="1842")]
    ada.education = [EducationEntry(school="Home", degree="Maths")]
    ada.skills = [Skill(name="Engines")]
    ada.categories = [ContactCategory(key="mentor", reason="she taught me", source="suggested")]
    bob = Contact(id=9, name="Bob", created_at=WHEN, updated_at=WHEN)
    session.add_all([ada, bob])
    session.flush()
    goal = Goal(title="Find a mentor", purpose="career", keywords=["ai"], deadline=date(2027, 1, 2))
    event = Event(name="Meetup", starts_at=WHEN, ends_at=WHEN, place="Hall")
    session.add_all([goal, event])
    session.flush()
    session.add_all(
        [
            Interaction(contact_id=5, kind="email_sent", occurred_at=WHEN, source_ref="<m@x>"),
            Interaction(contact_id=9, kind="met", occurred_at=None, summary="coffee"),
            GoalContact(goal_id=goal.id, contact_id=5, stage="replied", score=0.1 + 0.2),
            EventContact(event_id=event.id, contact_id=9, note="by the door"),
            FollowUp(contact_id=5, goal_id=goal.id, event_id=event.id, due_at=WHEN, sequence=2),
            Draft(contact_id=5, channel="email", subject="Hi", questions=["How?"], sent_at=WHEN),
            ImportRun(
                file_name="a.vcf",
                sha256="0" * 64,
                problems=[{"location": "card 2", "message": "no name"}],
                skipped_reasons={"automated": 3},
                seconds=1.25,
            ),
            NotSamePerson(first_id=5, second_id=9),
            CategoryLesson(word="wealth manager", category="introducer", weight=1),
            MergeRecord(survivor_id=5, snapshot={"name": "Ada L."}, undone_at=WHEN),
            BridgeToken(token_sha256="f" * 64, origin="chrome-extension://abc"),
        ]
    )
    session.flush()


@pytest.fixture(scope="module")
def filled_store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("source"))
    with transaction(store.sessions) as session:
        fill_every_table(session)
    return store


@pytest.fixture(scope="module")
def source_document(filled_store) -> dict:
    return document_of(filled_store)


@pytest.fixture
def document(source_document) -> dict:
    """The dump of a store with rows in every table (a fresh copy for each test)."""
    return copy.deepcopy(source_document)


@pytest.fixture
def empty(tmp_path):
    return open_store(tmp_path / "empty")


def restore(store, document: dict | str) -> dict[str, int]:
    """The document restored as the product restores an export: from a file, streamed."""
    path = store.data_dir / "restored-export.json"
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    summary = restore_json_file(store, path)
    return {"contact": summary.created, "interaction": summary.interactions}


def document_of(store) -> dict:
    with store.sessions() as session:
        return dump(session)


def test_the_document_names_its_format_and_the_schema_revision(document):
    assert document["format"] == "outreach-helper"
    assert document["schema_version"] == head_revision()


def test_every_table_but_the_secrets_is_in_the_document_with_its_rows(document):
    tables = document["tables"]
    assert "bridge_token" not in tables
    assert "alembic_version" not in tables
    assert set(tables) == {table.name for table in dumped_tables()}
    assert all(tables[name] for name in tables), [name for name in tables if not tables[name]]
    assert "calendar_token" not in tables["me"][0]
    assert "pairing_code" not in tables["me"][0]
    assert tables["contact"][0]["created_at"] == "2026-03-14T09:26:53.589793"
    assert tables["goal"][0]["deadline"] == "2027-01-02"
    assert tables["import_run"][0]["skipped_reasons"] == {"automated": 3}


def test_dump_then_load_into_an_empty_store_then_dump_gives_the_same_document(filled_store, empty):
    with filled_store.sessions() as session:
        first = dumps(session)
    counts = restore(empty, first)
    assert counts["contact"] == 2
    with empty.sessions() as session:
        assert dumps(session) == first


def test_the_loaded_store_has_the_same_ids_values_and_timestamps(document, empty):
    restore(empty, document)
    with empty.sessions() as session:
        ada = session.get(Contact, 5)
        assert ada.name == "Ada Lovelace"
        assert ada.created_at == WHEN
        assert [e.email for e in ada.emails] == ["ada@example.com"]
        assert ada.category_keys == ["mentor"]
        assert session.scalar(select(GoalContact.score)) == 0.1 + 0.2
        assert session.scalar(select(Me.updated_at)) == WHEN


def test_a_loaded_store_takes_new_rows_after_the_restored_ids(document, empty):
    restore(empty, document)
    with transaction(empty.sessions) as session:
        session.add(Contact(name="New"))
        session.flush()
        assert session.scalar(select(func.max(Contact.id))) == 10


def test_the_me_row_a_fresh_store_makes_on_first_use_does_not_count_as_data(document, empty):
    from helper.store.me import get_me

    with transaction(empty.sessions) as session:
        get_me(session)
    restore(empty, document)
    assert document_of(empty) == document


def test_a_store_that_holds_data_is_refused_and_left_as_it_was(document, empty):
    with transaction(empty.sessions) as session:
        session.add(Contact(name="Already here"))
    refused = pytest.raises(ImportRefused, match=r"already holds data \(1 contact row\(s\)\)")
    with refused:
        restore(empty, document)
    with empty.sessions() as session:
        assert list(session.scalars(select(Contact.name))) == ["Already here"]


def test_a_filled_in_me_counts_as_data(document, empty):
    with transaction(empty.sessions) as session:
        session.add(Me(name="Someone"))
    refused = pytest.raises(ImportRefused, match=r"your own profile \(Me\)")
    with refused:
        restore(empty, document)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="vcard"), 'lacks "format": "outreach-helper"'),
        (lambda d: d.update(schema_version="9999"), "newer or unknown version .*'9999'"),
        (lambda d: d.pop("schema_version"), "newer or unknown version .*None"),
        (lambda d: d.pop("tables"), 'no "tables" object'),
        (lambda d: d["tables"].update(bridge_token=[]), "does not know: 'bridge_token'"),
        (lambda d: d["tables"].update(contact={}), 'Table "contact" .* not a list'),
        (lambda d: d["tables"]["contact"].append(7), "contact row 3 is not an object"),
        (lambda d: d["tables"]["contact"][0].update(colour="red"), r"does not know: \['colour'\]"),
        (lambda d: d["tables"]["contact"][0].pop("id"), "contact row 1 has no id"),
        (lambda d: d["tables"]["contact"][0].pop("name"), "contact row 1 has no name"),
        (lambda d: d["tables"]["contact"][0].update(name=None), "name: a value is required"),
        (lambda d: d["tables"]["contact"][0].update(name=5), "name: 5 is not text"),
        (lambda d: d["tables"]["contact"][0].update(id="5"), "id: '5' is not a whole number"),
        (lambda d: d["tables"]["contact"][0].update(id=True), "id: True is not a whole number"),
        (lambda d: d["tables"]["goal_contact"][0].update(score="hi"), "score: 'hi' is not a num"),
        (lambda d: d["tables"]["contact"][0].update(sources="x"), "'x' is not a list or object"),
        (lambda d: d["tables"]["event"][0].update(starts_at="soon"), "'soon' is not a date and"),
        (lambda d: d["tables"]["goal"][0].update(deadline="2027-13-01"), "is not a date"),
        (lambda d: d["tables"]["contact_email"].append(d["tables"]["contact_email"][0]), "break"),
        (lambda d: d["tables"]["skill"][0].update(contact_id=999), "skill rows .* break a rule"),
    ],
)
def test_a_document_this_version_cannot_restore_is_refused_and_nothing_is_stored(
    document, empty, change, message
):
    change(document)
    with pytest.raises(ImportRefused, match=message):
        restore(empty, document)
    assert all(not rows for rows in document_of(empty)["tables"].values())


def test_times_with_an_offset_are_stored_as_utc(document, empty):
    document["tables"]["event"][0]["starts_at"] = "2026-03-14T10:26:53+01:00"
    restore(empty, document)
    with empty.sessions() as session:
        assert session.scalar(select(Event.starts_at)) == datetime(2026, 3, 14, 9, 26, 53)


def test_an_export_from_an_older_schema_loads_with_defaults_for_newer_columns(document, empty):
    document["schema_version"] = "0001"
    for column in ("interactions", "problem_count", "skipped_reasons"):
        document["tables"]["import_run"][0].pop(column)
    document["tables"]["me"][0].pop("strengthen_days")
    restore(empty, document)
    with empty.sessions() as session:
        assert session.scalar(select(ImportRun.skipped_reasons)) == {}
        assert session.scalar(select(Me.strengthen_days)) == 14


def test_restoring_a_file_reports_what_was_restored(filled_store, document, empty, tmp_path):
    path = tmp_path / "export.json"
    with filled_store.sessions() as session:
        path.write_text(dumps(session), encoding="utf-8")
    summary = restore_json_file(empty, path)
    assert summary.format == "outreach_json"
    assert summary.created == 2
    assert summary.run_id is None
    assert "2 contacts, 1 goals, 1 events" in summary.message
    assert document_of(empty) == document


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", r"export.json is not valid JSON \(line 1, column 2"),
        (b"\xff\xfe\x00junk", "export.json is not UTF-8 text"),
        (b"[" * 100_000, "nests JSON too deeply|is not valid JSON"),
        (b"[]", "not an Outreach Helper export"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_with_the_reason(empty, tmp_path, content, message):
    path = tmp_path / "export.json"
    path.write_bytes(content)
    with pytest.raises(ImportRefused, match=message):
        restore_json_file(empty, path)


@pytest.mark.sqlite_only(reason="only SQLite keeps a JSON column's number as a number")
@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("0.30000000000000004", "0.30000000000000004"),
        ("1180591620717411303424", "1.1805916207174113e+21"),
        ("1e400", "Infinity"),
    ],
)
def test_a_number_another_program_stored_in_a_json_column_is_exported_exactly(
    empty, stored, written
):
    from sqlalchemy import text

    with transaction(empty.sessions) as session:
        session.add(Contact(name="Ada"))
        session.flush()
        session.execute(text(f"UPDATE contact SET sources = {stored}"))

    with empty.sessions() as session:
        exported = dumps(session)

    assert f'"sources": {written},' in exported
