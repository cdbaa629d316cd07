"""Reading and writing goals and the people in each goal's pipeline (steps 1-4 of the method)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from helper.db.models import Contact, Goal, GoalContact
from helper.drafting import suggest_aim
from helper.errors import NotFound, OutreachError
from helper.records import GoalSpec
from helper.strategy.matching import Suggestion, default_categories
from helper.strategy.progress import REACHED_STAGES, HorizonProgress, horizon_progress
from helper.vocabulary import (
    CATEGORIES,
    GOAL_STAGES,
    GOAL_STATUSES,
    HORIZONS,
    PURPOSES,
    SCOPES,
    STRATEGIES,
)

PRIORITIES = range(1, 6)
MAX_AIM_CHARS = 300
MAX_WORDING_CHARS = 5_000


@dataclass
class GoalInput:
    """What the goal form (or `goals add`) says a goal is."""

    title: str
    purpose: str
    priority: int = 3
    targets: dict[str, int] = field(default_factory=dict)
    horizon_ends: dict[str, date | None] = field(default_factory=dict)
    strategy: str = "both"
    scope: str = "both"
    keywords: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    deadline: date | None = None
    status: str = "active"
    aim: str = ""
    pitch: str = ""
    offer: str = ""
    ask: str = ""


@dataclass(frozen=True)
class PipelineEntry:
    contact_id: int
    name: str
    stage: str
    score: float
    reasons: list[str]


def check_goal_input(data: GoalInput) -> None:
    """Raise an `OutreachError` naming the first thing wrong with a goal."""
    if not data.title.strip():
        raise OutreachError("give the goal a title")
    _one_of("purpose", data.purpose, PURPOSES)
    _one_of("strategy", data.strategy, STRATEGIES)
    _one_of("scope", data.scope, SCOPES)
    _one_of("status", data.status, GOAL_STATUSES)
    for key in data.categories:
        _one_of("category", key, CATEGORIES)
    if len(data.aim.strip()) > MAX_AIM_CHARS:
        raise OutreachError(f"the aim is over {MAX_AIM_CHARS} characters; say it in a line")
    for what, text in (("pitch", data.pitch), ("offer", data.offer), ("ask", data.ask)):
        if len(text.strip()) > MAX_WORDING_CHARS:
            raise OutreachError(f"the goal's {what} is over {MAX_WORDING_CHARS:,} characters")
    if data.priority not in PRIORITIES:
        raise OutreachError(
            f"priority must be 1 (highest) to 5, not {data.priority}", value=str(data.priority)
        )
    for horizon, target in data.targets.items():
        _one_of("horizon", horizon, HORIZONS)
        if target < 0:
            raise OutreachError(
                f"the {horizon}-term target must be 0 or more, not {target}", value=str(target)
            )
    _check_increasing(
        data.targets,
        "the {after}-term target ({high}) is smaller than the {before}-term one ({low}); "
        "targets add up, so a later horizon includes the people of the earlier one",
    )
    _check_increasing(
        data.horizon_ends,
        "the {after}-term horizon ends ({high}) before the {before}-term one ({low}); "
        "each horizon must end after the one before",
    )


def _one_of(what: str, value: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise OutreachError(
            f"unknown {what} '{value}'; expected one of {', '.join(allowed)}", value=value
        )


def _check_increasing(values: dict, message: str) -> None:
    given = [(h, values[h]) for h in HORIZONS if values.get(h)]
    for (before, low), (after, high) in pairwise(given):
        if high < low:
            raise OutreachError(
                message.format(after=after, high=high, before=before, low=low), value=str(high)
            )


def create_goal(session: Session, data: GoalInput) -> Goal:
    goal = Goal()
    _apply(goal, data)
    session.add(goal)
    session.flush()
    return goal


def update_goal(session: Session, goal: Goal, data: GoalInput) -> Goal:
    _apply(goal, data)
    session.flush()
    return goal


def _apply(goal: Goal, data: GoalInput) -> None:
    check_goal_input(data)
    goal.title = data.title.strip()
    goal.purpose = data.purpose
    goal.priority = data.priority
    for horizon in HORIZONS:
        setattr(goal, f"{horizon}_target", data.targets.get(horizon) or 0)
        setattr(goal, f"{horizon}_ends", data.horizon_ends.get(horizon))
    goal.strategy, goal.scope, goal.status = data.strategy, data.scope, data.status
    goal.keywords = _distinct(data.keywords)
    goal.organisations = _distinct(data.organisations)
    # No categories chosen means "the usual people for this purpose", written down so the
    # user sees and can change them.
    goal.categories = _distinct(data.categories) or default_categories(data.purpose)
    goal.deadline = data.deadline
    # No aim given: one is suggested from the title, and the goal's page asks for a check.
    goal.aim = data.aim.strip() or suggest_aim(data.purpose, goal.title)
    goal.aim_checked = bool(data.aim.strip())
    goal.pitch, goal.offer, goal.ask = data.pitch.strip(), data.offer.strip(), data.ask.strip()


def _distinct(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v.strip()))


def get_goal(session: Session, goal_id: int) -> Goal:
    goal = session.get(Goal, goal_id)
    if goal is None:
        raise NotFound(f"there is no goal with id {goal_id}")
    return goal


def list_goals(session: Session, *, active_only: bool = False) -> list[Goal]:
    """Active goals first, then by priority (1 first) and age."""
    statement = select(Goal).order_by(
        case((Goal.status == "active", 0), else_=1), Goal.priority, Goal.id
    )
    if active_only:
        statement = statement.where(Goal.status == "active")
    return list(session.scalars(statement))


def goal_input(goal: Goal) -> GoalInput:
    spec = goal_spec(goal)
    return GoalInput(
        title=spec.title,
        purpose=spec.purpose,
        priority=spec.priority,
        targets=dict(spec.targets),
        horizon_ends=dict(spec.horizon_ends),
        strategy=spec.strategy,
        scope=spec.scope,
        keywords=spec.keywords,
        organisations=spec.organisations,
        categories=spec.categories,
        deadline=spec.deadline,
        status=spec.status,
        aim=spec.aim,
        pitch=spec.pitch,
        offer=spec.offer,
        ask=spec.ask,
    )


def goal_spec(goal: Goal) -> GoalSpec:
    targets = {h: getattr(goal, f"{h}_target") or 0 for h in HORIZONS}
    ends = {h: getattr(goal, f"{h}_ends") for h in HORIZONS}
    return GoalSpec(
        id=goal.id,
        title=goal.title,
        purpose=goal.purpose,
        priority=goal.priority,
        targets={h: n for h, n in targets.items() if n},
        horizon_ends={h: d for h, d in ends.items() if d is not None},
        strategy=goal.strategy,
        scope=goal.scope,
        keywords=list(goal.keywords),
        organisations=list(goal.organisations),
        categories=list(goal.categories),
        deadline=goal.deadline,
        status=goal.status,
        aim=goal.aim or "",
        pitch=goal.pitch or "",
        offer=goal.offer or "",
        ask=goal.ask or "",
        aim_checked=bool(goal.aim_checked),
    )


def goal_stages(session: Session, goal_ids: Sequence[int]) -> dict[int, dict[int, str]]:
    """Per goal, contact id -> stage, for all the given goals in one query."""
    stages: dict[int, dict[int, str]] = {goal_id: {} for goal_id in goal_ids}
    rows = session.execute(
        select(GoalContact.goal_id, GoalContact.contact_id, GoalContact.stage).where(
            GoalContact.goal_id.in_(list(goal_ids))
        )
    )
    for goal_id, contact_id, stage in rows:
        stages[goal_id][contact_id] = stage
    return stages


def pipeline_entries(session: Session, goal_id: int) -> list[PipelineEntry]:
    """The people in a goal's pipeline, in stage order, best score first within a stage."""
    order = case({stage: n for n, stage in enumerate(GOAL_STAGES)}, value=GoalContact.stage)
    rows = session.execute(
        select(GoalContact, Contact.name)
        .join(Contact, Contact.id == GoalContact.contact_id)
        .where(GoalContact.goal_id == goal_id)
        .order_by(order, GoalContact.score.desc(), Contact.name)
    )
    return [
        PipelineEntry(link.contact_id, name, link.stage, link.score, list(link.reasons))
        for link, name in rows
    ]


def contact_goals(session: Session, contact_id: int) -> list[tuple[Goal, str]]:
    """The goals one contact is on, with their stage on each, active goals first."""
    rows = session.execute(
        select(Goal, GoalContact.stage)
        .join(GoalContact, GoalContact.goal_id == Goal.id)
        .where(GoalContact.contact_id == contact_id)
        .order_by(case((Goal.status == "active", 0), else_=1), Goal.priority, Goal.id)
    )
    return [(goal, stage) for goal, stage in rows]


def goal_json(goal: Goal, stages: dict[int, str]) -> dict:
    """The goal JSON: the contract's `id`, `title`, `purpose`, then everything else and progress."""
    spec = goal_spec(goal)
    return {
        "id": spec.id,
        "title": spec.title,
        "purpose": spec.purpose,
        "priority": spec.priority,
        "targets": spec.targets,
        "horizon_ends": {h: d.isoformat() for h, d in spec.horizon_ends.items()},
        "strategy": spec.strategy,
        "scope": spec.scope,
        "keywords": spec.keywords,
        "organisations": spec.organisations,
        "categories": spec.categories,
        "deadline": spec.deadline.isoformat() if spec.deadline else None,
        "status": spec.status,
        "aim": spec.aim,
        "aim_checked": goal.aim_checked,
        "pitch": spec.pitch,
        "offer": spec.offer,
        "ask": spec.ask,
        "progress": [_progress_json(p) for p in horizon_progress(spec, stages)],
        "reached": sum(1 for stage in stages.values() if stage in REACHED_STAGES),
    }


def _progress_json(progress: HorizonProgress) -> dict:
    return {
        "horizon": progress.horizon,
        "target": progress.target,
        "reached": progress.reached,
        "remaining": progress.remaining,
        "ends": progress.ends.isoformat() if progress.ends else None,
    }


def shortlist(
    session: Session, goal: Goal, contact: Contact, suggestion: Suggestion | None
) -> GoalContact:
    """Put a contact on the goal's shortlist with the score and reasons they were suggested
    for; a contact already further along keeps their stage."""
    link = _link(session, goal.id, contact.id)
    if link is None:
        link = GoalContact(goal_id=goal.id, contact_id=contact.id, stage="suggested")
        session.add(link)
    if link.stage in ("suggested", "dropped"):
        link.stage = "shortlisted"
    if suggestion is not None:
        link.score, link.reasons = suggestion.score, list(suggestion.reasons)
    session.flush()
    return link


def move_stage(session: Session, goal: Goal, contact_id: int, stage: str) -> GoalContact:
    _one_of("stage", stage, GOAL_STAGES)
    link = _link(session, goal.id, contact_id)
    if link is None:
        raise NotFound(f"contact {contact_id} is not in the pipeline of goal {goal.id}")
    link.stage = stage
    session.flush()
    return link


def _link(session: Session, goal_id: int, contact_id: int) -> GoalContact | None:
    return session.scalar(
        select(GoalContact).where(
            GoalContact.goal_id == goal_id, GoalContact.contact_id == contact_id
        )
    )
