"""An index brought up to date contact by contact ranks every goal exactly as one built anew.

Contacts are drawn from a small vocabulary, so that edits move document frequencies, field
length averages, shared companies (written several ways, one of which names the company) and
ties; after each random batch of edits, additions, deletions and new history, every goal's
suggestions and "could also help" (scores, reasons, order) must equal a full build's.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from helper.records import (
    ContactSnapshot,
    GoalSpec,
    MeProfile,
    Position,
    ProfileRecord,
    RelationshipStats,
    Topic,
)
from helper.strategy.match_index import ContactIndex
from helper.strategy.matching import build_index, rank_contacts, update_index

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
ME = MeProfile(name="Sam", employers=["Northwind Analytics"], domains=["northwind.io"])
WORDS = [
    "data",
    "platform",
    "kafka",
    "streaming",
    "fintech",
    "recruiter",
    "head",
    "engineer",
    "machine",
    "learning",
]
TITLES = ["Head of Data", "Data Engineer", "CTO", "Recruiter", "Machine Learning Engineer", ""]
COMPANIES = ["Monzo", "Monzo Bank Ltd", "MONZO", "Northwind Analytics", "EDF", ""]
COMPANIES += ["Électricité de France (EDF)", "Électricité de France EDF", "Barclays"]
DOMAINS = ["monzo.com", "northwind.io", "gmail.com", "edf.fr"]
CATEGORIES = ["recruiter", "introducer", "mentor", "specialist"]
TIERS = ["unset", "strengthen", "maintain", "let_go"]
GOALS = [
    GoalSpec(id=1, title="Data", purpose="career", keywords=["data platform", "Kafka", "CTO"]),
    GoalSpec(id=2, title="Monzo", purpose="career", organisations=["Monzo", "EDF"]),
    GoalSpec(
        id=3,
        title="Fintech",
        purpose="business",
        keywords=["fintech"],
        categories=["specialist", "introducer"],
        strategy="cement_existing",
        scope="external",
    ),
    GoalSpec(
        id=4,
        title="ML",
        purpose="expert_team",
        keywords=["machine learning", "engineer"],
        strategy="develop_new",
        scope="internal",
    ),
]


def text(rng: random.Random, most: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, most)))


def contact(rng: random.Random, contact_id: int) -> ContactSnapshot:
    positions = [
        Position(rng.choice(TITLES), rng.choice(COMPANIES), end=rng.choice(["", "2020"]))
        for _ in range(rng.randint(0, 3))
    ]
    profile = ProfileRecord(
        name=rng.choice(["Ada", "Ben", "Chen", "Dana"]) + " " + rng.choice(["Ode", "Li", "Ng"]),
        headline=text(rng, 6),
        current_title=rng.choice(TITLES),
        current_company=rng.choice(COMPANIES),
        about=text(rng, 30),
        emails=[f"p{contact_id}@{rng.choice(DOMAINS)}" for _ in range(rng.randint(0, 2))],
        positions=positions,
        skills=rng.sample(WORDS, rng.randint(0, 3)),
    )
    return ContactSnapshot(
        id=contact_id,
        profile=profile,
        categories=sorted(rng.sample(CATEGORIES, rng.randint(0, 2))),
        tier=rng.choice(TIERS),
        stats=history(rng),
        topics=[Topic(text(rng, 4), "email_sent", NOW) for _ in range(rng.randint(0, 2))],
    )


def history(rng: random.Random) -> RelationshipStats:
    if rng.random() < 0.4:
        return RelationshipStats()
    when = NOW - timedelta(days=rng.randint(1, 900))
    return RelationshipStats(rng.randint(0, 9), rng.randint(0, 9), rng.randint(0, 3), when, when)


def random_changes(
    rng: random.Random, contacts: dict[int, ContactSnapshot], next_id: int
) -> dict[int, ContactSnapshot | None]:
    changes: dict[int, ContactSnapshot | None] = {}
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(["edit", "add", "delete", "history", "tier"])
        known = sorted(contacts.keys() - changes.keys())
        if kind == "add" or not known:
            changes[next_id + len(changes)] = contact(rng, next_id + len(changes))
            continue
        chosen = rng.choice(known)
        if kind == "edit":
            changes[chosen] = contact(rng, chosen)
        elif kind == "delete":
            changes[chosen] = None
        elif kind == "tier":  # no words change: the other terms' weights are kept
            tier, stats = rng.choice(TIERS), history(rng)
            changes[chosen] = replace(contacts[chosen], tier=tier, stats=stats)
        else:  # an interaction logged: new history and a new topic
            topics = [*contacts[chosen].topics, Topic(text(rng, 3), "met", NOW)]
            changes[chosen] = replace(contacts[chosen], stats=history(rng), topics=topics)
    return changes


def assert_ranks_alike(ours: ContactIndex, anew: ContactIndex) -> None:
    for goal in GOALS:
        for limit in (None, 3):
            got = rank_contacts(goal, ours, ME, now=NOW, limit=limit)
            expected = rank_contacts(goal, anew, ME, now=NOW, limit=limit)
            assert got.suggestions == expected.suggestions, (goal.title, limit)
            assert got.also == expected.also, (goal.title, limit)


@pytest.mark.parametrize("seed", range(12))
def test_an_updated_index_ranks_every_goal_as_one_built_anew(seed):
    rng = random.Random(seed)
    contacts = {n: contact(rng, n) for n in range(1, 31)}
    index = build_index([contacts[n] for n in sorted(contacts)])
    for _ in range(12):
        changes = random_changes(rng, contacts, max(contacts, default=0) + 1)
        for contact_id, snapshot in changes.items():
            if snapshot is None:
                del contacts[contact_id]
            else:
                contacts[contact_id] = snapshot
        updated = update_index(index, changes)
        assert updated is not None
        anew = build_index([contacts[n] for n in sorted(contacts)])
        assert len(updated) == len(anew)
        assert_ranks_alike(updated, anew)
        index = updated


def test_an_update_leaves_the_index_it_started_from_as_it_was():
    rng = random.Random(5)
    contacts = [contact(rng, n) for n in range(1, 21)]
    index = build_index(contacts)
    before = {goal.id: rank_contacts(goal, index, ME, now=NOW).suggestions for goal in GOALS}
    update_index(index, {1: None, 2: contact(rng, 2), 30: contact(rng, 30)})
    again = build_index(contacts)
    for goal in GOALS:
        assert rank_contacts(goal, index, ME, now=NOW).suggestions == before[goal.id]
        assert rank_contacts(goal, again, ME, now=NOW).suggestions == before[goal.id]


def test_a_contact_back_under_an_id_below_the_newest_asks_for_a_full_build():
    rng = random.Random(7)
    contacts = [contact(rng, n) for n in range(1, 11)]
    index = update_index(build_index(contacts), {4: None})
    assert index is not None and len(index) == 9
    assert update_index(index, {4: contact(rng, 4)}) is None
    assert update_index(index, {11: contact(rng, 11)}) is not None


@pytest.mark.parametrize("seed", range(4))
def test_changes_that_move_no_words_rank_as_built_anew(seed):
    rng = random.Random(seed)
    contacts = {n: contact(rng, n) for n in range(1, 31)}
    index = build_index([contacts[n] for n in sorted(contacts)])
    for goal in GOALS:
        rank_contacts(goal, index, ME, now=NOW)
    for _ in range(8):
        chosen = rng.choice(sorted(contacts))
        tier, stats = rng.choice(TIERS), history(rng)
        contacts[chosen] = replace(contacts[chosen], tier=tier, stats=stats)
        updated = update_index(index, {chosen: contacts[chosen]})
        assert updated is not None
        assert_ranks_alike(updated, build_index([contacts[n] for n in sorted(contacts)]))
        index = updated


def test_deleting_every_contact_leaves_an_index_that_suggests_no_one():
    rng = random.Random(8)
    contacts = [contact(rng, n) for n in range(1, 6)]
    index = update_index(build_index(contacts), dict.fromkeys(range(1, 6)))
    assert index is not None and len(index) == 0
    for goal in GOALS:
        ranking = rank_contacts(goal, index, ME, now=NOW)
        assert (ranking.suggestions, ranking.also) == ([], [])
