"""What matching reads from a profile: employers now and before, and quoted reasons."""

from __future__ import annotations

import pytest

from helper.records import Position, ProfileRecord
from helper.strategy.profile_fields import (
    CompanyTable,
    company_key,
    current_companies,
    is_current,
    keyword_reason,
    organisation_matches,
    organisation_reasons,
    profile_fields,
)


@pytest.mark.parametrize("end", ["", "Present", "present ", "Now", "Current"])
def test_a_position_without_an_end_or_ending_present_is_current(end):
    assert is_current(Position(company="Monzo", end=end))


def test_a_position_with_an_end_date_is_past():
    assert not is_current(Position(company="Monzo", end="Mar 2021"))


def test_current_companies_join_the_profile_and_open_positions_once_each():
    profile = ProfileRecord(
        current_company="Monzo",
        positions=[
            Position(company="Monzo", end="Present"),
            Position(company="Starling", end=""),
            Position(company="Barclays", end="2019"),
        ],
    )
    assert current_companies(profile) == ["Monzo", "Starling"]


@pytest.mark.parametrize(
    ("target", "company", "matches"),
    [
        ("Monzo", "Monzo Bank Ltd", True),
        ("monzo", "MONZO", True),
        ("Octopus Energy", "Octopus Energy Ltd.", True),
        ("Bank", "Monzo Bank", False),
        ("Monzo", "Monzoid", False),
    ],
)
def test_a_target_matches_its_own_name_or_a_longer_name_of_it(target, company, matches):
    assert organisation_matches(company_key(target), company_key(company)) is matches


def test_the_company_table_finds_longer_names_by_their_first_word():
    table = CompanyTable()
    table.add(company_key("Monzo Bank Ltd"), 1)
    table.add(company_key("Monzo"), 2)
    table.add(company_key("Starling Bank"), 3)
    table.add("", 4)
    assert table.docs_for(company_key("Monzo")) == {1, 2}
    assert table.docs_for(company_key("Bank")) == set()
    assert table.docs_for("") == set()


def test_organisation_reasons_prefer_the_current_employer_and_date_the_past_one():
    profile = ProfileRecord(
        current_company="Tesla",
        positions=[Position(company="Octopus Energy Ltd", end="2022")],
    )
    assert organisation_reasons(["Octopus Energy"], profile) == [
        "worked at Octopus Energy Ltd until 2022, a target organisation"
    ]
    assert organisation_reasons(["Tesla"], profile) == ["works at Tesla, a target organisation"]


def test_keyword_reasons_name_the_heaviest_field_and_quote_the_words_as_written():
    profile = ProfileRecord(
        headline="Head of Machine-Learning",
        about="I love machine learning",
        skills=["Python"],
    )
    fields = profile_fields(profile)
    assert keyword_reason("machine learning", fields) == "headline mentions 'Machine-Learning'"
    assert keyword_reason("python", fields) == "skills include 'Python'"
    assert keyword_reason("rust", fields) is None


def test_profile_fields_drop_empty_and_repeated_titles_and_companies():
    profile = ProfileRecord(
        current_title="CTO",
        current_company="Acme",
        positions=[Position(title="CTO", company="Acme"), Position(title="", company="")],
    )
    fields = profile_fields(profile)
    assert fields["titles"] == ["CTO"]
    assert fields["companies"] == ["Acme"]
