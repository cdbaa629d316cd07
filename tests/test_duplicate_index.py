"""The duplicate index kept up to date change by change finds exactly the pairs, with the same
reasons, that a search over all the records finds."""

from __future__ import annotations

import random

import pytest

from helper.people import DuplicateIndex, DuplicatePair, IdentityKeys, find_duplicate_pairs
from helper.people.identity import duplicate_reason
from helper.records import Position, ProfileRecord

# Few enough values that records collide often, in every way the search knows.
NAMES = [
    *("Thomas Smith", "Tom Smith", "T. Smith", "Tom", "Thomas Smyth", "Smith, Thomas"),
    *("Katherine Jones", "Catherine Jones", "Kate Jones", "K. Jones", "Kate"),
    *("Alexandra Konstantinopoulos", "Aleksandra Konstantinopulos", "Sasha Konstantinopoulos"),
    *("Ada Novak", "Nadia Novak", "Ada Nowak", "Anna Smith", "A. Smith", "Jo"),
]
COMPANIES = ["Monzo", "Monzo Bank", "Contoso Ltd", "Contoso", "Whitfield & Grey", ""]
EMAILS = ["tom@example.com", "Tom@Example.com", "kate@example.org", "ada@example.net"]
URLS = ["https://www.linkedin.com/in/tom/", "https://uk.linkedin.com/in/Tom", "", ""]


def person(rng: random.Random) -> ProfileRecord:
    record = ProfileRecord(
        name=rng.choice(NAMES),
        current_company=rng.choice(COMPANIES),
        linkedin_url=rng.choice(URLS),
        emails=rng.sample(EMAILS, rng.choice((0, 0, 1, 2))),
    )
    if rng.random() < 0.3:  # an open role at another employer counts as current too
        record.positions = [Position(company=rng.choice(COMPANIES), start="2024-01")]
    return record


def change(rng: random.Random, people: dict[int, ProfileRecord], not_same: set) -> list[int]:
    """One random change: add, edit a name, employer or emails, delete, or mark a pair as two
    people; the ids whose record changed come back."""
    action = rng.choice(("add", "add", "name", "company", "emails", "delete", "not same"))
    if action == "add" or len(people) < 2:
        contact_id = max(people, default=0) + 1
        people[contact_id] = person(rng)
        return [contact_id]
    contact_id = rng.choice(sorted(people))
    if action == "delete":
        del people[contact_id]
    elif action == "not same":
        not_same.add(frozenset(rng.sample(sorted(people), 2)))
        return []
    elif action == "name":
        people[contact_id].name = rng.choice(NAMES)
    elif action == "company":
        people[contact_id].current_company = rng.choice(COMPANIES)
    else:
        people[contact_id].emails = rng.sample(EMAILS, rng.choice((0, 1, 2)))
    return [contact_id]


def every_pair(people: dict[int, ProfileRecord], not_same: set) -> list[DuplicatePair]:
    """The search without blocks: every two people compared."""
    keys = {i: IdentityKeys.of(record) for i, record in people.items()}
    found = (
        (a, b, duplicate_reason(keys[a], keys[b]))
        for a in sorted(keys)
        for b in sorted(keys)
        if a < b and frozenset((a, b)) not in not_same
    )
    return [DuplicatePair(a, b, reason) for a, b, reason in found if reason is not None]


@pytest.mark.parametrize("seed", range(8))
def test_the_index_after_each_change_finds_what_a_whole_search_finds(seed):
    rng = random.Random(seed)
    people: dict[int, ProfileRecord] = {}
    not_same: set[frozenset[int]] = set()
    index = DuplicateIndex()
    for _ in range(150):
        touched = change(rng, people, not_same)
        changed = {i: IdentityKeys.of(people[i]) for i in touched if i in people}
        index.update(changed, [i for i in touched if i not in people])
        assert index.pairs(not_same) == find_duplicate_pairs(
            sorted(people.items()), not_same=not_same
        )
    assert index.pairs(not_same)  # the changes left people alike to find
    assert index.pairs(not_same) == every_pair(people, not_same)


def test_a_batch_of_changes_at_once_finds_what_a_whole_search_finds():
    rng = random.Random(99)
    people = {i: person(rng) for i in range(1, 201)}
    index = DuplicateIndex()
    index.update({i: IdentityKeys.of(record) for i, record in people.items()})
    not_same: set[frozenset[int]] = set()
    touched = {i for _ in range(40) for i in change(rng, people, not_same)}
    index.update(
        {i: IdentityKeys.of(people[i]) for i in touched if i in people},
        [i for i in touched if i not in people],
    )
    assert index.pairs(not_same) == find_duplicate_pairs(sorted(people.items()), not_same=not_same)


def test_names_two_letters_apart_at_one_employer_are_similar():
    records = [
        (1, ProfileRecord(name="Alexandra Konstantinopoulos", current_company="Contoso")),
        (2, ProfileRecord(name="Aleksandra Konstantinopulos", current_company="Contoso")),
    ]
    assert find_duplicate_pairs(records) == [
        DuplicatePair(1, 2, "similar name at the same company")
    ]


def typo(rng: random.Random, name: str) -> str:
    """The name with one letter changed, added or dropped, or as it is."""
    spot = rng.randrange(len(name))
    return rng.choice(
        (
            name[:spot] + rng.choice("aeiorstn") + name[spot + 1 :],
            name[:spot] + rng.choice("aeiorstn") + name[spot:],
            name[:spot] + name[spot + 1 :],
            name,
        )
    )


def test_a_first_search_over_many_names_alike_finds_what_comparing_every_two_finds():
    """Names of one length scored once per pair, not both ways, still find every pair."""
    rng = random.Random(7)
    bases = ["Alexandra Konstantinopoulos", "Katherine Jones", "Maximilian Oberhuber", "Li Na"]
    people = {
        i: ProfileRecord(
            name=typo(rng, rng.choice(bases)),
            current_company=rng.choice(["Contoso", "Monzo Bank", "Monzo"]),
        )
        for i in range(1, 161)
    }
    assert find_duplicate_pairs(sorted(people.items())) == every_pair(people, set())


def test_a_reason_taken_and_changed_does_not_change_the_next_answer():
    from helper.people.likeness import Naming, name_likeness

    tom, thomas = Naming.of("Tom Smith", ["Monzo"]), Naming.of("Thomas Smith", ["Monzo"])
    first = name_likeness(tom, thomas)
    assert first is not None
    first.append("changed by the caller")
    assert name_likeness(tom, thomas) == ["same name", "Tom is short for Thomas"]
