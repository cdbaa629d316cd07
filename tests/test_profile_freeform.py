"""Anything that is not a LinkedIn page: signatures, badges, bios."""

from __future__ import annotations

import pytest

from helper.profiles.freeform import looks_like_name, parse_freeform
from helper.profiles.reader import parse_profile

SIGNATURE = """Thanks, speak soon.

Best regards,
Ada Lovelace
Head of Engineering | Analytical Engines Ltd
M: +44 7911 123456 | Ada.Lovelace@Analytical.example
www.linkedin.com/in/Ada-Lovelace-1815?trk=sig
https://analytical.example
"""


def test_an_email_signature_gives_name_title_company_and_contact_details() -> None:
    record = parse_freeform(SIGNATURE)
    assert record.name == "Ada Lovelace"
    assert (record.current_title, record.current_company) == (
        "Head of Engineering",
        "Analytical Engines Ltd",
    )
    assert record.emails == ["ada.lovelace@analytical.example"]
    assert record.phones == ["+447911123456"]
    assert record.linkedin_url == "https://www.linkedin.com/in/ada-lovelace-1815/"
    assert record.other_urls == ["https://analytical.example"]


def test_parse_profile_reports_what_a_signature_does_not_say() -> None:
    assert parse_profile(SIGNATURE).missing_fields == ["headline", "location"]


def test_a_conference_badge_in_capitals_gives_a_properly_cased_name() -> None:
    record = parse_freeform("HELLO my name is\nGRACE HOPPER\nRear Admiral\nUS Navy\n")
    assert (record.name, record.current_title, record.current_company) == (
        "Grace Hopper",
        "Rear Admiral",
        "US Navy",
    )


def test_a_bio_sentence_gives_name_title_and_company() -> None:
    record = parse_freeform(
        "Katherine Johnson is a research mathematician at NASA Langley, where she "
        "calculated trajectories. Reach her at kjohnson@nasa.example."
    )
    assert record.name == "Katherine Johnson"
    assert (record.current_title, record.current_company) == (
        "research mathematician",
        "NASA Langley",
    )
    assert record.emails == ["kjohnson@nasa.example"]


def test_labelled_lines_win_over_guesses() -> None:
    record = parse_freeform(
        "Name: Alan Turing\nCompany: Bletchley Park\nTitle: Cryptanalyst\nPhone: 020 7946 0018"
    )
    assert (record.name, record.current_title, record.current_company) == (
        "Alan Turing",
        "Cryptanalyst",
        "Bletchley Park",
    )
    assert record.phones == ["+442079460018"]


def test_title_at_company_on_the_line_under_the_name_is_split() -> None:
    record = parse_freeform("Mary Jackson\nAerospace Engineer at NACA\n")
    assert (record.current_title, record.current_company) == ("Aerospace Engineer", "NACA")


@pytest.mark.parametrize("address", ["linus@localhost", "not-an-address@", "@example.com"])
def test_addresses_email_validator_rejects_are_not_kept(address: str) -> None:
    assert parse_freeform(f"Linus Torvalds\n{address}\n").emails == []


def test_only_an_email_address_is_still_a_person_to_keep() -> None:
    record = parse_profile("please write to someone@example.com")
    assert record.emails == ["someone@example.com"]
    assert "name" in record.missing_fields


def test_digit_runs_that_are_not_phone_numbers_are_ignored() -> None:
    assert parse_freeform("Ada Lovelace\nOrder 12345678 shipped 2019-2021").phones == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ada Lovelace", True),
        ("Zoë Ólafsdóttir-Müller", True),
        ("Mary-Jane O'Neil Watson", True),
        ("Best regards", False),
        ("Head of Engineering at a very large company", False),
        ("ada lovelace", False),
        ("Ada", False),
        ("R2 D2", False),
    ],
)
def test_a_name_is_two_to_four_capitalised_words(line: str, expected: bool) -> None:
    assert looks_like_name(line) is expected


def test_a_card_with_a_title_and_a_place_under_the_name_has_no_company() -> None:
    record = parse_profile(
        "Dr. Hans-Jürgen Müller\nGeschäftsführer\nKöln, Nordrhein-Westfalen, Deutschland"
    )
    assert (record.name, record.honorific) == ("Hans-Jürgen Müller", "Dr")
    assert record.current_title == "Geschäftsführer"
    assert record.current_company == ""
    assert record.location == "Köln, Nordrhein-Westfalen, Deutschland"


@pytest.mark.parametrize("company", ["United States Navy", "Fielding, Marsh and Partners"])
def test_a_card_with_a_title_and_a_company_under_the_name_keeps_both(company: str) -> None:
    record = parse_profile(f"Grace Hopper\nRear Admiral\n{company}")
    assert (record.current_title, record.current_company) == ("Rear Admiral", company)
    assert record.location == ""
