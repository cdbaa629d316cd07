"""Relationship cadence per tier, the due list, and this week's actions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.errors import OutreachError
from helper.records import ContactSnapshot, GoalSpec, ProfileRecord, RelationshipStats
from helper.strategy.cadence import (
    Action,
    CadenceSettings,
    DueItem,
    OpenFollowUp,
    due_list,
    due_status,
    next_due,
    this_week_actions,
)
from helper.strategy.matching import Suggestion

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def contact(contact_id: int, tier: str, last_days_ago: float | None) -> ContactSnapshot:
    last = None if last_days_ago is None else days_ago(last_days_ago)
    return ContactSnapshot(
        id=contact_id,
        profile=ProfileRecord(name=f"Person {contact_id}"),
        tier=tier,
        stats=RelationshipStats(sent=1 if last else 0, last_contact=last),
    )


def test_next_due_is_the_last_interaction_plus_the_tiers_cadence():
    last = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    assert next_due(last, "strengthen") == datetime(2026, 11, 15, 9, 0, tzinfo=UTC)
    assert next_due(last, "maintain") == datetime(2027, 1, 30, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("tier", ["let_go", "unset"])
def test_tiers_without_a_cadence_are_never_due(tier):
    assert next_due(days_ago(1000), tier) is None
    assert due_status(days_ago(1000), tier, NOW) == "ok"
    assert due_status(None, tier, NOW) == "ok"


def test_a_contact_never_touched_has_no_next_due_and_is_never_contacted():
    assert next_due(None, "strengthen") is None
    assert due_status(None, "strengthen", NOW) == "never"


@pytest.mark.parametrize(
    ("tier", "elapsed_days", "status"),
    [
        ("strengthen", 13, "ok"),
        ("strengthen", 14, "due"),
        ("strengthen", 20.9, "due"),
        ("strengthen", 21, "overdue"),
        ("maintain", 89, "ok"),
        ("maintain", 90, "due"),
        ("maintain", 134, "due"),
        ("maintain", 135, "overdue"),
    ],
)
def test_due_from_the_ideal_period_and_overdue_past_the_maximum(tier, elapsed_days, status):
    assert due_status(days_ago(elapsed_days), tier, NOW) == status


def test_cadence_and_overdue_factor_are_configurable():
    weekly = CadenceSettings(tier_days={"strengthen": 7, "maintain": 30}, overdue_factor=2.0)
    assert due_status(days_ago(6), "strengthen", NOW, weekly) == "ok"
    assert due_status(days_ago(7), "strengthen", NOW, weekly) == "due"
    assert due_status(days_ago(14), "strengthen", NOW, weekly) == "overdue"
    assert next_due(days_ago(30), "maintain", weekly) == NOW


def test_a_naive_last_interaction_is_read_as_utc():
    naive = datetime(2026, 11, 1, 12, 0)
    assert due_status(naive, "strengthen", NOW) == "overdue"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"tier_days": {"strengthen": 0}}, "a cadence must be at least one day"),
        ({"overdue_factor": 0.5}, "the overdue factor must be 1 or more"),
    ],
)
def test_impossible_cadence_settings_are_refused(options, message):
    with pytest.raises(OutreachError, match=message):
        CadenceSettings(**options)


def test_the_due_list_spans_tiers_most_urgent_first():
    contacts = [
        contact(1, "strengthen", 30),
        contact(2, "maintain", 200),
        contact(3, "strengthen", None),
        contact(4, "maintain", None),
        contact(5, "maintain", 95),
        contact(6, "strengthen", 5),
        contact(7, "let_go", 1000),
        contact(8, "unset", None),
    ]
    items = due_list(contacts, NOW)
    assert [(i.contact_id, i.status) for i in items] == [
        (2, "overdue"),
        (1, "overdue"),
        (3, "never"),
        (4, "never"),
        (5, "due"),
    ]
    assert items[1] == DueItem(
        contact_id=1,
        name="Person 1",
        tier="strengthen",
        status="overdue",
        cadence_days=14,
        last_interaction=days_ago(30),
        next_due=days_ago(16),
        days_late=16,
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["strengthen", "maintain", "let_go", "unset"]),
            st.one_of(st.none(), st.floats(0, 3000)),
        ),
        max_size=30,
    )
)
def test_the_due_list_holds_exactly_the_contacts_that_need_a_touch(rows):
    contacts = [contact(n, tier, last) for n, (tier, last) in enumerate(rows)]
    items = due_list(contacts, NOW)
    expected = {c.id for c in contacts if due_status(c.stats.last_contact, c.tier, NOW) != "ok"}
    assert {i.contact_id for i in items} == expected
    order = {"overdue": 0, "never": 1, "due": 2}
    assert [order[i.status] for i in items] == sorted(order[i.status] for i in items)


# --- this week -------------------------------------------------------------------------------


def a_goal(goal_id: int, priority: int, **fields: object) -> GoalSpec:
    return GoalSpec(
        id=goal_id, title=f"Goal {goal_id}", purpose="career", priority=priority, **fields
    )  # type: ignore[arg-type]


def suggestion(contact_id: int, score: float) -> Suggestion:
    return Suggestion(
        contact_id, f"Person {contact_id}", score, [f"reason {contact_id}", "second", "third"]
    )


@pytest.fixture
def week() -> dict:
    goals = [
        a_goal(1, 1, horizon_ends={"short": date(2026, 12, 1)}),
        a_goal(2, 4),
        a_goal(3, 1, status="paused"),
    ]
    suggestions = {
        1: [suggestion(11, 0.9), suggestion(12, 0.5), suggestion(13, 0.4), suggestion(14, 0.3)],
        2: [suggestion(21, 0.95)],
        3: [suggestion(31, 1.0)],
    }
    contacts = [
        contact(41, "strengthen", 24),
        contact(42, "maintain", 100),
        contact(43, "strengthen", None),
        contact(11, "maintain", 95),
    ]
    return {"goals": goals, "suggestions": suggestions, "due": due_list(contacts, NOW)}


def test_this_weeks_actions_rank_by_priority_horizon_and_overdue_cadence(week):
    actions = this_week_actions(week["goals"], week["suggestions"], week["due"], NOW)
    # The people due a touch come first, then the goals' steps, each most urgent first.
    assert [(a.kind, a.contact_id, a.goal_id) for a in actions] == [
        ("keep_in_touch", 41, None),
        ("keep_in_touch", 43, None),
        ("keep_in_touch", 42, None),
        ("reach_out", 11, 1),
        ("reach_out", 12, 1),
        ("reach_out", 13, 1),
        ("reach_out", 21, 2),
    ]


def test_each_action_has_a_human_title_and_links_its_contact_and_goal(week):
    actions = {
        a.contact_id: a
        for a in this_week_actions(week["goals"], week["suggestions"], week["due"], NOW)
    }
    assert actions[11] == Action(
        kind="reach_out",
        title="Reach out to Person 11 for 'Goal 1'",
        detail="reason 11; second",
        contact_id=11,
        goal_id=1,
        urgency=pytest.approx((0.5 + 0.5 / (1 + 5 / 30)) * 0.95),
    )
    assert actions[41].title == "Get back in touch with Person 41"
    assert actions[41].detail == "last contact 3 weeks ago; strengthen every 14 days"
    assert actions[42].title == "Catch up with Person 42"
    assert actions[43].title == "Make a first contact with Person 43"
    assert actions[43].detail == "marked 'strengthen', no interaction yet"


def test_this_week_holds_at_most_ten_actions_and_one_per_contact():
    goals = [a_goal(1, 2)]
    many = {1: [suggestion(n, 0.5) for n in range(30)]}
    due = due_list([contact(n, "strengthen", None) for n in range(30)], NOW)
    actions = this_week_actions(goals, many, due, NOW)
    assert len(actions) == 10
    assert len({a.contact_id for a in actions}) == 10
    assert len(this_week_actions(goals, many, due, NOW, limit=4)) == 4


def test_inactive_goals_and_unknown_goal_ids_bring_no_actions(week):
    actions = this_week_actions(
        week["goals"], {3: [suggestion(31, 1.0)], 99: [suggestion(5, 1.0)]}, [], NOW
    )
    assert actions == []


def test_follow_ups_come_first_overdue_marked_and_a_later_one_waits(week):
    london = ZoneInfo("Europe/London")
    planned = [
        OpenFollowUp(
            7, 41, "Person 41", "Thank Person 41", datetime(2026, 11, 20, 9, tzinfo=london)
        ),
        OpenFollowUp(8, 50, "Person 50", "Check in with Person 50", NOW.astimezone(london)),
        OpenFollowUp(9, 51, "Person 51", "Check in with Person 51", NOW + timedelta(days=10)),
    ]
    actions = this_week_actions(
        week["goals"], week["suggestions"], week["due"], NOW, followups=planned
    )
    assert [(a.kind, a.status, a.followup_id) for a in actions[:2]] == [
        ("follow_up", "overdue", 7),
        ("follow_up", "due", 8),
    ]
    assert actions[0].detail == "Person 41: was due Fri 20 Nov"
    assert 51 not in {a.contact_id for a in actions}
    # Person 41 was also due a keep-in-touch touch: the follow-up stands for it.
    assert [a.kind for a in actions if a.contact_id == 41] == ["follow_up"]
