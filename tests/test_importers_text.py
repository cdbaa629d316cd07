"""Shared decoding and CSV helpers of the importers."""

from __future__ import annotations

import codecs
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.importers import text
from helper.records import Problem


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xef\xbb\xbfName", "utf-8-sig"),
        (b"plain ascii", "utf-8-sig"),
        ("Zoë".encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "Name".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "Name".encode("utf-16-be"), "utf-16"),
        ("Name,Email".encode("utf-16-le"), "utf-16-le"),
        ("Name,Email".encode("utf-16-be"), "utf-16-be"),
        ("Zoë Brontë".encode("cp1252"), "cp1252"),
    ],
)
def test_the_encoding_is_sniffed_from_the_first_bytes(head: bytes, expected: str) -> None:
    assert text.sniff_encoding(head) == expected


def test_a_multibyte_character_cut_at_the_end_of_the_head_is_still_utf8() -> None:
    assert text.sniff_encoding("abcé".encode()[:-1]) == "utf-8-sig"


def test_lines_decode_utf8_and_fall_back_to_cp1252_byte_by_byte() -> None:
    data = b"\xef\xbb\xbfCaf\xc3\xa9,Ren\xe9e\r\nsecond\n"
    assert list(text.text_lines(io.BytesIO(data))) == ["Café,Renée\r\n", "second\n"]


def test_utf16_lines_keep_their_endings_and_lose_the_bom() -> None:
    data = "Name\tE-mail\r\nZoë\tz@example.com\r\n".encode("utf-16")
    assert list(text.text_lines(io.BytesIO(data))) == ["Name\tE-mail\r\n", "Zoë\tz@example.com\r\n"]


def test_a_lone_cr_ends_a_line() -> None:
    assert list(text.text_lines(io.BytesIO(b"a,b\rc,d\r"))) == ["a,b\r", "c,d\r"]


def test_a_line_over_the_limit_is_cut_and_the_rest_of_it_skipped() -> None:
    data = b"x" * 50 + b"\nnext\n"
    assert list(text.binary_lines(io.BytesIO(data), limit=10)) == [b"x" * 10, b"next\n"]


def test_peek_puts_the_head_back_on_a_non_seekable_stream() -> None:
    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.inner = io.BytesIO(b"0123456789")

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            chunk = self.inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    head, stream = text.peek(io.BufferedReader(Pipe()), size=4)
    assert head == b"0123"
    assert stream.read() == b"0123456789"


def test_the_header_is_found_with_its_delimiter_and_line() -> None:
    lines = iter(["Notes:\n", "\n", "a;b;c\n", "1;2;3\n"])
    found = text.find_header(lines, lambda cells: cells == ["a", "b", "c"])
    assert found is not None
    header, rest = found
    assert (header.delimiter, header.names, header.line_number) == (";", ["a", "b", "c"], 3)
    assert list(text.csv_rows(rest, header)) == [(4, ["1", "2", "3"])]


def test_no_header_in_the_first_lines_gives_none() -> None:
    lines = iter([f"line {n}\n" for n in range(30)])
    assert text.find_header(lines, lambda cells: cells == ["a"]) is None


def test_rows_report_the_line_they_start_on_across_quoted_newlines() -> None:
    header = text.HeaderRow(",", ["a", "b"], 1)
    rows = list(text.csv_rows(iter(['x,"multi\n', 'line"\n', "\n", "y,z\n"]), header))
    assert rows == [(2, ["x", "multi\nline"]), (5, ["y", "z"])]


def test_a_field_over_the_csv_limit_is_a_problem_and_reading_goes_on() -> None:
    header = text.HeaderRow(",", ["a"], 1)
    lines = iter(['"' + "x" * 200_000 + '"\n', "ok\n"])
    rows = list(text.csv_rows(lines, header))
    assert isinstance(rows[0], Problem)
    assert rows[0].location == "line 2"
    assert rows[0].message.startswith("a field is longer than 131,072 characters")
    assert rows[-1] == (3, ["ok"])


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example","x")',
        "@SUM(A1:A9)",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "=1+2",
        "\t=1+2",
        "\r@SUM(1)",
    ],
)
def test_formulas_are_recognised(value: str) -> None:
    assert text.is_formula(value)
    assert text.clean_cell(value) is None


@pytest.mark.parametrize(
    "value", ["+44 20 7946 0958", "-Acme", "@handle", "Ada Lovelace", "", "a=b", "-"]
)
def test_ordinary_values_are_not_formulas(value: str) -> None:
    assert not text.is_formula(value)


def test_row_cells_are_read_by_header_and_formulas_reported() -> None:
    row = text.Row(7, ["=1+2", " Ada "], text.column_index(["First Name", "Last Name"]))
    assert row.get("first name") == ""
    assert row.get("last name") == "Ada"
    assert row.get("missing") == ""
    problem = row.formula_problem()
    assert problem == Problem(
        "line 7",
        "spreadsheet formula left out of first name; the rest of the row was imported",
        "=1+2, Ada ",
    )


def test_emails_are_normalised_deduplicated_and_bad_ones_named() -> None:
    emails, problems = text.checked_emails(["A@Example.COM", "a@example.com", "nope", ""], "x")
    assert emails == ["a@example.com"]
    assert problems == [Problem("x", "not a valid e-mail address, left out: 'nope'", "nope")]


def test_phones_become_e164_and_junk_is_dropped() -> None:
    assert text.checked_phones(["+1 202 555 0143", "tel:+12025550143", "9", ""]) == ["+12025550143"]


@pytest.mark.parametrize(
    ("email", "name"),
    [
        ("john.doe@example.com", "John Doe"),
        ("mary_jane-watson+news@example.com", "Mary Jane Watson"),
        ("jd2024@example.com", "Jd2024"),
        ("123@example.com", ""),
    ],
)
def test_a_name_is_derived_from_an_email_local_part(email: str, name: str) -> None:
    assert text.name_from_email(email) == name


def test_a_whitespace_only_file_is_refused_as_empty() -> None:
    from helper.errors import ImportRefused

    with pytest.raises(ImportRefused, match="The file is empty: there is no contact to import"):
        text.require_text(b"\xef\xbb\xbf \r\n", "contact")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=1000))
def test_any_bytes_decode_to_lines_that_join_back_to_text(data: bytes) -> None:
    lines = list(text.text_lines(io.BytesIO(data)))
    assert all(isinstance(line, str) for line in lines)
    if text.sniff_encoding(data[: text.HEAD_BYTES]) in {"utf-8-sig", "cp1252"}:
        assert len("".join(lines)) <= len(data)
