"""Exports written a chunk at a time: the same bytes as the whole-file writers they replaced,
the same bytes from the command line and the Export page, and the page's answer streamed.

The vCard export changed on purpose when it gained vCard 3.0 (now the default), UIDs and typed
addresses: its streamed bytes are compared with the full-profile writer given the same UIDs and
labels, in both versions, and the 4.0 bytes without UID and TYPE with the writer as it was."""

import dataclasses
import json
import re
import shutil
from collections import defaultdict
from datetime import date, datetime

import pytest
from sqlalchemy import select, text

from helper import create_app
from helper.cli import main
from helper.db import begin_read_snapshot, head_revision
from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    ContactPhone,
    Goal,
    GoalContact,
    Interaction,
    MergeRecord,
    Position,
)
from helper.exporters.contact_uids import contact_uid
from helper.exporters.csv import contacts_csv
from helper.exporters.vcard import vcards
from helper.records import ProfileRecord
from helper.store import json_rows
from helper.store.contact_records import load_contact_records
from helper.store.contacts import ContactInput, create_contact
from helper.store.exports.render import ExportOptions, render_export
from helper.store.json_document import FORMAT_NAME, dumped_columns, dumped_tables
from helper.web.session import solo_workspace
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
    store = solo_workspace(app).store
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
        add_values_every_writer_must_keep(session)
        session.commit()
    yield app
    store.close()


def add_values_every_writer_must_keep(session) -> None:
    """Text with `%`, quotes and controls; links a spreadsheet or an address book would run;
    times stored without a fraction, with a `T` or with an offset; a boolean that is off;
    floats; JSON columns nested, empty, shared by many rows and unique; null times."""
    goal = Goal(
        title='100% "sure" %s',
        purpose="career",
        aim_checked=False,
        keywords=[],
        organisations=["Acme", {"b": [1.5, None, True, "Zoë\n"]}],
        deadline=date(2027, 2, 28),
    )
    session.add(goal)
    for n in range(40):
        contact = Contact(
            name=["Dr. Ana María de la Cruz Jr.", "%d %s 100%", "=1+1", "émile Zola"][n % 4],
            linkedin_url=f"javascript:alert({n})" if n % 3 == 0 else None,
            other_urls=[["javascript:x()", "https://ok.example/a b"], [], ["www.x.example"]][n % 3],
            sources=[["a", {"b": [1, 2.5, None, True]}], {}, {"k": {"n": []}}, ["x"] * 3][n % 4],
            protected_fields=["name"] if n % 2 else [],
            notes="tab\there\u2028\x7f" if n % 5 == 0 else "",
        )
        contact.phones = [ContactPhone(e164="+442079460958")] if n % 2 else []
        contact.categories = [ContactCategory(key="mentor", reason="%s", source="user")]
        session.add(contact)
        session.flush()
        session.add(
            Interaction(
                contact_id=contact.id, kind="met", occurred_at=datetime(2024, 5, 6, 7, 8, 9)
            )
        )
        session.add(GoalContact(goal_id=goal.id, contact_id=contact.id, score=n / 3))
    session.flush()
    # Stored by another writer than SQLAlchemy, which always writes a space and a fraction.
    met = select(Interaction.id).where(Interaction.kind == "met").order_by(Interaction.id.desc())
    ids = session.scalars(met.limit(3)).all()
    stored = ["2024-02-03 04:05:06", "2024-02-03T04:05:06.5", "2024-02-03 04:05:06+02:00"]
    for row_id, when in zip(ids, stored, strict=True):
        update = text("UPDATE interaction SET occurred_at = :when WHERE id = :id")
        session.execute(update, {"when": when, "id": row_id})
    session.execute(
        text("UPDATE goal SET short_ends = '2026-01-02' WHERE id = :id"), {"id": goal.id}
    )


@pytest.fixture
def filled(filled_app):
    return solo_workspace(filled_app).store


def test_the_streamed_json_export_is_byte_identical_to_the_whole_document_writer(filled):
    with filled.sessions() as session:
        begin_read_snapshot(session)
        rendered = render_export(session, "json", ExportOptions())
        chunks = list(rendered.chunks)
        assert len(chunks) > 10
        assert b"".join(chunks).decode("utf-8") == whole_document_as_before(session)


def test_the_json_export_read_through_sqlalchemy_is_the_same_document(filled, monkeypatch):
    """Another database than SQLite: rows as SQLAlchemy converts them, not as rewritten."""
    monkeypatch.setattr(json_rows, "_rewrites", lambda columns, connection: None)
    monkeypatch.setattr(json_rows, "MEMBERS_KEPT", 2)  # the parsed JSON texts forgotten often
    with filled.sessions() as session:
        begin_read_snapshot(session)
        document = render_export(session, "json", ExportOptions()).content.decode("utf-8")
        assert document == whole_document_as_before(session)


def test_every_kind_of_stored_value_is_in_the_filled_store(filled):
    """The store the byte-for-byte tests read holds each value the writers treat apart."""
    document = json.loads(whole_document_as_before_of(filled))
    tables = document["tables"]
    assert {goal["aim_checked"] for goal in tables["goal"]} == {True, False}
    occurred = {row["occurred_at"] for row in tables["interaction"]}
    assert {"2024-02-03T04:05:06", "2024-02-03T04:05:06.500000"} <= occurred
    assert "2024-02-03T04:05:06+02:00" in occurred and None in occurred
    assert any(isinstance(c["sources"], dict) and c["sources"] for c in tables["contact"])


def whole_document_as_before_of(store) -> str:
    with store.sessions() as session:
        return whole_document_as_before(session)


@dataclasses.dataclass(frozen=True)
class WithIdentity:
    """A full profile with what the vCard export adds to it: the contact's UID and the stored
    labels of its e-mail addresses and phone numbers."""

    profile: ProfileRecord
    uid: str
    email_labels: list[str]
    phone_labels: list[str]

    def __getattr__(self, name):
        return getattr(self.profile, name)


def with_identity(session, contacts) -> list[WithIdentity]:
    created = dict(session.execute(select(Contact.id, Contact.created_at)).all())
    email_labels, phone_labels = defaultdict(list), defaultdict(list)
    for contact_id, label in session.execute(
        select(ContactEmail.contact_id, ContactEmail.label).order_by(ContactEmail.id)
    ):
        email_labels[contact_id].append(label)
    for contact_id, label in session.execute(
        select(ContactPhone.contact_id, ContactPhone.label).order_by(ContactPhone.id)
    ):
        phone_labels[contact_id].append(label)
    return [
        WithIdentity(
            contact.profile,
            contact_uid(contact.id, created[contact.id]),
            email_labels[contact.id],
            phone_labels[contact.id],
        )
        for contact in contacts
    ]


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize("category", ["", "mentor"])
def test_the_streamed_vcard_and_csv_exports_are_byte_identical_to_the_full_profile_writers(
    filled, category, version
):
    with filled.sessions() as session:
        contacts = load_contact_records(session, category=category)
        cards = vcards(with_identity(session, contacts), version).encode("utf-8")
        rows = contacts_csv(contacts).encode("utf-8")
        options = ExportOptions(category=category, vcard_version=version)
        assert render_export(session, "vcard", options).content == cards
        options = ExportOptions(category=category)
        assert render_export(session, "csv", options).content == rows
        if version == "4.0":
            # The format changed on purpose in one way only: each card gained its UID line and
            # each labelled address its TYPE. Without them, the 4.0 export is the bytes the
            # full-profile writer gave before UIDs and types were written.
            before = vcards((contact.profile for contact in contacts), "4.0").encode("utf-8")
            assert re.sub(rb"UID:urn:uuid:[-0-9a-f]{36}\r\n|;TYPE=work", b"", cards) == before
    if not category:
        assert b"TITLE:Engineer" in cards and b"ORG:Acme" in cards
        assert cards.count(b"\r\nUID:") == cards.count(b"BEGIN:VCARD") > 1300
        assert b"EMAIL;TYPE=" + (b"INTERNET,WORK" if version == "3.0" else b"work") in cards


def test_the_default_vcard_export_is_version_3_0(filled):
    with filled.sessions() as session:
        default = render_export(session, "vcard", ExportOptions()).content
        chosen = render_export(session, "vcard", ExportOptions(vcard_version="3.0")).content
    assert default == chosen and default.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")


@pytest.mark.parametrize(
    ("kind", "version"), [("json", ""), ("vcard", ""), ("vcard", "4.0"), ("csv", "")]
)
def test_a_streamed_download_is_byte_identical_to_the_command_line_export(
    filled_app, runner, tmp_path, kind, version
):
    query = f"?version={version}" if version else ""
    response = filled_app.test_client().get(f"/export/download/{kind}{query}")
    assert response.status_code == 200
    assert response.is_streamed
    out = tmp_path / f"export.{kind}"
    data_dir = filled_app.config["DATA_DIR"]
    # The command reads the app's own store, whichever database the run's engine gave it.
    url = solo_workspace(filled_app).store.engine.url.render_as_string(hide_password=False)
    command = ["export", kind, "--out", str(out), "--data-dir", data_dir]
    command += ["--vcard-version", version] if version else []
    result = runner.invoke(main, command, env={"DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    assert response.get_data() == out.read_bytes()
