"""Golden drafts: six fixture contacts on every channel, reviewed by a person and stored in
tests/data/drafts/<contact>/<channel>.txt. A change shows as a unified diff; after reviewing
it, regenerate with UPDATE_GOLDEN=1 python -m pytest tests/test_drafting_golden.py."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from helper.drafting import Draft, SharedContext, compose_draft
from helper.records import ContactSnapshot, Education, GoalSpec, MeProfile, Position, ProfileRecord
from helper.vocabulary import CHANNELS

GOLDEN = Path(__file__).parent / "data" / "drafts"
TODAY = date(2026, 12, 2)


def sam(**changes: object) -> MeProfile:
    me = MeProfile(
        name="Sam Carter",
        headline="Head of Growth at Acme Analytics",
        employers=["Acme Analytics"],
        former_employers=["McKinsey & Company"],
        pitch=(
            "I lead growth at Acme Analytics, where we help mid-sized retailers forecast "
            "demand. Before that I spent five years in strategy consulting"
        ),
        offer="an introduction to our data engineering team",
        signature="Sam Carter\nHead of Growth, Acme Analytics\n+44 20 7946 0000",
        schools=["University of Leeds"],
        location="Manchester, United Kingdom",
    )
    for name, value in changes.items():
        setattr(me, name, value)
    return me


@dataclass
class Case:
    contact: ContactSnapshot
    me: MeProfile
    goal: GoalSpec | None
    shared: SharedContext | None = None


def _profile(**fields: object) -> ContactSnapshot:
    return ContactSnapshot(id=1, profile=ProfileRecord(**fields))  # type: ignore[arg-type]


CASES: dict[str, Case] = {
    # A former colleague who changed career; the user wants a career move.
    "former_colleague_career": Case(
        _profile(
            name="Dr. Priya Raman",
            current_title="Head of Data",
            current_company="Globex",
            emails=["priya@globex.example"],
            positions=[
                Position("Head of Data", "Globex", "2022", ""),
                Position("Engagement Manager", "McKinsey & Company", "2017", "2022"),
            ],
            education=[Education("University of Cambridge", "MPhil Economics")],
        ),
        sam(),
        GoalSpec(
            id=1,
            title="Move into product analytics",
            purpose="career",
            keywords=["product analytics"],
            organisations=["Globex"],
            aim="a move into product analytics",
        ),
    ),
    # Met at a conference; the user is looking for customers.
    "met_at_event_business": Case(
        _profile(
            name="Tomás Oliveira",
            current_title="VP Engineering",
            current_company="Northwind Retail",
            location="Lisbon, Portugal",
            positions=[Position("VP Engineering", "Northwind Retail", "2021", "")],
            skills=["Demand forecasting"],
        ),
        sam(),
        GoalSpec(
            id=2,
            title="Win three retail customers",
            purpose="business",
            keywords=["demand forecasting"],
            aim="finding three retailers to pilot our demand forecasts",
        ),
        SharedContext(event_met_at="Web Summit Lisbon"),
    ),
    # A current colleague in another team, for an expert group; a non-Latin name.
    "colleague_expert_team": Case(
        _profile(
            name="张伟",
            current_title="Staff Machine Learning Engineer",
            current_company="Acme Analytics",
            positions=[
                Position("Staff Machine Learning Engineer", "Acme Analytics", "2023", ""),
                Position("Research Scientist", "Baidu", "2018", "2023"),
            ],
        ),
        sam(),
        GoalSpec(
            id=3,
            title="ML reliability guild",
            purpose="expert_team",
            keywords=["ML reliability"],
            aim="starting a guild on machine-learning reliability",
        ),
    ),
    # Nobody's name is known, only the role: industry research.
    "nameless_industry_insight": Case(
        _profile(
            headline="Procurement Lead at Initech",
            current_title="Procurement Lead",
            current_company="Initech",
        ),
        sam(),
        GoalSpec(
            id=4,
            title="Understand retail procurement",
            purpose="industry_insight",
            keywords=["retail procurement"],
            aim="understanding how retailers choose their analytics suppliers",
        ),
    ),
    # Reached through an introducer; shared school; looking for a sponsor.
    "introduced_sponsorship": Case(
        _profile(
            name="Amara Okafor",
            current_title="Chief Operating Officer",
            current_company="Fabrikam",
            positions=[
                Position("Chief Operating Officer", "Fabrikam", "2020", ""),
                Position("Operations Director", "Fabrikam", "2016", "2020"),
            ],
            education=[Education("University of Leeds", "BA History")],
        ),
        sam(),
        GoalSpec(
            id=5,
            title="Sponsor for the retail data programme",
            purpose="sponsorship",
            keywords=["retail data"],
            aim="finding a sponsor for our retail data programme",
        ),
        SharedContext(introducer="Daniel Kim"),
    ),
    # Little more than a name and a town; no goal; a free LinkedIn account; an offer in the
    # user's own words.
    "local_no_goal": Case(
        _profile(name="Mr Jones", location="Manchester, UK"),
        sam(linkedin_note_limit=200, offer="I'm happy to share our list of local suppliers"),
        None,
    ),
}


def render_golden(draft: Draft) -> str:
    limit = f"/{draft.limit}" if draft.limit is not None else ""
    questions = "\n".join(f"- {question}" for question in draft.questions)
    warnings = "\n".join(f"! {warning}" for warning in draft.warnings)
    return (
        f"Subject: {draft.subject or '(none)'}\n"
        f"Length: {draft.length}{limit} {draft.unit}\n"
        f"\n{draft.body}\n\nQuestions:\n{questions}\n"
        + (f"\nWarnings:\n{warnings}\n" if warnings else "")
    )


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("name", list(CASES))
def test_the_draft_matches_the_reviewed_golden_file(name: str, channel: str) -> None:
    case = CASES[name]
    draft = compose_draft(
        case.contact, channel, case.me, case.goal, shared=case.shared, today=TODAY
    )
    actual = render_golden(draft)
    path = GOLDEN / name / f"{channel}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{path} (reviewed)",
            tofile=f"{name} on {channel} (now)",
        )
        pytest.fail("the draft changed:\n" + "".join(diff), pytrace=False)
