"""The method's strategy, from goals to whom and when: matching people to goals (relevance and
the relationship context), progress against each horizon's target, keep-in-touch cadences and
the follow-up plan after an event. Pure: the core's dataclasses in and out."""

from helper.strategy.cadence import (
    FOLLOW_UPS_AHEAD,
    MAX_FOLLOW_UP_ACTIONS,
    Action,
    ActionWeights,
    CadenceSettings,
    DueItem,
    DueStatus,
    OpenFollowUp,
    due_list,
    due_status,
    next_due,
    this_week_actions,
)
from helper.strategy.followup_plan import (
    WORKDAY_MORNING,
    MetPerson,
    PlannedFollowUp,
    cadence_rrule,
    chase_due,
    plan_after_event,
)
from helper.strategy.matching import (
    ContactIndex,
    MatchWeights,
    Ranking,
    Suggestion,
    build_index,
    rank_contacts,
)
from helper.strategy.profile_fields import is_current
from helper.strategy.progress import (
    DEFAULT_CATEGORIES,
    REACHED_STAGES,
    Gap,
    HorizonProgress,
    category_advice,
    category_gaps,
    horizon_progress,
    pipeline,
    wanted_categories,
)

__all__ = [
    "DEFAULT_CATEGORIES",
    "FOLLOW_UPS_AHEAD",
    "MAX_FOLLOW_UP_ACTIONS",
    "REACHED_STAGES",
    "WORKDAY_MORNING",
    "Action",
    "ActionWeights",
    "CadenceSettings",
    "ContactIndex",
    "DueItem",
    "DueStatus",
    "Gap",
    "HorizonProgress",
    "MatchWeights",
    "MetPerson",
    "OpenFollowUp",
    "PlannedFollowUp",
    "Ranking",
    "Suggestion",
    "build_index",
    "cadence_rrule",
    "category_advice",
    "category_gaps",
    "chase_due",
    "due_list",
    "due_status",
    "horizon_progress",
    "is_current",
    "next_due",
    "pipeline",
    "plan_after_event",
    "rank_contacts",
    "this_week_actions",
    "wanted_categories",
]
