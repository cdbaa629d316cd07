"""Contacts as the pure core sees them, read in bulk, and the index cache over them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, update

from helper.db import count_change
from helper.db.models import Contact, ContactChange, Interaction, Position, Skill
from helper.records import GoalSpec, MeProfile
from helper.store.bulk import add_category, set_tier
from helper.store.contacts import ContactInput, create_contact, update_contact
from helper.store.deletions import delete_contacts
from helper.store.events import (
    EventInput,
    add_person_met,
    create_event,
    remove_person_met,
    set_met_note,
)
from helper.store.match_cache import INDEX_FILE, MatchCache, data_version
from helper.store.snapshots import load_snapshots, relationship_stats
from helper.strategy.cadence import CadenceSettings, due_list
from helper.strategy.matching import build_index, rank_contacts
from helper.strategy.progress import category_gaps

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def add_contact(session, name: str, **fields) -> Contact:
    positions = fields.pop("positions", [])
    skills = fields.pop("skills", [])
    contact = create_contact(session, ContactInput(name=name, **fields))
    for ordinal, (title, company, end) in enumerate(positions):
        session.add(
            Position(contact_id=contact.id, ordinal=ordinal, title=title, company=company, end=end)
        )
    for skill in skills:
        session.add(Skill(contact_id=contact.id, name=skill))
    session.flush()
    return contact


def touch(
    session, contact: Contact, kind: str, when: datetime, ref: str, subject: str = ""
) -> None:
    session.add(
        Interaction(
            contact_id=contact.id,
            kind=kind,
            occurred_at=when.replace(tzinfo=None),
            source_ref=ref,
            summary=subject,
        )
    )
    session.flush()


@pytest.fixture
def people(session):
    priya = add_contact(
        session,
        "Priya Raman",
        headline="Fintech recruiter",
        emails=["priya@monzo.com"],
        categories=["recruiter", "introducer"],
        tier="strengthen",
        positions=[("Talent Partner", "Monzo", "Present"), ("Recruiter", "Barclays", "2020")],
        skills=["Executive Search", "Fintech"],
    )
    bob = add_contact(session, "Bob Plumber", headline="Boiler repairs", tier="let_go")
    touch(session, priya, "email_sent", datetime(2026, 1, 5), "m1")
    touch(session, priya, "email_received", datetime(2026, 3, 1), "m2")
    touch(session, priya, "email_received", datetime(2026, 4, 1), "m3")
    touch(session, priya, "call", datetime(2026, 5, 1), "c1")
    touch(session, priya, "message", datetime(2026, 6, 1), "x1")
    touch(session, priya, "met", datetime(2026, 7, 1), "e1")
    session.commit()
    return priya, bob


def test_a_snapshot_carries_the_profile_categories_and_tier(session, people):
    priya, bob = people
    snapshots = {s.id: s for s in load_snapshots(session)}
    snap = snapshots[priya.id]
    assert snap.profile.name == "Priya Raman"
    assert snap.profile.headline == "Fintech recruiter"
    assert snap.profile.emails == ["priya@monzo.com"]
    assert [(p.title, p.company, p.end) for p in snap.profile.positions] == [
        ("Talent Partner", "Monzo", "Present"),
        ("Recruiter", "Barclays", "2020"),
    ]
    assert snap.profile.skills == ["Executive Search", "Fintech"]
    assert sorted(snap.categories) == ["introducer", "recruiter"]
    assert snap.tier == "strengthen"
    assert snapshots[bob.id].tier == "let_go"


def test_the_current_role_falls_back_to_the_first_position(session, people):
    priya, _ = people
    snap = next(s for s in load_snapshots(session) if s.id == priya.id)
    assert snap.profile.current_title == "Talent Partner"
    assert snap.profile.current_company == "Monzo"


def test_a_role_that_ended_is_never_taken_for_the_current_one(session):
    rita = add_contact(session, "Rita Moss", positions=[("Head of Data", "Barclays", "2019")])
    session.commit()
    snap = next(s for s in load_snapshots(session) if s.id == rita.id)
    assert (snap.profile.current_title, snap.profile.current_company) == ("", "")


def test_snapshots_come_in_id_order(session, people):
    ids = [s.id for s in load_snapshots(session)]
    assert ids == sorted(ids)


def test_history_counts_mail_each_way_and_calls_messages_and_meetings_as_met(session, people):
    priya, _ = people
    stats = next(s for s in load_snapshots(session) if s.id == priya.id).stats
    assert (stats.sent, stats.received, stats.met) == (1, 2, 3)
    assert stats.first_contact == datetime(2026, 1, 5)
    assert stats.last_contact == datetime(2026, 7, 1)


def test_a_contact_without_interactions_has_empty_history(session, people):
    _, bob = people
    stats = next(s for s in load_snapshots(session) if s.id == bob.id).stats
    assert stats.total == 0
    assert stats.last_contact is None


def test_relationship_stats_can_be_read_for_chosen_contacts_only(session, people):
    priya, bob = people
    assert list(relationship_stats(session, [bob.id])) == []
    assert list(relationship_stats(session, [priya.id])) == [priya.id]


def test_the_version_stays_the_same_while_nothing_changes(session, people):
    assert data_version(session) == data_version(session)


@pytest.fixture
def event_with_people(session, people):
    priya, bob = people
    event = create_event(
        session, EventInput(name="PyCon", kind="conference", starts_at=datetime(2026, 5, 1, 9))
    )
    add_person_met(session, event, priya.id, note="Kafka")
    add_person_met(session, event, bob.id, note="Boilers")
    session.commit()
    return event


# Every kind of write the matching index must notice, each made by `make_change`.
STORE_CHANGES = [
    "new contact",
    "tier",
    "interaction",
    "categories",
    "deleted contact",
    "event renamed",
    "note edited to the same length",
    "newest link replaced, its id handed out again",
    "interaction edited in place",
]


@pytest.mark.parametrize("change", STORE_CHANGES)
def test_the_version_changes_with_anything_matching_reads(
    session, people, event_with_people, change
):
    before = data_version(session)
    make_change(session, people, event_with_people, change)
    session.commit()
    assert data_version(session) != before


def make_change(session, people, event, change: str) -> None:
    priya, bob = people
    if change == "event renamed":
        event.name = "EuroPython"
    elif change == "note edited to the same length":
        set_met_note(session, event, priya.id, "Flink")
    elif change == "newest link replaced, its id handed out again":
        remove_person_met(session, event, bob.id)
        session.flush()
        add_person_met(session, event, add_contact(session, "Ben Ode").id)
    elif change == "interaction edited in place":
        session.query(Interaction).filter_by(source_ref="m1").one().summary = "Head of Data"
    elif change == "new contact":
        add_contact(session, "Ada Lovelace")
    elif change == "tier":
        bob.tier = "maintain"
    elif change == "interaction":
        touch(session, bob, "met", datetime(2026, 8, 1), "new")
    elif change == "categories":
        update_contact(session, priya, ContactInput(name=priya.name, categories=["mentor"]))
    else:
        session.delete(bob)


def test_the_cache_builds_the_index_once_until_contacts_change(session, people):
    cache = MatchCache()
    first = cache.get(session)
    assert cache.get(session) is first
    assert cache.builds == 1
    add_contact(session, "Ada Lovelace", headline="Mathematician")
    session.commit()
    second = cache.get(session)
    assert second is not first
    assert (cache.builds, cache.updates) == (1, 1)
    assert "Ada Lovelace" in [second.index.document(d).name for d in second.index.docs()]


def test_cached_ranking_is_what_rank_contacts_gives_and_is_reused(session, people):
    data = MatchCache().get(session)
    goal = GoalSpec(id=1, title="Fintech role", purpose="career", keywords=["fintech"])
    me = MeProfile(name="Sam")
    ranked = data.ranking(goal, me, NOW, 10)
    expected = rank_contacts(goal, data.index, me, now=NOW, limit=10)
    assert ranked.suggestions == expected.suggestions
    assert [s.name for s in ranked.suggestions] == ["Priya Raman"]
    assert data.ranking(goal, me, NOW, 10) is ranked


def test_cached_gaps_match_category_gaps_for_the_goal(session, people):
    data = MatchCache().get(session)
    goal = GoalSpec(id=1, title="Seed", purpose="business", categories=["introducer", "club"])
    assert data.gaps(goal) == category_gaps(goal, load_snapshots(session))


def test_cached_due_list_matches_due_list(session, people):
    data = MatchCache().get(session)
    settings = CadenceSettings()
    assert data.due(NOW, settings) == due_list(load_snapshots(session), NOW, settings)
    assert [item.name for item in data.due(NOW, settings)] == ["Priya Raman"]


def test_the_index_kept_on_disk_serves_the_next_process_until_contacts_change(
    session, people, tmp_path
):
    first = MatchCache(tmp_path)
    built = first.get(session)
    assert first.builds == 1 and (tmp_path / INDEX_FILE).is_file()
    second = MatchCache(tmp_path)
    loaded = second.get(session)
    assert second.builds == 0
    assert loaded.index.records == built.index.records
    goal = GoalSpec(id=1, title="Fintech role", purpose="career", keywords=["fintech"])
    me = MeProfile(name="Sam")
    assert (
        loaded.ranking(goal, me, NOW, 10).suggestions
        == built.ranking(goal, me, NOW, 10).suggestions
    )
    add_contact(session, "Ada Lovelace", headline="Mathematician")
    session.commit()
    third = MatchCache(tmp_path)
    third.get(session)
    assert (third.builds, third.updates) == (0, 1)


@pytest.mark.parametrize(
    "content", [b"", b"not a pickle", b"\x80\x05cos\nsystem\n(S'echo hi'\ntR."]
)
def test_a_damaged_or_foreign_index_file_is_rebuilt_and_never_run(
    session, people, tmp_path, content
):
    (tmp_path / INDEX_FILE).parent.mkdir(parents=True)
    (tmp_path / INDEX_FILE).write_bytes(content)
    cache = MatchCache(tmp_path)
    index = cache.get(session).index
    assert [index.document(d).name for d in range(len(index))] == ["Priya Raman", "Bob Plumber"]
    assert cache.builds == 1


def test_an_index_file_damaged_anywhere_is_rebuilt_without_an_error(session, people, tmp_path):
    MatchCache(tmp_path).get(session)
    whole = (tmp_path / INDEX_FILE).read_bytes()
    for cut in range(1, len(whole), max(1, len(whole) // 40)):
        flipped = whole[:cut] + bytes([whole[cut] ^ 0x5A]) + whole[cut + 1 :]
        for damaged in (whole[:cut], flipped):
            (tmp_path / INDEX_FILE).write_bytes(damaged)
            cache = MatchCache(tmp_path)
            assert len(cache.get(session).index) == 2


def test_mail_subjects_and_event_notes_become_topics(session, people):
    priya, _ = people
    touch(session, priya, "email_received", datetime(2026, 8, 2), "s1", "Head of Data roles")
    session.commit()
    snap = next(s for s in load_snapshots(session) if s.id == priya.id)
    assert [(t.text, t.kind) for t in snap.topics][:1] == [("Head of Data roles", "email_received")]


GOALS = [
    GoalSpec(id=1, title="Fintech role", purpose="career", keywords=["fintech", "recruiter"]),
    GoalSpec(
        id=2, title="Streaming", purpose="industry_insight", keywords=["Kafka", "Flink", "data"]
    ),
    GoalSpec(id=3, title="Monzo", purpose="career", organisations=["Monzo"], strategy="both"),
    GoalSpec(
        id=4, title="Mentors", purpose="industry_insight", categories=["mentor", "introducer"]
    ),
]


def assert_ranks_as_built_anew(session, index) -> None:
    built = build_index(load_snapshots(session))
    me = MeProfile(name="Sam", employers=["Monzo"])
    for goal in GOALS:
        ours, anew = (rank_contacts(goal, i, me, now=NOW) for i in (index, built))
        assert (ours.suggestions, ours.also) == (anew.suggestions, anew.also), goal.title


@pytest.mark.parametrize("change", STORE_CHANGES)
def test_one_change_updates_the_index_instead_of_building_it_and_ranks_as_built_anew(
    session, people, event_with_people, change
):
    cache = MatchCache()
    cache.get(session)
    make_change(session, people, event_with_people, change)
    session.commit()
    data = cache.get(session)
    assert (cache.builds, cache.updates) == (1, 1)
    assert_ranks_as_built_anew(session, data.index)


def test_bulk_edits_and_deletions_that_name_their_contacts_update_the_index(session, people):
    priya, bob = people
    cache = MatchCache()
    cache.get(session)
    set_tier(session, [bob.id], "maintain")
    add_category(session, [bob.id], "mentor")
    session.commit()
    assert_ranks_as_built_anew(session, cache.get(session).index)
    delete_contacts(session, [priya.id])
    session.commit()
    assert_ranks_as_built_anew(session, cache.get(session).index)
    assert (cache.builds, cache.updates) == (1, 2)


def test_a_write_that_does_not_say_which_contacts_it_touched_builds_the_index_anew(session, people):
    cache = MatchCache()
    cache.get(session)
    count_change(session)
    session.commit()
    cache.get(session)
    assert (cache.builds, cache.updates) == (2, 0)


def test_a_write_the_counter_missed_builds_the_index_anew(session, people):
    cache = MatchCache()
    cache.get(session)
    session.execute(update(Contact).values(headline="Kafka engineer"))
    session.commit()
    assert_ranks_as_built_anew(session, cache.get(session).index)
    assert (cache.builds, cache.updates) == (2, 0)


def test_an_index_older_than_the_change_log_reaches_is_built_anew(session, people):
    cache = MatchCache()
    cache.get(session)
    people[1].tier = "maintain"
    session.commit()
    session.execute(delete(ContactChange))  # as if kept for fewer changes than were made
    people[1].tier = "strengthen"
    session.commit()
    cache.get(session)
    assert (cache.builds, cache.updates) == (2, 0)
