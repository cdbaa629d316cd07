"""LinkedIn Connections.csv: preambles, BOM, localised headers, sparse rows, dates."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.errors import ImportRefused
from helper.importers import linkedin_csv
from helper.records import Position, Problem, ProfileRecord


def read_file(path: Path) -> list[ProfileRecord | Problem]:
    with path.open("rb") as stream:
        return list(linkedin_csv.read(stream, name=path.name))


def contacts(items: list[ProfileRecord | Problem]) -> list[ProfileRecord]:
    return [item for item in items if isinstance(item, ProfileRecord)]


def problems(items: list[ProfileRecord | Problem]) -> list[Problem]:
    return [item for item in items if isinstance(item, Problem)]


def test_the_corpus_sample_with_two_blank_lines_after_the_preamble_gives_seven_contacts(
    corpus_path: Path,
) -> None:
    items = read_file(
        corpus_path / "linkedin_connections_csv" / "toolkit_sample_7rows_2blank_preamble.csv"
    )
    people = contacts(items)
    assert problems(items) == []
    assert [person.name for person in people] == [
        "Ada Lovelace",
        "Grace Hopper",
        "Alan Turing",
        "Katherine Johnson",
        "Linus Torvalds",
        "Margaret Hamilton",
        "Tim Berners-Lee",
    ]
    assert sum(len(person.emails) for person in people) == 0
    assert people[0].linkedin_url == "https://www.linkedin.com/in/ada/"
    assert people[0].current_company == "Analytical Engines"
    assert people[0].current_title == "Founder & CEO"
    assert people[0].positions == [Position(title="Founder & CEO", company="Analytical Engines")]
    assert people[0].connected_on == date(2026, 5, 14)
    assert people[0].location_in_source == "line 6"
    assert people[0].source == "linkedin_connections"
    assert people[-1].connected_on is None
    assert people[-1].location_in_source == "line 12"


def test_two_blank_lines_after_a_reworded_preamble_still_lead_to_the_header(
    data_path: Path,
) -> None:
    path = data_path / "linkedin_csv" / "preamble_two_blank_lines.csv"
    assert path.read_bytes().split(b"\n")[2:4] == [b"", b""]
    items = read_file(path)
    people = contacts(items)
    assert problems(items) == []
    assert [person.name for person in people] == [
        "Ines Valderrama",
        "Oskar Lindahl",
        "Amara Nkemelu",
        "Leopold Ferreira-Holm",
    ]
    assert sum(len(person.emails) for person in people) == 0
    assert people[0].linkedin_url == "https://www.linkedin.com/in/ines-valderrama/"
    assert people[0].positions == [Position(title="Fleet Planner", company="Tidewater Ferries")]
    assert people[0].connected_on == date(2026, 4, 3)
    assert people[0].location_in_source == "line 6"
    assert people[0].source == "linkedin_connections"
    assert people[-1].connected_on is None
    assert people[-1].location_in_source == "line 9"


@pytest.mark.parametrize(
    ("fixture", "header_line"),
    [
        ("no_preamble.csv", 1),
        ("preamble_no_blank_line.csv", 3),
        ("preamble_one_blank_line.csv", 4),
        ("notes_line_only_lf.csv", 3),
        ("bom_preamble.csv", 4),
    ],
)
def test_the_header_is_found_after_any_preamble(
    data_path: Path, fixture: str, header_line: int
) -> None:
    items = read_file(data_path / "linkedin_csv" / fixture)
    assert problems(items) == []
    [person] = contacts(items)
    assert person.name == "Priya Raman"
    assert person.emails == ["priya.raman@example.org"]
    assert person.linkedin_url == "https://www.linkedin.com/in/priya-raman/"
    assert person.current_company == "Northwind Traders"
    assert person.current_title == "Head of Data"
    assert person.connected_on == date(2026, 2, 8)
    assert person.location_in_source == f"line {header_line + 1}"


def test_german_headers_are_read_by_their_names(data_path: Path) -> None:
    [person] = read_file(data_path / "linkedin_csv" / "german_headers.csv")
    assert isinstance(person, ProfileRecord)
    assert person.name == "Jürgen Müller"
    assert person.linkedin_url == "https://www.linkedin.com/in/juergen-mueller/"
    assert person.current_company == "Bäckerei Müller GmbH"
    assert person.current_title == "Geschäftsführer"
    assert person.connected_on == date(2024, 3, 3)
    assert person.emails == []


def test_an_older_export_without_a_url_column_still_imports(data_path: Path) -> None:
    [person] = read_file(data_path / "linkedin_csv" / "older_export_without_url.csv")
    assert isinstance(person, ProfileRecord)
    assert (person.name, person.emails, person.linkedin_url) == (
        "Grace Hopper",
        ["grace@navy.example.com"],
        "",
    )
    assert person.connected_on == date(2015, 1, 1)


def test_rows_without_name_or_email_import_and_an_empty_row_is_a_problem(
    data_path: Path,
) -> None:
    items = read_file(data_path / "linkedin_csv" / "rows_missing_fields.csv")
    by_line = {person.location_in_source: person for person in contacts(items)}
    assert by_line["line 5"].name == ""
    assert by_line["line 5"].linkedin_url == "https://www.linkedin.com/in/anon-123/"
    assert by_line["line 6"].name == "Mary Jane Watson"
    assert by_line["line 6"].emails == ["mary.jane.watson@example.com"]
    assert "line 7" not in by_line
    assert Problem(
        "line 7", "a row with no name, profile URL or e-mail", ",,,,Acme,,12 Oct 2023"
    ) in problems(items)


def test_an_unreadable_date_keeps_the_contact_and_says_so(data_path: Path) -> None:
    items = read_file(data_path / "linkedin_csv" / "rows_missing_fields.csv")
    person = next(p for p in contacts(items) if p.location_in_source == "line 8")
    assert person.name == "Bad Date"
    assert person.connected_on is None
    [note] = [p for p in problems(items) if p.location == "line 8"]
    assert note.message == (
        "unreadable Connected On date 'yesterday'; the contact was imported without it"
    )


def test_an_invalid_email_is_a_problem_not_an_address(data_path: Path) -> None:
    items = read_file(data_path / "linkedin_csv" / "rows_missing_fields.csv")
    person = next(p for p in contacts(items) if p.location_in_source == "line 9")
    assert person.emails == []
    [note] = [p for p in problems(items) if p.location == "line 9"]
    assert note.message == "not a valid e-mail address, left out: 'not-an-address'"


def test_formula_cells_are_kept_out_of_the_contact(data_path: Path) -> None:
    items = read_file(data_path / "linkedin_csv" / "rows_missing_fields.csv")
    person = next(p for p in contacts(items) if p.location_in_source == "line 10")
    assert person.name == "Smith"
    assert person.current_company == ""
    assert "HYPERLINK" not in repr(person)
    [note] = [p for p in problems(items) if p.location == "line 10"]
    assert note.message == (
        "spreadsheet formula left out of company, first name; the rest of the row was imported"
    )


def test_a_file_without_the_header_is_refused_with_its_name() -> None:
    stream = io.BytesIO(b"Name,Phone\nAda,123\n")
    with pytest.raises(ImportRefused, match=r"^x\.csv has no Connections\.csv header"):
        list(linkedin_csv.read(stream, name="x.csv"))


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ImportRefused, match="empty"):
        list(linkedin_csv.read(io.BytesIO(b""), name="Connections.csv"))


def test_a_non_seekable_stream_is_read_too(data_path: Path) -> None:
    raw = (data_path / "linkedin_csv" / "bom_preamble.csv").read_bytes()

    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.inner = io.BytesIO(raw)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            chunk = self.inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    [person] = list(linkedin_csv.read(io.BufferedReader(Pipe()), name="pipe"))
    assert isinstance(person, ProfileRecord)
    assert person.name == "Priya Raman"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08 Feb 2026", date(2026, 2, 8)),
        ("8 Feb 2026", date(2026, 2, 8)),
        ("08.02.2026", date(2026, 2, 8)),
        ("2026-02-08", date(2026, 2, 8)),
        ("Feb 2026", None),
        ("", None),
    ],
)
def test_connected_on_dates_are_parsed(text: str, expected: date | None) -> None:
    assert linkedin_csv.parse_connected_on(text) == expected


HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_rows_yield_only_records_and_problems(body: bytes) -> None:
    for item in linkedin_csv.read(io.BytesIO(HEADER + body), name="fuzz.csv"):
        assert isinstance(item, ProfileRecord | Problem)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_read_or_refused(data: bytes) -> None:
    try:
        for item in linkedin_csv.read(io.BytesIO(data), name="fuzz.csv"):
            assert isinstance(item, ProfileRecord | Problem)
    except ImportRefused:
        pass


def test_a_url_that_urlsplit_rejects_is_kept_as_an_other_url() -> None:
    stream = io.BytesIO(HEADER + b"Ada,Lovelace,https://www[linkedin.com/in/x,,,,\n")
    [person] = list(linkedin_csv.read(stream, name="x.csv"))
    assert isinstance(person, ProfileRecord)
    assert (person.linkedin_url, person.other_urls) == ("", ["https://www[linkedin.com/in/x"])
