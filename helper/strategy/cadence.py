"""Relationship tiers and their cadence (the method's closing step: decide which relationships
to strengthen, which to maintain and which to let go), and this week's next actions.

A contact in a tier with a cadence is "due" once the ideal period has passed since the last
interaction of any kind, and "overdue" past the maximum period (the ideal times a factor).
Every logged touch resets the clock, so the caller passes the latest interaction it knows of:
mail, meeting, message, or a follow-up marked done.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Literal

from helper.errors import OutreachError
from helper.records import ContactSnapshot, GoalSpec
from helper.strategy.context import as_utc, days_between, time_ago
from helper.strategy.matching import Suggestion

DueStatus = Literal["ok", "due", "overdue", "never"]
ActionKind = Literal["follow_up", "reach_out", "keep_in_touch"]
# This week's list: planned follow-ups first, then keep-in-touch cadences, then goal actions.
_KIND_ORDER: dict[str, int] = {"follow_up": 0, "keep_in_touch": 1, "reach_out": 2}
FOLLOW_UPS_AHEAD = timedelta(days=7)
MAX_FOLLOW_UP_ACTIONS = 20

_STATUS_ORDER: dict[str, int] = {"overdue": 0, "never": 1, "due": 2}


@dataclass(frozen=True)
class CadenceSettings:
    """How often each tier should hear from you; all of it configurable."""

    tier_days: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType({"strengthen": 14, "maintain": 90})
    )
    """Ideal days between touches per tier. Tiers not listed (let_go, unset) have no cadence."""

    overdue_factor: float = 1.5
    """A contact is overdue once this multiple of the ideal period has passed."""

    def __post_init__(self) -> None:
        for tier, days in self.tier_days.items():
            if days <= 0:
                raise OutreachError("a cadence must be at least one day", location=tier)
        if self.overdue_factor < 1:
            raise OutreachError(
                f"the overdue factor must be 1 or more, not {self.overdue_factor}",
                value=str(self.overdue_factor),
            )


@dataclass(frozen=True)
class ActionWeights:
    """How this week's actions are ranked against each other; every urgency is in [0, 1]."""

    suggestions_per_goal: int = 3
    """Best suggestions of each goal considered, so one goal cannot fill the whole week."""

    horizon_half_days: float = 30.0
    """Days to the next horizon end at which a goal is half as urgent as one ending now."""

    undated_horizon: float = 0.25
    """Horizon urgency of a goal with no horizon end or deadline ahead."""

    overdue: float = 0.9
    """Urgency of an overdue 'strengthen' contact; more for longer, up to 1."""

    never: float = 0.6
    """Urgency of a 'strengthen' contact you have never been in touch with."""

    due: float = 0.45
    """Urgency of a 'strengthen' contact that is due but not yet overdue."""

    maintain_share: float = 0.8
    """Share of those urgencies a 'maintain' contact gets."""


@dataclass(frozen=True)
class DueItem:
    contact_id: int
    name: str
    tier: str
    status: DueStatus
    cadence_days: int
    last_interaction: datetime | None
    next_due: datetime | None
    days_late: int


@dataclass(frozen=True)
class Action:
    """One concrete thing to do this week, linking to its contact and, if any, its goal."""

    kind: ActionKind
    title: str
    detail: str
    contact_id: int
    goal_id: int | None
    urgency: float
    status: str = ""
    """"overdue" or "due" (red or amber, as on the Due list), "soon" for later this week."""
    followup_id: int | None = None


@dataclass(frozen=True)
class OpenFollowUp:
    """A planned follow-up as this week's list needs it; `due` in the user's time zone."""

    followup_id: int
    contact_id: int
    name: str
    title: str
    due: datetime
    goal_id: int | None = None


def next_due(
    last_interaction: datetime | None, tier: str, settings: CadenceSettings | None = None
) -> datetime | None:
    """When the contact is next due, or None when the tier has no cadence or there has been
    no interaction yet."""
    days = (settings or CadenceSettings()).tier_days.get(tier)
    if days is None or last_interaction is None:
        return None
    return last_interaction + timedelta(days=days)


def due_status(
    last_interaction: datetime | None,
    tier: str,
    now: datetime,
    settings: CadenceSettings | None = None,
) -> DueStatus:
    """'ok', 'due' (ideal period passed), 'overdue' (maximum passed) or 'never' (no touch yet);
    tiers without a cadence are always 'ok'."""
    chosen = settings or CadenceSettings()
    days = chosen.tier_days.get(tier)
    if days is None:
        return "ok"
    if last_interaction is None:
        return "never"
    elapsed = days_between(last_interaction, now)
    if elapsed >= days * chosen.overdue_factor:
        return "overdue"
    return "due" if elapsed >= days else "ok"


def due_list(
    contacts: Sequence[ContactSnapshot], now: datetime, settings: CadenceSettings | None = None
) -> list[DueItem]:
    """Contacts that need a touch, most urgent first: overdue (latest first), never contacted
    (strengthen before maintain), then due."""
    chosen = settings or CadenceSettings()
    items = []
    for contact in contacts:
        last = contact.stats.last_contact
        status = due_status(last, contact.tier, now, chosen)
        if status == "ok":
            continue
        due_at = next_due(last, contact.tier, chosen)
        late = int(days_between(due_at, now)) if due_at else 0
        items.append(
            DueItem(
                contact_id=contact.id,
                name=contact.profile.name,
                tier=contact.tier,
                status=status,
                cadence_days=chosen.tier_days[contact.tier],
                last_interaction=last,
                next_due=due_at,
                days_late=late,
            )
        )
    return sorted(items, key=_due_order)


def _due_order(item: DueItem) -> tuple[int, float, int, str, int]:
    lateness = item.days_late / item.cadence_days
    return (_STATUS_ORDER[item.status], -lateness, item.cadence_days, item.name, item.contact_id)


def this_week_actions(
    goals: Sequence[GoalSpec],
    suggestions_by_goal: Mapping[int, Sequence[Suggestion]],
    due_items: Sequence[DueItem],
    now: datetime,
    limit: int = 10,
    weights: ActionWeights | None = None,
    followups: Sequence[OpenFollowUp] = (),
) -> list[Action]:
    """This week's next actions, one per contact: every follow-up overdue, due today or due in
    the next seven days (soonest first, up to MAX_FOLLOW_UP_ACTIONS), then at most `limit`
    others, keep-in-touch cadences before goal actions, most urgent first.

    Goal actions rank by the goal's priority (1 is the highest), how soon its next horizon or
    deadline ends, and the suggestion's score; pass only suggestions not yet contacted. Cadence
    actions rank by status and tier. Inactive goals are skipped.
    """
    chosen = weights or ActionWeights()
    planned = [
        _followup_action(f, now)
        for f in sorted(followups, key=lambda f: (f.due, f.followup_id))
        if f.due <= now + FOLLOW_UPS_AHEAD
    ][:MAX_FOLLOW_UP_ACTIONS]
    goal_actions = _goal_actions(goals, suggestions_by_goal, now, chosen)
    # Thousands of people can be due at once: only the most urgent become actions. Enough are
    # kept that those dropped for being someone's second action still leave `limit`.
    keep = max(0, limit) + len(planned) + len(goal_actions)
    urgent = heapq.nsmallest(
        keep, due_items, key=lambda item: (-_due_urgency(item, chosen), _due_title(item))
    )
    candidates = [*(_due_action(item, now, chosen) for item in urgent), *goal_actions]
    # One action per contact, the most urgent (a planned follow-up before anything).
    best: dict[int, Action] = {action.contact_id: action for action in reversed(planned)}
    for action in sorted(candidates, key=lambda a: (-a.urgency, a.title)):
        best.setdefault(action.contact_id, action)
    # The `limit` most urgent, shown grouped so the list reads in the order one works it.
    chosen_few = [action for action in best.values() if action.kind != "follow_up"][: max(0, limit)]
    return planned + sorted(chosen_few, key=lambda a: (_KIND_ORDER[a.kind], -a.urgency, a.title))


def _goal_actions(
    goals: Sequence[GoalSpec],
    suggestions_by_goal: Mapping[int, Sequence[Suggestion]],
    now: datetime,
    weights: ActionWeights,
) -> list[Action]:
    goals_by_id = {goal.id: goal for goal in goals if goal.status == "active"}
    actions = []
    for goal_id, suggestions in suggestions_by_goal.items():
        goal = goals_by_id.get(goal_id)
        if goal is None:
            continue
        goal_weight = _priority_weight(goal) * (0.5 + 0.5 * _horizon_urgency(goal, now, weights))
        for suggestion in suggestions[: weights.suggestions_per_goal]:
            actions.append(_reach_out_action(goal, suggestion, goal_weight))
    return actions


def _followup_action(followup: OpenFollowUp, now: datetime) -> Action:
    today = now.astimezone(followup.due.tzinfo).date() if followup.due.tzinfo else now.date()
    day = followup.due.date()
    status = "overdue" if day < today else "due" if day == today else "soon"
    when = {
        "overdue": f"was due {followup.due:%a %d %b}",
        "due": f"due today at {followup.due:%H:%M}",
        "soon": f"due {followup.due:%a %d %b}",
    }[status]
    return Action(
        kind="follow_up",
        title=followup.title,
        detail=f"{followup.name}: {when}",
        contact_id=followup.contact_id,
        goal_id=followup.goal_id,
        urgency=1.0,
        status=status,
        followup_id=followup.followup_id,
    )


def _priority_weight(goal: GoalSpec) -> float:
    """Priority 1 (highest) -> 1.0, down to priority 5 -> 0.2."""
    return (6 - min(5, max(1, goal.priority))) / 5


def _horizon_urgency(goal: GoalSpec, now: datetime, weights: ActionWeights) -> float:
    today = as_utc(now).date()
    ends = [end for end in (*goal.horizon_ends.values(), goal.deadline) if end and end >= today]
    if not ends:
        return weights.undated_horizon
    days_left = (min(ends) - today).days
    return 1.0 / (1.0 + days_left / weights.horizon_half_days)


def _reach_out_action(goal: GoalSpec, suggestion: Suggestion, goal_weight: float) -> Action:
    return Action(
        kind="reach_out",
        title=f"Reach out to {suggestion.name} for '{goal.title}'",
        detail="; ".join(suggestion.reasons[:2]),
        contact_id=suggestion.contact_id,
        goal_id=goal.id,
        urgency=goal_weight * (0.5 + 0.5 * suggestion.score),
    )


def _due_urgency(item: DueItem, weights: ActionWeights) -> float:
    share = 1.0 if item.tier == "strengthen" else weights.maintain_share
    if item.last_interaction is None:
        return weights.never * share
    if item.status == "overdue":
        extra = min(1.0, item.days_late / item.cadence_days) * (1.0 - weights.overdue)
        return (weights.overdue + extra) * share
    return weights.due * share


def _due_title(item: DueItem) -> str:
    if item.last_interaction is None:
        return f"Make a first contact with {item.name}"
    if item.status == "overdue":
        return f"Get back in touch with {item.name}"
    return f"Catch up with {item.name}"


def _due_action(item: DueItem, now: datetime, weights: ActionWeights) -> Action:
    if item.last_interaction is None:
        detail = f"marked '{item.tier}', no interaction yet"
    else:
        cadence = f"{item.tier} every {item.cadence_days} days"
        detail = f"last contact {time_ago(item.last_interaction, now)}; {cadence}"
    status = "overdue" if item.status == "overdue" else "due"
    urgency = _due_urgency(item, weights)
    return Action(
        "keep_in_touch", _due_title(item), detail, item.contact_id, None, urgency, status=status
    )
