"""How scope, strategy and tier adjust a suggestion, and how history reads in a reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.records import MeProfile, RelationshipStats
from helper.strategy.context import (
    describe_history,
    effective_scope,
    relationship_strength,
    tier_factor,
    time_ago,
)
from helper.strategy.matching import MatchWeights

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
WEIGHTS = MatchWeights()


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0.5, "today"),
        (1, "yesterday"),
        (5, "5 days ago"),
        (21, "3 weeks ago"),
        (100, "3 months ago"),
        (400, "13 months ago"),
        (800, "2 years ago"),
    ],
)
def test_time_ago_reads_like_a_person_would_say_it(days, text):
    assert time_ago(NOW - timedelta(days=days), NOW) == text


def test_a_time_in_the_future_reads_as_today_and_a_naive_time_as_utc():
    assert time_ago(NOW + timedelta(days=3), NOW) == "today"
    assert time_ago(datetime(2026, 11, 19, 12, 0), NOW) == "7 days ago"


@pytest.mark.parametrize(
    ("stats", "text"),
    [
        (RelationshipStats(sent=12, received=11, met=3), "you exchanged 23 emails and met 3 times"),
        (RelationshipStats(sent=1), "you sent 1 email"),
        (RelationshipStats(received=4, met=1), "they sent you 4 emails and met once"),
        (RelationshipStats(met=2), "you met 2 times"),
    ],
)
def test_history_names_emails_and_meetings(stats, text):
    assert describe_history(stats, NOW) == text


def test_history_says_when_the_last_contact_was():
    stats = RelationshipStats(sent=2, received=1, last_contact=NOW - timedelta(days=21))
    assert describe_history(stats, NOW) == "you exchanged 3 emails, last 3 weeks ago"


def test_no_history_has_no_strength_and_recent_busy_history_is_strong():
    assert relationship_strength(RelationshipStats(), NOW, WEIGHTS) == 0.0
    busy = RelationshipStats(sent=20, received=20, met=5, last_contact=NOW)
    assert relationship_strength(busy, NOW, WEIGHTS) == pytest.approx(1.0)


def test_strength_fades_with_time_but_not_to_nothing():
    recent = RelationshipStats(sent=10, received=10, last_contact=NOW - timedelta(days=7))
    old = RelationshipStats(sent=10, received=10, last_contact=NOW - timedelta(days=1500))
    assert relationship_strength(recent, NOW, WEIGHTS) > relationship_strength(old, NOW, WEIGHTS)
    assert relationship_strength(old, NOW, WEIGHTS) > 0.3


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 500),
    st.integers(0, 500),
    st.integers(0, 50),
    st.one_of(st.none(), st.integers(-30, 5000)),
)
def test_strength_stays_within_bounds(sent, received, met, days):
    last = None if days is None else NOW - timedelta(days=days)
    stats = RelationshipStats(sent=sent, received=received, met=met, last_contact=last)
    assert 0.0 <= relationship_strength(stats, NOW, WEIGHTS) <= 1.0


def test_scope_applies_only_once_you_say_where_you_work():
    assert effective_scope("internal", MeProfile()) == "both"
    assert effective_scope("internal", MeProfile(domains=["northwind.io"])) == "internal"


def test_only_the_strengthen_tier_keeps_its_full_score():
    assert tier_factor("strengthen", WEIGHTS) == 1.0
    assert tier_factor("maintain", WEIGHTS) == tier_factor("unset", WEIGHTS) < 1.0
