"""The exporters by name: contacts loaded from the store, filtered by category, rendered."""

import csv
import io
import itertools
import json
from datetime import date

import pytest
import vobject
from sqlalchemy import select

from helper.db.models import Contact, ContactEmail, ContactPhone
from helper.errors import OutreachError
from helper.importers.vcard import read
from helper.store.backup import automatic_backup
from helper.store.contact_records import session_runner
from helper.store.contacts import ContactInput, create_contact
from helper.store.exports.address_book import address_cards
from helper.store.exports.contact_files import ExportOptions
from helper.store.exports.overview import export_overview
from helper.store.exports.render import EXPORTERS, render_export
from helper.vocabulary import EXPORT_FORMATS


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
    loaded = address_cards(session_runner(contacts))
    assert [card.name for card in loaded] == ["Alan Turing", "Priya Raman", "Zed Nobody"]
    priya = loaded[1]
    assert [category.key for category in priya.categories] == ["colleague", "mentor"]
    assert priya.tier == "strengthen"
    assert priya.emails == ["priya@example.com"]


def test_a_category_keeps_only_its_contacts(contacts):
    assert [card.name for card in address_cards(session_runner(contacts), "recruiter")] == [
        "Alan Turing"
    ]


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


# vCard 3.0 and 4.0 exports of contacts an address book finds hard: accents, a particle, commas
# and semicolons, several typed addresses, links, and lines that fold inside multi-byte text.

LONG_NOTE = (
    "Met at VivaTech; talked about ML, ethics and the \\ backslash.\n"
    + "Suivi: «très bien» — 東京で会いましょう 😀 Ångström, Núñez; " * 6
).rstrip()  # an importer strips the space a value ends in


@pytest.fixture
def varied(session):
    create_contact(
        session,
        ContactInput(
            name="Zoë Ångström-Núñez",
            current_title="Directrice générale, R&D; Europe",
            current_company="Société Générale; Paris, France",
            emails=["zoe@example.fr", "zoe.home@example.org", "z@other.example"],
            phones=["+33142685300", "+442079460958", "+16502530000"],
            linkedin_url="https://www.linkedin.com/in/zoe-angstrom/",
            categories=["colleague", "mentor"],
            notes=LONG_NOTE,
        ),
    )
    create_contact(
        session,
        ContactInput(
            name="Jan van der Berg",
            current_company="Berg, Berg & Zonen",
            emails=["jan@vdberg.example"],
            phones=["+81312345678"],
            categories=["club"],
            notes="Prefers Dutch; call after 10:00, not before",
        ),
    )
    create_contact(session, ContactInput(name="Alan Turing"))
    session.flush()
    labels = {"zoe@example.fr": "work", "zoe.home@example.org": "Home", "z@other.example": "x"}
    for email in session.scalars(select(ContactEmail)):
        email.label = labels.get(email.email, "")
    phone_labels = {"+33142685300": "mobile", "+442079460958": "Work", "+81312345678": "work fax"}
    for phone in session.scalars(select(ContactPhone)):
        phone.label = phone_labels.get(phone.e164, "")
    zoe = session.scalar(select(Contact).where(Contact.name.startswith("Zoë")))
    zoe.other_urls = ["https://zoe.example/blog?a=1,2;b=3", "https://github.com/zoe-angstrom"]
    session.commit()
    return session


def vcard_export(session, version: str = "") -> str:
    options = ExportOptions(vcard_version=version)
    return render_export(session, "vcard", options).content.decode("utf-8")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_every_card_of_varied_contacts_parses_with_vobject_and_reads_back_whole(varied, version):
    text = vcard_export(varied, version)
    stored = address_cards(session_runner(varied))
    physical = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in physical)
    # A fold fell where the next character, had it stayed, would have been cut in two.
    assert any(
        len(line.encode()) < 75 and following[:1] == " " and len(following[1].encode()) > 1
        for line, following in itertools.pairwise(physical)
    )
    parsed = list(vobject.readComponents(text))
    records = list(read(io.BytesIO(text.encode("utf-8")), name="export.vcf"))
    assert len(parsed) == len(records) == len(stored) == 3
    for contact, vcard, record in zip(stored, parsed, records, strict=True):
        assert vcard.version.value == version
        assert vcard.fn.value == record.name == contact.name
        assert [email.value for email in vcard.contents.get("email", [])] == contact.emails
        assert record.emails == contact.emails
        assert record.phones == contact.phones
        assert record.current_company == contact.current_company
        assert record.current_title == contact.current_title
        assert record.linkedin_url == contact.linkedin_url
        assert record.other_urls == contact.other_urls
        assert record.labels == [category.key for category in contact.categories]
        assert record.notes == contact.notes
        assert vcard.uid.value.removeprefix("urn:uuid:") == contact.uid
    berg = parsed[1].n.value
    assert (berg.given, berg.family) == ("Jan", "van der Berg")
    assert parsed[0].n.value.family == "Turing" and "note" not in parsed[0].contents
    zoe = parsed[2].n.value
    assert (zoe.given, zoe.family) == ("Zoë", "Ångström-Núñez")


def test_a_3_0_export_types_addresses_as_rfc_2426_writes_them(varied):
    lines = vcard_export(varied).split("\r\n")  # the default
    assert lines[1] == "VERSION:3.0"
    assert "EMAIL;TYPE=INTERNET,WORK:zoe@example.fr" in lines
    assert "EMAIL;TYPE=INTERNET,HOME:zoe.home@example.org" in lines
    assert "EMAIL;TYPE=INTERNET:z@other.example" in lines  # an unknown label: no type
    assert "TEL;TYPE=CELL:+33142685300" in lines
    assert "TEL;TYPE=WORK:+442079460958" in lines
    assert "TEL:+16502530000" in lines
    assert "TEL;TYPE=WORK,FAX:+81312345678" in lines


def test_a_4_0_export_types_addresses_as_rfc_6350_writes_them(varied):
    lines = vcard_export(varied, "4.0").split("\r\n")
    assert lines[1] == "VERSION:4.0"
    assert "EMAIL;TYPE=work:zoe@example.fr" in lines
    assert "EMAIL:z@other.example" in lines
    assert "TEL;VALUE=uri;TYPE=cell:tel:+33142685300" in lines
    assert "TEL;VALUE=uri:tel:+16502530000" in lines
    assert sum(line.startswith("UID:urn:uuid:") for line in lines) == 3


def uids(text: str) -> list[str]:
    return [line.split(":")[-1] for line in text.split("\r\n") if line.startswith("UID:")]


def test_a_contact_keeps_its_uid_from_one_export_to_the_next_and_in_both_versions(varied):
    first = uids(vcard_export(varied))
    create_contact(varied, ContactInput(name="Aaron Aardvark"))  # sorts first
    varied.commit()
    second = uids(vcard_export(varied))
    assert len(set(first)) == 3 and len(set(second)) == 4
    assert second[1:] == first
    assert uids(vcard_export(varied, "4.0")) == second
    assert (
        uids(render_export(varied, "vcard", ExportOptions(category="club")).content.decode())[0]
        == first[1]
    )


def test_a_vcard_version_is_checked_and_belongs_to_the_vcard_export_only(varied):
    with pytest.raises(OutreachError, match=r"'2\.1' is not a vCard version; use 3\.0 or 4\.0"):
        render_export(varied, "vcard", ExportOptions(vcard_version="2.1"))
    for kind in ("csv", "json", "ics"):
        with pytest.raises(
            OutreachError,
            match=r"A vCard version \(--vcard-version\) applies to the vcard export only",
        ):
            render_export(varied, kind, ExportOptions(vcard_version="4.0"))


def test_a_selection_of_ids_is_loaded_by_name_like_a_category(varied):
    every = address_cards(session_runner(varied))
    chosen = address_cards(session_runner(varied), ids=[every[2].id, every[0].id, 10**9])
    assert chosen == [every[0], every[2]]


def test_every_export_format_is_declared_once_with_its_label():
    assert list(EXPORTERS) == list(EXPORT_FORMATS)
    assert [e.label for e in EXPORTERS.values()] == [
        EXPORT_FORMATS.label(k) for k in EXPORT_FORMATS
    ]
