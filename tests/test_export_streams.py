"""Exports written a chunk at a time: the same bytes as the whole-file writers they replaced,
the same bytes from the command line and the Export page, and the page's answer streamed."""

import json
import shutil
from datetime import date, datetime

import pytest
from sqlalchemy import select

from helper import create_app
from helper.cli import main
from helper.db import begin_read_snapshot, head_revision
from helper.db.models import Contact, MergeRecord, Position
from helper.exporters.csv import contacts_csv
from helper.exporters.vcard import vcards
from helper.store.contact_records import load_contact_records
from helper.store.contacts import ContactInput, create_contact
from helper.store.exports import ExportOptions, render_export
from helper.store.json_document import FORMAT_NAME, dumped_columns, dumped_tables
from tests.test_store_json_dump import fill_every_table


def whole_document_as_before(session) -> str:
    """The JSON export as it was written before it streamed: built whole, then encoded."""

    def encode(value):
        return value.isoformat() if isinstance(value, datetime | date) else value

    tables = {}
    for table in dumped_tables():
        statement = select(*dumped_columns(table)).order_by(*table.primary_key.columns)
        tables[table.name] = [
            {name: encode(value) for name, value in row.items()}
            for row in session.execute(statement).mappings()
        ]
    document = {"format": FORMAT_NAME, "schema_version": head_revision(), "tables": tables}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@pytest.fixture(scope="module")
def filled_app(tmp_path_factory, blank_store_file):
    """An app on a store with every table filled, with text a JSON or CSV writer must escape,
    lists and objects nested in rows, and contacts whose current role comes from their first
    position; made once, since these tests only read it."""
    data_dir = tmp_path_factory.mktemp("filled") / "data"
    data_dir.mkdir()
    shutil.copyfile(blank_store_file, data_dir / blank_store_file.name)
    app = create_app({"DATA_DIR": data_dir, "TESTING": True})
    store = app.extensions["outreach"]
    with store.sessions() as session:
        fill_every_table(session)
        for n in range(1, 1300):  # more than one chunk of rows and of contacts
            create_contact(
                session,
                ContactInput(
                    name=f'Zoë "{n}" O\'Neil\\\t東京',
                    emails=[f"z{n}@example.com"],
                    categories=["mentor"] if n % 3 else [],
                    notes="=1+1;\r\nline\u2028two \x00" if n % 7 == 0 else "",
                ),
            )
        session.add(MergeRecord(snapshot={"kept": {"id": 1, "urls": [[], {}, ["a", {"b": 2.5}]]}}))
        session.flush()
        no_title = session.scalar(select(Contact).where(Contact.name == "Bob"))
        session.add(Position(contact_id=no_title.id, ordinal=0, title="Engineer", company="Acme"))
        session.commit()
    yield app
    store.close()


@pytest.fixture
def filled(filled_app):
    return filled_app.extensions["outreach"]


def test_the_streamed_json_export_is_byte_identical_to_the_whole_document_writer(filled):
    with filled.sessions() as session:
        begin_read_snapshot(session)
        rendered = render_export(session, "json", ExportOptions())
        chunks = list(rendered.chunks)
        assert len(chunks) > 10
        assert b"".join(chunks).decode("utf-8") == whole_document_as_before(session)


@pytest.mark.parametrize("category", ["", "mentor"])
def test_the_streamed_vcard_and_csv_exports_are_byte_identical_to_the_full_profile_writers(
    filled, category
):
    with filled.sessions() as session:
        contacts = load_contact_records(session, category=category)
        cards = vcards(contact.profile for contact in contacts).encode("utf-8")
        rows = contacts_csv(contacts).encode("utf-8")
        options = ExportOptions(category=category)
        assert render_export(session, "vcard", options).content == cards
        assert render_export(session, "csv", options).content == rows
    if not category:
        assert b"TITLE:Engineer" in cards and b"ORG:Acme" in cards


@pytest.mark.parametrize("kind", ["json", "vcard", "csv"])
def test_a_streamed_download_is_byte_identical_to_the_command_line_export(
    filled_app, runner, tmp_path, kind
):
    response = filled_app.test_client().get(f"/export/download/{kind}")
    assert response.status_code == 200
    assert response.is_streamed
    out = tmp_path / f"export.{kind}"
    data_dir = filled_app.config["DATA_DIR"]
    result = runner.invoke(main, ["export", kind, "--out", str(out), "--data-dir", data_dir])
    assert result.exit_code == 0, result.output
    assert response.get_data() == out.read_bytes()
