"""Copied LinkedIn pages in English, German and French: each gives its expected record, and
the reader's field accuracy over all of them is printed.

`tests/data/profiles/i18n/` holds pages written for the reader's rules (grouped roles, hidden
duplicates, descriptions, noise, minimal pastes, names); `tests/data/profiles/unseen/` holds
pages written by someone who had seen neither the reader nor those pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.errors import ProfileUnreadable
from helper.profiles import parse_profile
from helper.profiles import words as page_words

PROFILES = Path(__file__).parent / "data" / "profiles"
PAGES = sorted((PROFILES / "i18n").glob("*.txt")) + sorted((PROFILES / "unseen").glob("*.txt"))
REQUIRED_FIELD_ACCURACY = 0.95
HONORIFICS = {
    "de_full_page": "Dr",
    "de_grouped_roles_hidden_duplicates": "Prof Dr",
    "fr_autres_profils_consultes": "Dr",
    "en_grouped_roles_hidden_duplicates": "",
}


def _read(page: Path) -> dict:
    record = parse_profile(page.read_bytes()).to_json()
    record.pop("categories")
    return record


def _expected(page: Path) -> dict:
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    expected.pop("categories", None)
    return expected


def test_there_are_pages_in_three_languages() -> None:
    languages = {page.name[:2] for page in PAGES}
    assert {"en", "de", "fr"} <= languages
    assert len(PAGES) >= 15


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_copied_page_gives_its_expected_record(page: Path) -> None:
    assert _read(page) == _expected(page)


def test_the_reader_gets_at_least_ninety_five_fields_in_a_hundred_right() -> None:
    right = total = 0
    wrong = []
    for page in PAGES:
        got, expected = _read(page), _expected(page)
        misses = [field for field in expected if got.get(field) != expected[field]]
        right += len(expected) - len(misses)
        total += len(expected)
        wrong += [f"{page.parent.name}/{page.stem}: {field}" for field in misses]
    print(f"\nprofile field accuracy {right / total:.1%} over {len(PAGES)} pages")
    print("\n".join(wrong))
    assert right / total >= REQUIRED_FIELD_ACCURACY


@pytest.mark.parametrize(("stem", "honorific"), HONORIFICS.items())
def test_the_honorific_is_kept_apart_from_the_name(stem: str, honorific: str) -> None:
    record = parse_profile((PROFILES / "i18n" / f"{stem}.txt").read_bytes())
    assert record.honorific == honorific
    assert not record.name.startswith(("Dr", "Prof"))


def test_a_location_read_only_from_its_look_is_flagged_as_guessed() -> None:
    record = parse_profile((PROFILES / "i18n" / "en_minimal_paste.txt").read_bytes())
    assert record.location
    assert record.guessed_fields == ["location"]


def test_a_location_beside_contact_info_is_not_a_guess() -> None:
    record = parse_profile((PROFILES / "i18n" / "de_contact_info_phone.txt").read_bytes())
    assert "location" not in record.guessed_fields


def test_text_without_any_marker_has_its_name_and_role_flagged_as_guessed() -> None:
    record = parse_profile("Priya Raman\nHead of Data at Fabrikam\npriya@example.com\n")
    assert record.name == "Priya Raman"
    assert record.guessed_fields == ["name", "current_title", "current_company"]


def test_labelled_fields_are_not_guesses() -> None:
    record = parse_profile("Name: Priya Raman\nTitle: Head of Data\nCompany: Fabrikam\n")
    assert record.guessed_fields == []


_SEPARATORS = st.sampled_from([" - ", " – ", "-", "–", " — ", " to ", " bis ", " à ", "/"])
_YEARS = st.integers(min_value=1950, max_value=2039)
_HEADINGS = st.sampled_from(["Education", "Ausbildung", "Formation", "Experience"])


@settings(max_examples=200, deadline=None)
@given(
    heading=_HEADINGS,
    spans=st.lists(st.tuples(_YEARS, _SEPARATORS, _YEARS), min_size=1, max_size=4),
)
def test_no_span_of_years_becomes_a_phone_number(heading: str, spans: list) -> None:
    lines = ["Sam Carter", "Analyst", "Leeds, England, United Kingdom", heading]
    for first, separator, second in spans:
        lines += ["University of Leeds", "BSc, Mathematics", f"{first}{separator}{second}"]
    record = parse_profile("\n".join(lines))
    assert record.phones == []


def _page_lines() -> st.SearchStrategy[str]:
    """Lines a copied page is made of, in every language the reader knows, and noise."""
    known = [
        *sorted(page_words.section_headings()),
        *sorted(page_words.chrome_lines()),
        *sorted(page_words.contact_info_labels()),
        "Jan 2020 - Present · 4 yrs 11 mos",
        "Okt. 2016 bis heute · 8 J. 2 Mon.",
        "sept. 2021 à aujourd’hui · 3 ans 3 mois",
        "Vollzeit · 12 J. 2 Mon.",
        "Whitfield & Grey LLP · 6 yrs 3 mos",
        "2016 - 2021",
        "+44 20 7946 0342 (Mobile)",
        "· 2e",
        "Relation de 2e niveau",
        "Dr. Anna Weber",
        "(Elle)",
        "…see more",
    ]
    return st.one_of(st.sampled_from(known), st.text(max_size=60))


@settings(max_examples=300, deadline=None)
@given(st.lists(_page_lines(), min_size=1, max_size=60))
def test_reading_a_page_of_any_known_lines_never_fails_unexpectedly(lines: list[str]) -> None:
    try:
        record = parse_profile("\n".join(lines))
    except ProfileUnreadable:
        return
    assert all(phone.startswith("+") for phone in record.phones)
