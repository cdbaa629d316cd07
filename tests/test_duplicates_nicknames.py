"""Duplicates a user expects: nicknames, initials and one employer written two ways are
proposed with the reason in words; adding someone already stored asks first; merging a
LinkedIn Connections row into a full profile adds no junk roles and keeps the fuller title."""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from helper.db.models import Contact, Position
from helper.normalize import normalize_company
from helper.people import duplicate_index as index_module
from helper.people import find_duplicate_pairs, merge_profiles
from helper.people.given_names import name_forms, relation
from helper.profiles import parse_profile
from helper.records import Position as RolePosition
from helper.records import ProfileRecord
from helper.store.contacts import ContactInput, create_contact
from helper.store.duplicates import merge_pair, namesakes, suspected_pairs
from helper.store.imports.pipeline import import_file
from helper.store.profiles import save_profile
from tests.conftest import csrf_token_from, submitted

# Short and full forms of a given name the user expects to be one person.
NICKNAMES = [
    tuple(pair.split())
    for pair in (
        *("Tom Thomas", "Kate Katherine", "Kate Catherine", "Bill William", "Bob Robert"),
        *("Liz Elizabeth", "Sasha Alexander", "Jim James", "Mike Michael", "Dave David"),
        *("Chris Christopher", "Alex Alexandra", "Alex Alexander", "Sam Samuel"),
        *("Sam Samantha", "Dan Daniel", "Pat Patrick", "Pat Patricia", "Steve Stephen"),
        *("Steve Steven", "Nick Nicholas", "Jenny Jennifer", "Meg Margaret"),
    )
]
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def person(name: str, company: str = "", url: str = "") -> ProfileRecord:
    return ProfileRecord(name=name, current_company=company, linkedin_url=url)


def reasons(*people: ProfileRecord) -> list[str]:
    return [pair.reason for pair in find_duplicate_pairs(list(enumerate(people, start=1)))]


def test_a_nickname_at_one_firm_written_two_ways_is_proposed_with_the_reason_in_words():
    assert reasons(
        person("Tom Nowak", "Whitfield & Grey"),
        person("Thomas Nowak", "Whitfield and Grey LLP"),
    ) == ["same name, Tom is short for Thomas, same company (Whitfield & Grey)"]


def test_the_same_name_at_a_company_with_a_trailing_bank_is_proposed():
    assert reasons(person("Priya Raman", "Monzo"), person("Priya Raman", "Monzo Bank")) == [
        "same name, same company (Monzo)"
    ]


@pytest.mark.parametrize(("short", "full"), NICKNAMES)
def test_each_everyday_nickname_is_proposed_as_its_full_name(short, full):
    assert reasons(
        person(f"{short} Ellis", "Fabrikam"), person(f"{full} Ellis", "Fabrikam Ltd")
    ) == [f"same name, {short} is short for {full}, same company (Fabrikam)"]


def test_two_spellings_of_one_name_are_proposed_as_such():
    assert reasons(person("Katherine Moss", "Contoso"), person("Catherine Moss", "Contoso")) == [
        "same name, Catherine is another spelling of Katherine, same company (Contoso)"
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [("Patrick", "Patricia"), ("Samuel", "Samantha"), ("Robert", "William")],
)
def test_two_full_names_that_only_share_a_nickname_are_two_people(first, second):
    assert reasons(person(f"{first} Byrne", "Zopa"), person(f"{second} Byrne", "Zopa")) == []


def test_an_initial_is_proposed_as_the_full_given_name_at_the_same_company():
    assert reasons(
        person("A. Smith", "Contoso Ltd"),
        person("Anna Smith", "Contoso"),
        person("B. Smith", "Contoso"),
    ) == ["same surname, A. may stand for Anna, same company (Contoso)"]


def test_a_first_name_alone_is_proposed_as_the_full_name_at_the_same_company():
    assert reasons(
        person("Tom", "Whitfield & Grey"), person("Thomas Nowak", "Whitfield and Grey")
    ) == [
        "same first name, Tom is short for Thomas, no surname on Tom, "
        "same company (Whitfield & Grey)"
    ]


@pytest.mark.parametrize(
    "other",
    [
        person("Thomas Nowak", "Contoso"),  # another company
        person("Thomas Novak", "Whitfield & Grey"),  # another surname
        person("Timothy Nowak", "Whitfield & Grey"),  # another given name
        person("A. Nowak", "Whitfield & Grey"),  # an initial that is not his
    ],
)
def test_a_nickname_proves_nothing_without_the_same_surname_and_company(other):
    assert reasons(person("Tom Nowak", "Whitfield & Grey"), other) == []


def test_two_linkedin_profiles_are_two_people_whatever_their_nicknames_say():
    assert (
        reasons(
            person("Tom Nowak", "Whitfield & Grey", "https://www.linkedin.com/in/tom-nowak/"),
            person("Thomas Nowak", "Whitfield & Grey", "https://www.linkedin.com/in/thomas-nowak/"),
        )
        == []
    )


def test_companies_compare_without_legal_forms_and_with_and_for_an_ampersand():
    assert normalize_company("Whitfield and Grey LLP") == normalize_company("Whitfield & Grey")
    assert normalize_company("Fabrikam GmbH und Co. KG") == normalize_company(
        "Fabrikam GmbH & Co. KG"
    )
    assert normalize_company("And") == "and"


def test_blocking_compares_a_few_pairs_not_every_two_people_at_a_large_employer(monkeypatch):
    compared = []
    real = index_module.duplicate_reason
    monkeypatch.setattr(
        index_module, "duplicate_reason", lambda a, b: compared.append(1) or real(a, b)
    )
    rng = random.Random(5)
    given_names = ["Thomas", "Anna", "James", "Priya", "Olu", "Mei", "Sven", "Ravi", "Aisha", "Jo"]
    surnames = ["".join(rng.choices(string.ascii_lowercase, k=8)).title() for _ in range(300)]
    people = [
        person(f"{given} {surname}", "Contoso") for given in given_names for surname in surnames
    ]
    people.append(person(f"Tom {surnames[7]}", "Contoso Ltd"))
    pairs = find_duplicate_pairs(list(enumerate(people)))
    assert [(p.first_id, p.second_id, p.reason) for p in pairs] == [
        (7, 3000, "same name, Tom is short for Thomas, same company (Contoso)")
    ]
    assert len(compared) < 3000  # every two people at Contoso would be 4.5 million


@given(
    pair=st.sampled_from(NICKNAMES),
    surname=st.from_regex(r"[A-Z][a-z]{2,12}", fullmatch=True),
    company=st.from_regex(r"[A-Z][a-z]{3,10}", fullmatch=True),
    swapped=st.booleans(),
)
def test_a_name_is_always_a_candidate_of_itself_with_a_nickname_swapped(
    pair, surname, company, swapped
):
    short, full = pair
    first, second = person(f"{full} {surname}", company), person(f"{short} {surname}", company)
    records = [(2, second), (1, first)] if swapped else [(1, first), (2, second)]
    [found] = find_duplicate_pairs(records)
    assert (found.first_id, found.second_id) == (1, 2)
    assert f"{short} is short for {full}" in found.reason


@given(st.sampled_from(sorted({name for pair in NICKNAMES for name in pair})), st.data())
def test_being_a_form_of_a_name_works_both_ways(name, data):
    key = name.lower()
    other = data.draw(st.sampled_from(sorted(name_forms(key))))
    assert key in name_forms(other)
    assert relation(name, other.title()) is not None
    assert relation(other.title(), name) is not None


def add(session, name: str, company: str = "", title: str = "") -> Contact:
    contact = create_contact(
        session, ContactInput(name=name, current_company=company, current_title=title)
    )
    session.flush()
    return contact


def test_the_store_proposes_nickname_pairs_with_their_reasons(session):
    add(session, "Priya Raman", "Monzo")
    add(session, "Priya Raman", "Monzo Bank")
    add(session, "Tom Nowak", "Whitfield & Grey")
    add(session, "Thomas Nowak", "Whitfield and Grey LLP")
    session.commit()
    assert {(p.first.name, p.second.name): p.reason for p in suspected_pairs(session)} == {
        ("Priya Raman", "Priya Raman"): "same name, same company (Monzo)",
        ("Tom Nowak", "Thomas Nowak"): (
            "same name, Tom is short for Thomas, same company (Whitfield & Grey)"
        ),
    }


def test_namesakes_are_the_same_name_anywhere_or_a_nickname_at_the_same_company(session):
    anywhere = add(session, "Thomas Nowak", "Contoso")
    same_firm = add(session, "Tom Nowak", "Whitfield & Grey")
    add(session, "Tommy Nowak", "Fabrikam")  # a nickname, but at another company
    add(session, "Thomas Novak", "Whitfield & Grey")
    found = namesakes(session, "Thomas Nowak", "Whitfield and Grey LLP")
    assert [(contact.id, reason) for contact, reason in found] == [
        (anywhere.id, "same name"),
        (same_firm.id, "same name, Tom is short for Thomas, same company (Whitfield & Grey)"),
    ]


def test_adding_a_contact_with_a_stored_name_warns_and_keeps_what_was_typed(
    client, post_form, session
):
    stored = add(session, "Thomas Nowak", "Whitfield & Grey")
    session.commit()
    typed = {"name": "Tom Nowak", "current_company": "Whitfield and Grey", "notes": "Met at DevCon"}
    page = post_form("/contacts/new", typed).get_data(as_text=True)
    assert "Tom Nowak may already be in your contacts" in page
    assert f'href="/contacts/{stored.id}"' in page
    assert "Tom is short for Thomas" in page
    assert ">Add anyway</button>" in page
    assert "Met at DevCon" in page and 'value="Whitfield and Grey"' in page
    assert session.scalar(select(Contact).where(Contact.name == "Tom Nowak")) is None

    again = client.post(
        "/contacts/new", data=submitted(page, "/contacts/new"), follow_redirects=True
    )
    assert "Tom Nowak is added." in again.get_data(as_text=True)


def test_add_anyway_for_one_name_does_not_wave_through_another(client, post_form, session):
    add(session, "Thomas Nowak", "Whitfield & Grey")
    add(session, "Anna Smith", "Contoso")
    session.commit()
    page = post_form("/contacts/new", {"name": "Tom Nowak", "current_company": "Whitfield & Grey"})
    changed = submitted(page.get_data(as_text=True), "/contacts/new", name="Anna Smith")
    response = client.post("/contacts/new", data=changed, follow_redirects=True)
    assert "Anna Smith may already be in your contacts" in response.get_data(as_text=True)


def test_a_new_name_adds_at_once_without_a_warning(post_form, session):
    add(session, "Thomas Nowak", "Whitfield & Grey")
    session.commit()
    page = post_form("/contacts/new", {"name": "Tom Nowak", "current_company": "Contoso"})
    assert "Tom Nowak is added." in page.get_data(as_text=True)


def test_a_profile_preview_that_would_add_a_namesake_asks_to_add_anyway(
    client, session, data_path, store
):
    stored = add(session, "Priya Raman", "Monzo")
    session.commit()
    text = (data_path / "profiles" / "text" / "chromium_single_role.txt").read_text()
    token = csrf_token_from(client.get("/profiles/new").get_data(as_text=True))
    preview = client.post(
        "/profiles/new", data={"text": text, "csrf_token": token}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Priya Raman may already be in your contacts" in preview
    assert f'href="/contacts/{stored.id}"' in preview
    assert ">Add anyway</button>" in preview

    without = {k: v for k, v in submitted(preview).items() if k != "add_anyway"}
    refused = client.post("/profiles/confirm", data=without).get_data(as_text=True)
    assert "Priya Raman may already be in your contacts" in refused
    saved = client.post("/profiles/confirm", data=submitted(preview), follow_redirects=True)
    assert "Priya Raman is added." in saved.get_data(as_text=True)


def profile_then_connections(store, data_path, tmp_path, row: str) -> Contact:
    text = (data_path / "profiles" / "text" / "chromium_single_role.txt").read_text()
    with store.sessions() as session:
        save_profile(session, parse_profile(text), [])
        session.commit()
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS_HEADER + row + "\n", encoding="utf-8")
    import_file(store, path)
    with store.sessions() as session:
        [contact] = session.scalars(select(Contact))
        session.expunge(contact)
        return contact


def roles(store) -> list[tuple[str, str, str]]:
    with store.sessions() as session:
        return [
            (p.title, p.company, p.start)
            for p in session.scalars(select(Position).order_by(Position.ordinal))
        ]


PROFILE_ROLES = [
    ("Senior Product Manager", "Fabrikam", "2021-03"),
    ("Product Manager", "Northwind Traders", "2017-06"),
    ("Fraud Analyst", "Woodgrove Bank", "2013-09"),
]


@pytest.mark.parametrize(
    "row",
    [
        "Priya,Raman,,,Fabrikam,Senior Product Manager,08 Feb 2026",
        "Priya,Raman,,,Fabrikam,Product Manager,08 Feb 2026",
        "Priya,Raman,,,Fabrikam,,08 Feb 2026",
        "Priya,Raman,,,Fabrikam Ltd,Senior Product Manager,08 Feb 2026",
    ],
)
def test_a_connections_row_adds_no_role_to_a_profile_that_lists_it_in_full(
    store, data_path, tmp_path, row
):
    contact = profile_then_connections(store, data_path, tmp_path, row)
    assert roles(store) == PROFILE_ROLES
    assert contact.current_title == "Senior Product Manager"


def test_a_role_at_a_new_employer_is_added_and_one_naming_nothing_is_not():
    record = merge_profiles(
        ProfileRecord(positions=[RolePosition("Senior Product Manager", "Fabrikam", "2021-03")]),
        ProfileRecord(positions=[RolePosition("Head of Product", "Monzo"), RolePosition()]),
    )
    assert [(p.title, p.company) for p in record.positions] == [
        ("Senior Product Manager", "Fabrikam"),
        ("Head of Product", "Monzo"),
    ]


def test_a_full_profile_completes_an_undated_role_from_connections():
    record = merge_profiles(
        ProfileRecord(
            current_title="Product Manager",
            current_company="Monzo",
            positions=[RolePosition("Product Manager", "Monzo")],
        ),
        ProfileRecord(
            current_title="Senior Product Manager",
            current_company="Monzo Bank",
            positions=[RolePosition("Senior Product Manager", "Monzo Bank", "2021-03")],
        ),
    )
    assert [(p.title, p.company, p.start) for p in record.positions] == [
        ("Senior Product Manager", "Monzo Bank", "2021-03")
    ]
    assert (record.current_title, record.current_company) == (
        "Senior Product Manager",
        "Monzo Bank",
    )


def test_a_shorter_title_at_a_new_employer_is_the_new_job_and_replaces_the_old_one():
    record = merge_profiles(
        ProfileRecord(current_title="Senior Product Manager", current_company="Fabrikam"),
        ProfileRecord(current_title="Product Manager", current_company="Monzo"),
    )
    assert (record.current_title, record.current_company) == ("Product Manager", "Monzo")


def test_merging_a_connections_contact_into_a_profile_keeps_the_full_roles(session):
    profile = add(session, "Priya Raman", "Monzo Bank", "Senior Product Manager")
    profile.positions = [
        Position(title="Senior Product Manager", company="Monzo Bank", start="2021-03")
    ]
    row = add(session, "Priya Raman", "Monzo", "Product Manager")
    row.positions = [
        Position(title="Product Manager", company="Monzo"),
        Position(title="", company="Monzo", ordinal=1),
    ]
    session.commit()
    [pair] = suspected_pairs(session)
    picks = {choice.name: choice.preferred for choice in pair.choices}
    assert picks == {"current_title": "first", "current_company": "first"}
    merged = merge_pair(session, profile.id, row.id, picks)
    session.commit()
    assert [(p.title, p.company, p.start) for p in merged.positions] == [
        ("Senior Product Manager", "Monzo Bank", "2021-03")
    ]
    assert merged.current_title == "Senior Product Manager"


def test_the_duplicates_page_ticks_the_fuller_title_by_default(client, session):
    add(session, "Priya Raman", "Monzo", "Product Manager")
    add(session, "Priya Raman", "Monzo Bank", "Senior Product Manager")
    session.commit()
    page = client.get("/duplicates").get_data(as_text=True)
    ticked = submitted(page, "/duplicates/merge")
    assert ticked["pick-current_title"] == ["second"]
    assert ticked["pick-current_company"] == ["second"]


def test_the_duplicates_page_ticks_a_full_given_name_over_an_initial(client, session):
    add(session, "A. Smith", "Contoso")
    add(session, "Anna Smith", "Contoso")
    session.commit()
    ticked = submitted(client.get("/duplicates").get_data(as_text=True), "/duplicates/merge")
    assert ticked["pick-name"] == ["second"]
