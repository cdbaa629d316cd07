"""CSV export: a header row, RFC 4180 quoting, and formula cells neutralised (OWASP), at the
start of a cell and after every separator a spreadsheet in another locale may split on."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helper.exporters.csv import (
    BOM,
    CELL_BREAKS,
    FORMULA_TRIGGERS,
    HEADER,
    contacts_csv,
    neutralise,
)
from helper.records import ContactSnapshot, ProfileRecord


def snapshot(contact_id=1, **fields) -> ContactSnapshot:
    categories = fields.pop("categories", [])
    tier = fields.pop("tier", "unset")
    return ContactSnapshot(contact_id, ProfileRecord(**fields), categories, tier)


def rows_of(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))


def test_the_file_has_a_header_row_then_one_row_per_contact():
    text = contacts_csv(
        [
            snapshot(
                7,
                name="Ada Lovelace",
                current_title="Analyst",
                current_company="Babbage, Sons",
                emails=["ada@example.com", "ada@work.example"],
                linkedin_url="https://www.linkedin.com/in/ada/",
                notes='Said "hello"\non two lines',
                categories=["mentor", "colleague"],
                tier="strengthen",
            )
        ]
    )
    header, row = rows_of(text)
    assert header == list(HEADER)
    record = dict(zip(header, row, strict=True))
    assert record["ID"] == "7"
    assert record["Company"] == "Babbage, Sons"
    assert record["Emails"] == "ada@example.com; ada@work.example"
    assert record["Categories"] == "mentor; colleague"
    assert record["Tier"] == "strengthen"
    assert record["Notes"] == 'Said "hello"\non two lines'


def test_lines_end_in_crlf_as_rfc_4180_says():
    text = contacts_csv([snapshot(name="A")])
    assert text.count("\r\n") == 2
    assert "\n" not in text.replace("\r\n", "")


def cell_starts(cell: str) -> list[str]:
    """The cell, and each piece a spreadsheet splitting on one of CELL_BREAKS would start a
    cell with (a `"` there may open a quoted cell, so it is looked past)."""
    pieces = [piece.lstrip('"') for sep in CELL_BREAKS for piece in cell.split(sep)[1:]]
    return [cell, *pieces]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t'=1"),
        ("\r=1", "'\r'=1"),
        ("=cmd|'/c calc'!A0", "'=cmd|'/c calc'!A0"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_prefixed_with_a_quote(cell, written):
    (_, row) = rows_of(contacts_csv([snapshot(name=cell, notes=cell)]))
    assert row[1] == written
    assert row[-1] == written


def test_phone_numbers_starting_with_plus_are_kept_as_text():
    (_, row) = rows_of(contacts_csv([snapshot(name="A", phones=["+442079460958"])]))
    assert row[HEADER.index("Phones")] == "'+442079460958"


@pytest.mark.parametrize("cell", ["Ada", "a=b", "x-ray", "mail@example.com", "", " =1"])
def test_ordinary_cells_are_left_as_they_are(cell):
    assert neutralise(cell) == cell


# Random text, and text made of the characters that start formulas and split cells.
CELL_TEXT = st.one_of(st.text(max_size=60), st.text(alphabet="=+-@\t\r\n,;|\"' a1", max_size=60))


@given(st.lists(CELL_TEXT, min_size=4, max_size=4))
def test_any_text_reads_back_exactly_apart_from_the_neutralising_quote(cells):
    name, title, company, notes = cells
    text = contacts_csv(
        [snapshot(name=name, current_title=title, current_company=company, notes=notes)]
    )
    (_, row) = rows_of(text)
    read = [row[1], row[2], row[3], row[-1]]
    assert read == [neutralise(cell) for cell in cells]
    assert [cell.replace("'", "") for cell in read] == [cell.replace("'", "") for cell in cells]
    assert not any(
        start.startswith(FORMULA_TRIGGERS) for cell in row for start in cell_starts(cell)
    )
