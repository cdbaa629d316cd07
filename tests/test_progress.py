"""Goal progress per horizon, the pipeline by stage, and the categories a goal lacks."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.errors import OutreachError
from helper.records import ContactSnapshot, GoalSpec, ProfileRecord
from helper.strategy.progress import (
    REACHED_STAGES,
    Gap,
    HorizonProgress,
    category_advice,
    category_gaps,
    horizon_progress,
    pipeline,
)
from helper.vocabulary import GOAL_STAGES

ENDS = {"short": date(2026, 12, 31), "medium": date(2027, 6, 30), "long": date(2028, 12, 31)}


def goal(**fields: object) -> GoalSpec:
    defaults: dict[str, object] = {
        "id": 4,
        "title": "Find a new role",
        "purpose": "career",
        "targets": {"short": 3, "medium": 10, "long": 25},
        "horizon_ends": ENDS,
    }
    return GoalSpec(**{**defaults, **fields})  # type: ignore[arg-type]


def contact(contact_id: int, *categories: str, tier: str = "unset") -> ContactSnapshot:
    return ContactSnapshot(
        id=contact_id,
        profile=ProfileRecord(name=f"Person {contact_id}"),
        categories=list(categories),
        tier=tier,
    )


STAGES = {
    1: "suggested",
    2: "shortlisted",
    3: "contacted",
    4: "replied",
    5: "met",
    6: "ongoing",
    7: "dropped",
}


def test_contacts_that_reached_at_least_contacted_count_towards_each_horizon():
    assert horizon_progress(goal(), STAGES) == [
        HorizonProgress("short", 3, 4, 0, ENDS["short"]),
        HorizonProgress("medium", 10, 4, 6, ENDS["medium"]),
        HorizonProgress("long", 25, 4, 21, ENDS["long"]),
    ]


def test_suggested_shortlisted_and_dropped_contacts_do_not_count():
    stages = {1: "suggested", 2: "shortlisted", 3: "dropped"}
    assert [p.reached for p in horizon_progress(goal(), stages)] == [0, 0, 0]
    assert {"contacted", "replied", "met", "ongoing"} == REACHED_STAGES


def test_moving_a_contact_to_contacted_advances_the_bar():
    before = horizon_progress(goal(), {1: "shortlisted"})[1]
    after = horizon_progress(goal(), {1: "contacted"})[1]
    assert (before.reached, after.reached) == (0, 1)
    assert after.fraction == pytest.approx(0.1)


def test_the_bar_is_full_and_nothing_remains_once_the_target_is_passed():
    progress = horizon_progress(goal(targets={"short": 2}), STAGES)
    assert progress == [HorizonProgress("short", 2, 4, 0, ENDS["short"])]
    assert progress[0].fraction == 1.0


def test_horizons_without_a_target_are_left_out_and_a_missing_end_is_none():
    progress = horizon_progress(goal(targets={"medium": 5, "long": 0}, horizon_ends={}), {})
    assert progress == [HorizonProgress("medium", 5, 0, 5, None)]


def test_a_negative_target_is_refused_with_the_goal_named():
    with pytest.raises(OutreachError, match="goal 4: the short-term target must be 0 or more"):
        horizon_progress(goal(targets={"short": -1}), {})


def test_an_unknown_stage_is_refused_with_the_contact_named():
    with pytest.raises(OutreachError, match="contact 9: unknown stage 'waiting'"):
        horizon_progress(goal(), {9: "waiting"})
    with pytest.raises(OutreachError, match="contact 9: unknown stage 'waiting'"):
        pipeline({9: "waiting"})


def test_the_pipeline_counts_every_stage_in_order_including_empty_ones():
    counts = pipeline({1: "contacted", 2: "contacted", 3: "met"})
    assert list(counts) == list(GOAL_STAGES)
    assert counts == {
        "suggested": 0,
        "shortlisted": 0,
        "contacted": 2,
        "replied": 0,
        "met": 1,
        "ongoing": 0,
        "dropped": 0,
    }


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.integers(1, 500), st.sampled_from(GOAL_STAGES), max_size=40))
def test_the_pipeline_accounts_for_every_contact_and_progress_never_goes_negative(stages):
    assert sum(pipeline(stages).values()) == len(stages)
    for horizon in horizon_progress(goal(), stages):
        assert horizon.remaining >= 0
        assert horizon.reached + horizon.remaining >= horizon.target
        assert 0.0 <= horizon.fraction <= 1.0


def test_gaps_are_wanted_categories_with_no_or_few_contacts_emptiest_first():
    contacts = [
        contact(1, "recruiter"),
        contact(2, "recruiter"),
        contact(3, "recruiter"),
        contact(4, "mentor"),
        contact(5, "colleague", "mentor"),
    ]
    gaps = category_gaps(goal(categories=["recruiter", "mentor", "introducer"]), contacts)
    assert [(g.category, g.count) for g in gaps] == [("introducer", 0), ("mentor", 2)]
    assert gaps[0] == Gap("introducer", "Introducer", 0, category_advice("introducer"))
    assert "Make a list of the ones you already know." in gaps[0].advice


def test_let_go_contacts_do_not_fill_a_gap():
    contacts = [contact(n, "introducer", tier="let_go") for n in range(5)]
    gaps = category_gaps(goal(categories=["introducer"]), contacts)
    assert [(g.category, g.count) for g in gaps] == [("introducer", 0)]


def test_gaps_use_the_purposes_defaults_and_a_configurable_threshold():
    contacts = [contact(1, "recruiter")]
    gaps = category_gaps(goal(categories=[]), contacts, enough=1)
    assert [g.category for g in gaps] == ["mentor", "colleague", "introducer"]
