"""Goals and their pipelines in the store."""

from __future__ import annotations

from datetime import date

import pytest

from helper.errors import NotFound, OutreachError
from helper.store.contacts import ContactInput, create_contact
from helper.store.goals import (
    GoalInput,
    create_goal,
    get_goal,
    goal_input,
    goal_json,
    goal_spec,
    goal_stages,
    list_goals,
    move_stage,
    pipeline_entries,
    shortlist,
    update_goal,
)
from helper.strategy.matching import Suggestion, default_categories
from helper.vocabulary import PURPOSES


def goal(session, **fields):
    data = {"title": "Find a fintech role", "purpose": "career", **fields}
    return create_goal(session, GoalInput(**data))


@pytest.mark.parametrize("purpose", PURPOSES)
def test_a_goal_without_categories_gets_its_purposes_defaults(session, purpose):
    created = goal(session, purpose=purpose)
    assert created.categories == default_categories(purpose)


def test_chosen_categories_keywords_and_organisations_are_kept_once_each(session):
    created = goal(
        session,
        categories=["mentor", "mentor"],
        keywords=[" fintech ", "fintech", "", "payments"],
        organisations=["Monzo", "Monzo"],
    )
    assert created.categories == ["mentor"]
    assert created.keywords == ["fintech", "payments"]
    assert created.organisations == ["Monzo"]


def test_the_spec_has_only_the_horizons_with_a_target_or_date(session):
    created = goal(
        session,
        priority=1,
        targets={"short": 3, "medium": 0, "long": 10},
        horizon_ends={"short": date(2027, 1, 31), "medium": None, "long": date(2027, 12, 31)},
        deadline=date(2027, 6, 30),
    )
    spec = goal_spec(created)
    assert spec.targets == {"short": 3, "long": 10}
    assert spec.horizon_ends == {"short": date(2027, 1, 31), "long": date(2027, 12, 31)}
    assert (spec.priority, spec.deadline, spec.status) == (1, date(2027, 6, 30), "active")


def test_goal_input_round_trips_through_update(session):
    created = goal(session, targets={"short": 2}, keywords=["fintech"])
    data = goal_input(created)
    data.title = "Find a payments role"
    update_goal(session, created, data)
    assert created.title == "Find a payments role"
    assert goal_spec(created).targets == {"short": 2}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "  "}, "give the goal a title"),
        ({"purpose": "fame"}, "unknown purpose 'fame'"),
        ({"priority": 0}, "priority must be 1 (highest) to 5, not 0"),
        ({"targets": {"short": -1}}, "the short-term target must be 0 or more, not -1"),
        ({"categories": ["plumber"]}, "unknown category 'plumber'"),
        ({"status": "someday"}, "unknown status 'someday'"),
        (
            {"targets": {"short": 5, "medium": 3}},
            "the medium-term target (3) is smaller than the short-term one (5)",
        ),
        (
            {"horizon_ends": {"short": date(2027, 6, 1), "long": date(2027, 1, 1)}},
            "the long-term horizon ends (2027-01-01) before the short-term one (2027-06-01)",
        ),
    ],
)
def test_a_wrong_goal_is_refused_with_the_reason(session, fields, message):
    with pytest.raises(OutreachError) as error:
        goal(session, **fields)
    assert message in str(error.value)
    assert list_goals(session) == []


def test_goals_list_active_first_then_by_priority(session):
    low = goal(session, title="Low", priority=5)
    paused = goal(session, title="Paused", priority=1, status="paused")
    high = goal(session, title="High", priority=1)
    assert [g.title for g in list_goals(session)] == ["High", "Low", "Paused"]
    assert list_goals(session, active_only=True) == [high, low]
    assert paused not in list_goals(session, active_only=True)


def test_an_unknown_goal_is_not_found(session):
    with pytest.raises(NotFound, match="there is no goal with id 99"):
        get_goal(session, 99)


@pytest.fixture
def pipeline_goal(session):
    created = goal(session, targets={"short": 2, "long": 5})
    ada = create_contact(session, ContactInput(name="Ada"))
    bob = create_contact(session, ContactInput(name="Bob"))
    return created, ada, bob


def test_shortlisting_keeps_the_score_and_reasons_it_was_suggested_for(session, pipeline_goal):
    created, ada, _ = pipeline_goal
    reasons = ["recruiter — goal wants recruiters"]
    link = shortlist(session, created, ada, Suggestion(ada.id, "Ada", 0.8, reasons))
    assert (link.stage, link.score, link.reasons) == ("shortlisted", 0.8, reasons)


def test_shortlisting_someone_further_along_keeps_their_stage(session, pipeline_goal):
    created, ada, _ = pipeline_goal
    shortlist(session, created, ada, None)
    move_stage(session, created, ada.id, "replied")
    assert shortlist(session, created, ada, None).stage == "replied"
    assert len(pipeline_entries(session, created.id)) == 1


def test_moving_between_stages_and_the_progress_it_makes(session, pipeline_goal):
    created, ada, bob = pipeline_goal
    shortlist(session, created, ada, None)
    shortlist(session, created, bob, None)
    move_stage(session, created, ada.id, "contacted")
    document = goal_json(created, goal_stages(session, [created.id])[created.id])
    assert document["reached"] == 1
    assert document["progress"] == [
        {"horizon": "short", "target": 2, "reached": 1, "remaining": 1, "ends": None},
        {"horizon": "long", "target": 5, "reached": 1, "remaining": 4, "ends": None},
    ]
    entries = pipeline_entries(session, created.id)
    assert [(e.name, e.stage) for e in entries] == [("Bob", "shortlisted"), ("Ada", "contacted")]


def test_an_unknown_stage_is_refused(session, pipeline_goal):
    created, ada, _ = pipeline_goal
    shortlist(session, created, ada, None)
    with pytest.raises(OutreachError, match="unknown stage 'won'"):
        move_stage(session, created, ada.id, "won")


def test_moving_someone_not_in_the_pipeline_is_not_found(session, pipeline_goal):
    created, _, bob = pipeline_goal
    with pytest.raises(NotFound, match=f"contact {bob.id} is not in the pipeline"):
        move_stage(session, created, bob.id, "contacted")


def test_the_goal_json_names_every_field(session):
    created = goal(
        session, keywords=["fintech"], organisations=["Monzo"], deadline=date(2027, 1, 1)
    )
    document = goal_json(created, {})
    assert document["id"] == created.id
    assert document["title"] == "Find a fintech role"
    assert document["purpose"] == "career"
    assert document["deadline"] == "2027-01-01"
    assert set(document) >= {
        "priority",
        "targets",
        "strategy",
        "scope",
        "keywords",
        "organisations",
        "categories",
        "status",
        "progress",
    }


def test_a_goal_without_an_aim_gets_one_suggested_from_its_title_and_marked_unchecked(session):
    created = goal(session, title="Move into platform leadership")
    assert (created.aim, created.aim_checked) == ("moving into platform leadership", False)
    assert goal_spec(created).aim == "moving into platform leadership"


def test_an_aim_pitch_offer_and_ask_given_are_kept_and_the_aim_counts_as_checked(session):
    created = goal(
        session,
        aim="a move into fintech product management",
        pitch="I lead a payments data team.",
        offer="my notes from 40 product interviews",
        ask="Could you tell me how your team hires PMs?",
    )
    document = goal_json(created, {})
    assert created.aim_checked is True
    assert {key: document[key] for key in ("aim", "aim_checked", "pitch", "offer", "ask")} == {
        "aim": "a move into fintech product management",
        "aim_checked": True,
        "pitch": "I lead a payments data team.",
        "offer": "my notes from 40 product interviews",
        "ask": "Could you tell me how your team hires PMs?",
    }
    assert goal_input(created).aim == "a move into fintech product management"


def test_an_aim_longer_than_a_line_is_refused(session):
    with pytest.raises(OutreachError, match="the aim is over 300 characters"):
        goal(session, aim="x" * 301)
