"""Google and Outlook contact CSVs: both header generations, encodings, separators, ragged rows."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.errors import ImportRefused
from helper.importers import contacts_csv
from helper.records import Format, Position, Problem, ProfileRecord


def read_file(path: Path) -> list[ProfileRecord | Problem]:
    with path.open("rb") as stream:
        return list(contacts_csv.read(stream, name=path.name))


def contacts(items: list[ProfileRecord | Problem]) -> list[ProfileRecord]:
    return [item for item in items if isinstance(item, ProfileRecord)]


def problems(items: list[ProfileRecord | Problem]) -> list[Problem]:
    return [item for item in items if isinstance(item, Problem)]


def test_the_corpus_outlook_file_with_action_columns_gives_three_contacts(
    corpus_path: Path,
) -> None:
    items = read_file(corpus_path / "contacts_csv" / "gpc_outlook_style_action_columns.csv")
    assert problems(items) == []
    adam, daniel, duncan = contacts(items)
    assert adam.name == "Adam Glacius"
    assert adam.emails == ["adam.glacius@anycom.com", "adam.g@example.com", "ag@glacius.com"]
    assert (adam.current_company, adam.current_title) == ("Acme Inc.", "Sales Planner")
    assert adam.notes == "Has 2 kids"
    assert (daniel.name, daniel.emails, daniel.current_title) == (
        "Daniel Ireland",
        ["danielireland@restty.com"],
        "Receptionist",
    )
    assert (duncan.name, duncan.emails, duncan.current_title) == (
        "Duncan Amey",
        ["duncanamey@dreamt.com"],
        "Supervisor",
    )
    assert sum(len(person.emails) for person in (adam, daniel, duncan)) == 5
    assert [p.location_in_source for p in (adam, daniel, duncan)] == ["line 2", "line 3", "line 4"]
    assert {p.source for p in (adam, daniel, duncan)} == {"outlook_csv"}


def test_action_and_id_columns_a_single_name_column_and_ragged_rows_give_three_contacts(
    data_path: Path,
) -> None:
    path = data_path / "contacts_csv" / "outlook_action_columns_single_name.csv"
    assert [line.count(",") for line in path.read_text().splitlines()[2:]] == [10, 10]
    items = read_file(path)
    assert problems(items) == []
    wilhelmina, caspian, delphine = contacts(items)
    assert wilhelmina.name == "Wilhelmina Stroud"
    assert wilhelmina.emails == [
        "wilhelmina.stroud@example.com",
        "w.stroud@example.org",
        "ws@hexagon.example.net",
    ]
    assert (wilhelmina.current_company, wilhelmina.current_title) == (
        "Hexagon Apiaries Ltd.",
        "Head Beekeeper",
    )
    assert wilhelmina.notes == "Keeps three hives"
    assert (caspian.name, caspian.emails, caspian.current_title) == (
        "Caspian Oyelaran",
        ["caspian.oyelaran@example.org"],
        "Night Porter",
    )
    assert (delphine.name, delphine.emails, delphine.current_title) == (
        "Delphine Aubry",
        ["delphine.aubry@example.com"],
        "Shift Supervisor",
    )
    assert sum(len(person.emails) for person in (wilhelmina, caspian, delphine)) == 5
    assert [p.location_in_source for p in (wilhelmina, caspian, delphine)] == [
        "line 2",
        "line 3",
        "line 4",
    ]
    assert {p.source for p in (wilhelmina, caspian, delphine)} == {"outlook_csv"}


def test_google_current_format_splits_multi_values_and_drops_system_labels(
    data_path: Path,
) -> None:
    items = read_file(data_path / "contacts_csv" / "google_current.csv")
    ada, charles = contacts(items)
    assert ada.name == "Ada Lovelace"
    assert ada.emails == [
        "ada@home.example.com",
        "ada@engines.example.com",
        "ada.other@example.com",
    ]
    assert ada.phones == ["+442079460018"]
    assert ada.labels == ["Mentors"]
    assert ada.notes == "Met at the Royal Society, 1843"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace/"
    assert ada.positions == [Position(title="Founder", company="Analytical Engines")]
    assert ada.source == "google_csv"
    assert charles.name == "Charles Babbage"
    assert charles.emails == ["charles.babbage@example.com"]
    assert problems(items) == [
        Problem(
            "line 4",
            "a row with no name, e-mail or web address",
            ",,,,,,,,,,Acme,,,,,,* starred,,,,,,,,",
        )
    ]


def test_google_legacy_format_reads_given_family_and_organization_columns(
    data_path: Path,
) -> None:
    [alan] = read_file(data_path / "contacts_csv" / "google_legacy.csv")
    assert isinstance(alan, ProfileRecord)
    assert alan.name == "Alan Turing"
    assert alan.emails == ["alan@bletchley.example.com", "turing@manchester.example.com"]
    assert alan.phones == ["+441614960000"]
    assert (alan.current_company, alan.current_title) == ("Bletchley Labs", "Principal Researcher")
    assert alan.labels == ["Colleagues"]
    assert alan.notes == "Codebreaker"


@pytest.mark.parametrize(
    "fixture", ["outlook_com.csv", "outlook_semicolon.csv", "outlook_utf16.csv"]
)
def test_outlook_com_reads_the_same_in_utf8_semicolon_and_utf16(
    data_path: Path, fixture: str
) -> None:
    [person] = read_file(data_path / "contacts_csv" / fixture)
    assert isinstance(person, ProfileRecord)
    assert person.name == "Katherine Johnson"
    assert person.emails == ["katherine@orbital.example.com", "kj@home.example.com"]
    assert person.phones == ["+12025550143", "+12025550199"]
    assert (person.current_company, person.current_title) == ("Orbital Dynamics", "Senior Analyst")
    assert person.linkedin_url == "https://www.linkedin.com/in/katherine-johnson/"
    assert person.notes == "Prefers email"
    assert person.source == "outlook_csv"


def test_outlook_desktop_quoted_cp1252_export_keeps_its_accents(data_path: Path) -> None:
    [person] = read_file(data_path / "contacts_csv" / "outlook_desktop_cp1252.csv")
    assert isinstance(person, ProfileRecord)
    assert person.name == "Zoë Brontë"
    assert person.emails == ["zoe@cafe-societe.example.fr"]
    assert (person.current_company, person.current_title) == ("Café Société", "Propriétaire")
    assert person.phones == ["+33123456789"]
    assert person.labels == ["Clients", "Paris"]
    assert person.notes == "Très sympathique"


def test_invalid_utf8_bytes_are_read_as_cp1252_and_valid_utf8_is_kept(data_path: Path) -> None:
    [person] = read_file(data_path / "contacts_csv" / "invalid_utf8.csv")
    assert isinstance(person, ProfileRecord)
    assert person.name == "Renée Faÿure"
    assert person.current_company == "Café Bleu"


def test_short_rows_are_padded_and_long_rows_import_with_a_note(data_path: Path) -> None:
    items = read_file(data_path / "contacts_csv" / "ragged_rows.csv")
    daniel, duncan = contacts(items)
    assert (daniel.name, daniel.emails, daniel.current_company) == (
        "Daniel Ireland",
        ["danielireland@restty.example.com"],
        "",
    )
    assert (duncan.current_company, duncan.current_title) == ("Dreamt", "Supervisor")
    [note] = problems(items)
    assert note.location == "line 3"
    assert note.message == (
        "the row has 7 fields but the header 5; the fields past the last column were ignored"
    )


def test_formula_cells_never_reach_a_field(data_path: Path) -> None:
    items = read_file(data_path / "contacts_csv" / "formula_cells.csv")
    jones, lena = contacts(items)
    assert jones.name == "Jones"
    assert jones.current_company == ""
    assert jones.notes == ""
    assert lena.name == "Lena"
    assert lena.current_company == "-Acme"
    assert lena.notes == "+44 20 7946 0958"
    assert [(p.location, p.message) for p in problems(items)] == [
        (
            "line 2",
            "spreadsheet formula left out of company, first name, notes; "
            "the rest of the row was imported",
        ),
        ("line 3", "spreadsheet formula left out of last name; the rest of the row was imported"),
    ]


def test_a_csv_of_another_kind_is_refused() -> None:
    with pytest.raises(ImportRefused, match="no Google or Outlook contacts header"):
        list(contacts_csv.read(io.BytesIO(b"sku,price\n1,2\n"), name="prices.csv"))


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ImportRefused, match="empty"):
        list(contacts_csv.read(io.BytesIO(b"\xef\xbb\xbf\r\n"), name="contacts.csv"))


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("First Name,Last Name,E-mail 1 - Value", Format.GOOGLE_CSV),
        ("Name,Given Name,Family Name,Group Membership", Format.GOOGLE_CSV),
        ("First Name,Last Name,E-mail Address,Job Title", Format.OUTLOOK_CSV),
        ("Action,ID,Name,E-mail Address,Company", Format.OUTLOOK_CSV),
        ("First Name,Last Name,URL,Email Address,Company,Position,Connected On", None),
    ],
)
def test_the_header_says_google_or_outlook(header: str, expected: Format | None) -> None:
    assert contacts_csv.csv_format_of(header.split(",")) is expected


HEADER = b"First Name,Last Name,E-mail Address,Company,Job Title,Mobile Phone,Web Page\n"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_rows_yield_only_records_and_problems(body: bytes) -> None:
    for item in contacts_csv.read(io.BytesIO(HEADER + body), name="fuzz.csv"):
        assert isinstance(item, ProfileRecord | Problem)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_read_or_refused(data: bytes) -> None:
    try:
        for item in contacts_csv.read(io.BytesIO(data), name="fuzz.csv"):
            assert isinstance(item, ProfileRecord | Problem)
    except ImportRefused:
        pass
