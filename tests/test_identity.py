"""Same person or not, merging two records of one person, and duplicate pairs."""

from __future__ import annotations

import random
import string
from datetime import date

from helper.people import find_duplicate_pairs
from helper.people.identity import (
    DuplicatePair,
    IdentityMatch,
    find_match,
    merge_profiles,
)
from helper.records import CategorySuggestion, Education, Position, ProfileRecord


def _person(
    name: str, company: str = "", url: str = "", emails: list[str] | None = None
) -> ProfileRecord:
    positions = [Position(title="Engineer", company=company, start="2020-01")] if company else []
    return ProfileRecord(
        name=name,
        current_company=company,
        linkedin_url=url,
        emails=emails or [],
        positions=positions,
    )


ADA_URL = "https://www.linkedin.com/in/ada-lovelace/"


def test_the_same_linkedin_url_in_another_spelling_is_a_match() -> None:
    stored = [(1, _person("Grace Hopper")), (7, _person("A. Lovelace", url=ADA_URL))]
    incoming = _person("Ada Lovelace", url="https://uk.linkedin.com/in/Ada-Lovelace?trk=x")
    assert find_match(incoming, stored) == IdentityMatch(7, "same LinkedIn URL", 100.0)


def test_a_shared_email_is_a_match_and_names_the_address() -> None:
    stored = [(3, _person("Ada King", emails=["ada@example.com", "a@work.example"]))]
    incoming = _person("Ada Lovelace", emails=["ADA@Example.com"])
    assert find_match(incoming, stored) == IdentityMatch(3, "same email ada@example.com", 100.0)


def test_a_similar_name_at_the_same_company_is_a_match() -> None:
    stored = [(4, _person("Lovelace, Ada", "Analytical Engines Ltd"))]
    match = find_match(_person("Ada  Lovelace", "Analytical Engines Limited"), stored)
    assert match is not None
    assert (match.contact_id, match.reason) == (4, "similar name at the same company")


def test_a_similar_name_at_another_company_is_not_a_match() -> None:
    stored = [(4, _person("Ada Lovelace", "Fabrikam"))]
    assert find_match(_person("Ada Lovelace", "Contoso"), stored) is None


def test_two_people_with_one_name_and_different_linkedin_urls_stay_two() -> None:
    first = _person("John Smith", "Contoso", url="https://www.linkedin.com/in/john-smith-1/")
    second = _person("John Smith", "Contoso", url="https://www.linkedin.com/in/john-smith-2/")
    assert find_match(first, [(1, second)]) is None
    assert find_duplicate_pairs([(1, first), (2, second)]) == []


def test_the_strongest_evidence_wins_among_candidates() -> None:
    stored = [
        (1, _person("Ada Lovelace", "Analytical Engines")),
        (2, _person("Countess", emails=["ada@example.com"])),
        (3, _person("Someone", url=ADA_URL)),
    ]
    incoming = _person(
        "Ada Lovelace", "Analytical Engines", url=ADA_URL, emails=["ada@example.com"]
    )
    assert find_match(incoming, stored).contact_id == 3


def test_a_different_first_name_is_not_a_near_match() -> None:
    assert (
        find_match(_person("Ann Smith", "Contoso"), [(1, _person("Anna Smyth", "Contoso"))]) is None
    )


def test_newer_non_empty_values_win_and_empty_ones_do_not_erase() -> None:
    old = ProfileRecord(name="Ada Lovelace", headline="Analyst", location="London")
    new = ProfileRecord(name="Ada Lovelace", headline="Head of Analysis", location="")
    merged = merge_profiles(old, new)
    assert (merged.headline, merged.location) == ("Head of Analysis", "London")


def test_fields_the_user_edited_win_over_an_import() -> None:
    old = ProfileRecord(name="Ada King", headline="My own words", about="")
    new = ProfileRecord(name="Ada Lovelace", headline="Imported headline", about="Imported about")
    merged = merge_profiles(old, new, protected_fields={"name", "headline", "about"})
    assert (merged.name, merged.headline) == ("Ada King", "My own words")
    assert merged.about == "Imported about"


def test_lists_are_unioned_in_order_without_duplicates() -> None:
    old = ProfileRecord(emails=["ada@example.com"], skills=["Maths", "Poetry"], phones=["+441"])
    new = ProfileRecord(emails=["ada@work.example", "ada@example.com"], skills=["maths", "Engines"])
    merged = merge_profiles(old, new)
    assert merged.emails == ["ada@example.com", "ada@work.example"]
    assert merged.skills == ["Maths", "Poetry", "Engines"]
    assert merged.phones == ["+441"]


def test_a_protected_list_stays_as_the_user_left_it() -> None:
    old = ProfileRecord(skills=["Maths"])
    new = ProfileRecord(skills=["Maths", "Gambling"])
    assert merge_profiles(old, new, protected_fields={"skills"}).skills == ["Maths"]


def test_roles_the_user_edited_stay_as_they_left_them_but_a_newer_job_is_added() -> None:
    edited = ProfileRecord(
        positions=[
            Position(title="Angel investor", company="Self-employed", start="2021-01"),
            Position(title="Partner", company="Whitfield & Grey LLP", start="2015-01"),
        ]
    )
    page_again = ProfileRecord(
        positions=[
            Position(title="Chief Executive", company="Gridwise", start="2025-03"),
            Position(title="Raised €6.5m seed", company="Angel Investor", start="2021-01"),
            Position(title="Partner", company="Whitfield & Grey LLP", start="2015-01"),
        ]
    )
    merged = merge_profiles(edited, page_again, protected_fields={"positions"})
    assert [p.title for p in merged.positions] == ["Angel investor", "Partner", "Chief Executive"]


def test_positions_and_education_merge_entry_by_entry_and_nothing_is_dropped() -> None:
    old = ProfileRecord(
        positions=[
            Position(title="Analyst", company="Babbage & Co", start="2019-01", location=""),
            Position(title="Intern", company="Contoso", start="2017-06", end="2017-09"),
        ],
        education=[Education(school="University of London", degree="BSc")],
    )
    new = ProfileRecord(
        positions=[
            Position(
                title="Analyst", company="Babbage & Co Ltd", start="2019-01", location="London"
            ),
            Position(title="Lead", company="Fabrikam", start="2023-01"),
        ],
        education=[
            Education(school="University of London", degree="BSc", start="2014", end="2017")
        ],
    )
    merged = merge_profiles(old, new)
    assert [(p.title, p.company, p.location) for p in merged.positions] == [
        ("Analyst", "Babbage & Co Ltd", "London"),
        ("Intern", "Contoso", ""),
        ("Lead", "Fabrikam", ""),
    ]
    assert merged.education == [Education("University of London", "BSc", "2014", "2017")]


def test_merging_changes_neither_input() -> None:
    old = ProfileRecord(
        name="Ada", positions=[Position(title="Analyst", company="B", start="2019")]
    )
    new = ProfileRecord(
        name="Ada L",
        positions=[Position(title="Analyst", company="B", start="2019", location="London")],
    )
    merge_profiles(old, new)
    assert old.name == "Ada" and old.positions[0].location == ""
    assert new.name == "Ada L"


def test_categories_and_connection_date_are_kept() -> None:
    old = ProfileRecord(
        categories=[CategorySuggestion("mentor", "user chose")], connected_on=date(2020, 1, 2)
    )
    new = ProfileRecord(
        categories=[CategorySuggestion("mentor", "headline"), CategorySuggestion("club", "x")]
    )
    merged = merge_profiles(old, new)
    assert merged.categories == [
        CategorySuggestion("mentor", "user chose"),
        CategorySuggestion("club", "x"),
    ]
    assert merged.connected_on == date(2020, 1, 2)


def test_missing_fields_list_only_what_is_still_missing() -> None:
    old = ProfileRecord(location="London", missing_fields=["headline", "emails"])
    new = ProfileRecord(headline="Analyst", missing_fields=["location", "emails"])
    assert merge_profiles(old, new).missing_fields == ["emails"]


def test_duplicate_pairs_carry_the_reason_they_matched() -> None:
    records = [
        (1, _person("Ada Lovelace", emails=["ada@example.com"])),
        (2, _person("Ada King", emails=["ada@example.com"])),
        (3, _person("Grace Hopper", url="https://www.linkedin.com/in/grace/")),
        (4, _person("Rear Admiral Hopper", url="https://uk.linkedin.com/in/Grace")),
        (5, _person("Katherine Johnson", "NASA Langley")),
        (6, _person("Katherine  Johnson", "NASA Langley Ltd")),
        (7, _person("Mary Jackson", "NASA Langley")),
    ]
    assert find_duplicate_pairs(records) == [
        DuplicatePair(1, 2, "same email ada@example.com"),
        DuplicatePair(3, 4, "same LinkedIn URL"),
        DuplicatePair(5, 6, "similar name at the same company"),
    ]


def test_pairs_marked_not_the_same_person_are_never_proposed_again() -> None:
    records = [
        (1, _person("Ada", emails=["a@example.com"])),
        (2, _person("Ada", emails=["a@example.com"])),
    ]
    assert find_duplicate_pairs(records, not_same={frozenset({1, 2})}) == []


def test_a_pair_is_listed_once_with_its_strongest_reason() -> None:
    first = _person("Ada Lovelace", "Contoso", url=ADA_URL, emails=["ada@example.com"])
    second = _person("Ada Lovelace", "Contoso", url=ADA_URL, emails=["ada@example.com"])
    assert find_duplicate_pairs([(9, second), (2, first)]) == [
        DuplicatePair(2, 9, "same LinkedIn URL")
    ]


def test_duplicate_search_stays_fast_for_thousands_of_records() -> None:
    rng = random.Random(5)

    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(7)).title()

    records = [
        (n, _person(f"{word()} {word()}", f"Company {n % 300}", emails=[f"p{n}@example.com"]))
        for n in range(3000)
    ]
    records.append((99_999, _person(records[42][1].name.upper(), "Company 42")))
    pairs = find_duplicate_pairs(records)
    assert pairs == [DuplicatePair(42, 99_999, "similar name at the same company")]
