"""The exporters by name: contacts loaded from the store, filtered by category, rendered."""

import csv
import io
import json
from datetime import date

import pytest

from helper.errors import OutreachError
from helper.importers.vcard import read
from helper.store.backup import automatic_backup
from helper.store.contacts import ContactInput, create_contact
from helper.store.exports.address_book import address_cards
from helper.store.exports.overview import export_overview
from helper.store.exports.render import (
    EXPORTERS,
    ExportOptions,
    render_export,
)


@pytest.fixture
def contacts(session):
    create_contact(
        session,
        ContactInput(
            name="Priya Raman",
            current_title="Engineering Manager",
            current_company="Monzo",
            emails=["priya@example.com"],
            phones=["+442079460958"],
            categories=["colleague", "mentor"],
            tier="strengthen",
            notes="=1+1",
        ),
    )
    create_contact(session, ContactInput(name="Alan Turing", categories=["recruiter"]))
    create_contact(session, ContactInput(name="Zed Nobody"))
    session.commit()
    return session


def test_all_contacts_are_loaded_by_name_with_their_categories_and_tier(contacts):
    loaded = address_cards(contacts)
    assert [card.name for card in loaded] == ["Alan Turing", "Priya Raman", "Zed Nobody"]
    priya = loaded[1]
    assert [category.key for category in priya.categories] == ["colleague", "mentor"]
    assert priya.tier == "strengthen"
    assert priya.emails == ["priya@example.com"]


def test_a_category_keeps_only_its_contacts(contacts):
    assert [card.name for card in address_cards(contacts, "recruiter")] == ["Alan Turing"]


def test_an_unknown_category_is_refused_with_the_valid_keys(contacts):
    with pytest.raises(OutreachError, match="'boss' is not a category; use one of colleague"):
        render_export(contacts, "vcard", ExportOptions(category="boss"))


def test_the_vcard_export_reads_back_as_the_same_contacts(contacts):
    rendered = render_export(contacts, "vcard", ExportOptions(category="mentor"))
    assert rendered.holds == "1 contact"
    (record,) = read(io.BytesIO(rendered.content))
    assert record.name == "Priya Raman"
    assert record.phones == ["+442079460958"]
    assert record.labels == ["colleague", "mentor"]


def test_the_csv_export_neutralises_a_formula_typed_into_notes(contacts):
    rendered = render_export(contacts, "csv", ExportOptions())
    assert rendered.holds == "3 contacts"
    rows = list(csv.DictReader(io.StringIO(rendered.content.decode("utf-8-sig"))))
    assert [row["Name"] for row in rows] == ["Alan Turing", "Priya Raman", "Zed Nobody"]
    assert rows[1]["Notes"] == "'=1+1"


def test_the_json_export_holds_everything_and_refuses_a_category(contacts):
    document = json.loads(render_export(contacts, "json", ExportOptions()).content)
    assert len(document["tables"]["contact"]) == 3
    with pytest.raises(OutreachError, match="always holds everything"):
        render_export(contacts, "json", ExportOptions(category="mentor"))


def test_an_unknown_export_format_is_refused(contacts):
    with pytest.raises(OutreachError, match="'pdf' is not an export format; use one of json"):
        render_export(contacts, "pdf", ExportOptions())


@pytest.mark.parametrize(
    ("kind", "category", "name"),
    [
        ("json", "", "outreach-helper-2026-11-26.json"),
        ("vcard", "", "contacts-2026-11-26.vcf"),
        ("vcard", "club", "contacts-club-2026-11-26.vcf"),
        ("csv", "mentor", "contacts-mentor-2026-11-26.csv"),
    ],
)
def test_file_names_say_what_and_when(kind, category, name):
    assert EXPORTERS[kind].file_name(ExportOptions(category), date(2026, 11, 26)) == name


def test_the_overview_counts_contacts_and_lists_backups_newest_first(contacts, store):
    first = automatic_backup(store.engine, store.data_dir, "one")
    second = automatic_backup(store.engine, store.data_dir, "two")
    overview = export_overview(contacts, store.data_dir)
    assert overview.total == 3
    assert overview.by_category["mentor"] == 1
    assert overview.by_category["club"] == 0
    assert overview.backups == [second, first]
