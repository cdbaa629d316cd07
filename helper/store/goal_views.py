"""What the goal, due and dashboard pages show, each read in one call: the store's rows put
through the pure core (ranking, progress, gaps, cadence) against the cached contact index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from helper.db.models import Contact, FollowUp, Goal, Me
from helper.records import GoalSpec
from helper.store.convert import me_profile
from helper.store.goals import (
    PipelineEntry,
    get_goal,
    goal_spec,
    goal_stages,
    list_goals,
    pipeline_entries,
)
from helper.store.match_cache import MatchCache
from helper.store.me import get_me
from helper.store.snapshots import relationship_stats
from helper.strategy.cadence import (
    FOLLOW_UPS_AHEAD,
    MAX_FOLLOW_UP_ACTIONS,
    Action,
    ActionWeights,
    CadenceSettings,
    DueItem,
    DueStatus,
    OpenFollowUp,
    due_status,
    next_due,
    this_week_actions,
)
from helper.strategy.matching import Suggestion
from helper.strategy.progress import (
    REACHED_STAGES,
    Gap,
    HorizonProgress,
    horizon_progress,
    pipeline,
)

# People shown under "Could also help" on a goal page.
ALSO_SHOWN = 10
# Stages after which a contact is no longer someone to reach out to for the goal.
_DONE_WITH = REACHED_STAGES | {"dropped"}


def this_hour() -> datetime:
    """Now, to the hour: reasons speak in days, and one `now` per hour lets the index reuse
    its relationship strengths across requests."""
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


def cadence_settings(me: Me) -> CadenceSettings:
    return CadenceSettings(
        tier_days={"strengthen": me.strengthen_days, "maintain": me.maintain_days},
        overdue_factor=me.overdue_percent / 100,
    )


@dataclass(frozen=True)
class GoalOverview:
    goal: Goal
    spec: GoalSpec
    progress: list[HorizonProgress]
    counts: dict[str, int]
    entries: list[PipelineEntry]
    suggestions: list[Suggestion]
    also: list[Suggestion]
    gaps: list[Gap]


def goal_overview(
    session: Session, cache: MatchCache, goal_id: int, now: datetime, *, limit: int = 20
) -> GoalOverview:
    """One goal at a glance: progress, pipeline, the best `limit` people not yet in the
    pipeline, and the wanted categories it lacks."""
    goal = get_goal(session, goal_id)
    spec = goal_spec(goal)
    entries = pipeline_entries(session, goal_id)
    stages = {entry.contact_id: entry.stage for entry in entries}
    data = cache.get(session)
    me = me_profile(get_me(session))
    depth = page_depth(limit, len(stages))
    ranking = data.ranking(spec, me, now, depth)
    return GoalOverview(
        goal=goal,
        spec=spec,
        progress=horizon_progress(spec, stages),
        counts=pipeline(stages),
        entries=entries,
        suggestions=[s for s in ranking.suggestions if s.contact_id not in stages][:limit],
        also=[s for s in ranking.also if s.contact_id not in stages][:ALSO_SHOWN],
        gaps=data.gaps(spec),
    )


def page_depth(shown: int, in_pipeline: int) -> int:
    """How many to rank so that `shown` remain after leaving out the pipeline's people;
    rounded up so that a shortlist or two does not change it, and the ranking is reused."""
    return -(-(shown + in_pipeline) // 25) * 25


def suggestion_for(
    session: Session, cache: MatchCache, goal: Goal, contact_id: int, now: datetime, shown: int
) -> Suggestion | None:
    """The suggestion the goal page showed for this contact (ranked, or among those who
    could also help), if it showed one."""
    in_pipeline = len(goal_stages(session, [goal.id])[goal.id])
    data, spec, me = cache.get(session), goal_spec(goal), me_profile(get_me(session))
    depth = page_depth(shown, in_pipeline)
    ranking = data.ranking(spec, me, now, depth)
    shown_people = [*ranking.suggestions, *ranking.also]
    return next((s for s in shown_people if s.contact_id == contact_id), None)


def ranked_suggestions(
    session: Session,
    cache: MatchCache,
    goal: Goal,
    now: datetime,
    limit: int | None = None,
    *,
    also: bool = False,
) -> list[Suggestion]:
    """Every contact who can help with the goal (or the best `limit`), in order; with `also`,
    then those who could also help."""
    data, spec, me = cache.get(session), goal_spec(goal), me_profile(get_me(session))
    ranking = data.ranking(spec, me, now, limit)
    return ranking.suggestions + ranking.also if also else ranking.suggestions


@dataclass(frozen=True)
class GoalSummary:
    goal: Goal
    progress: list[HorizonProgress]
    reached: int


def goal_summaries(session: Session, *, active_only: bool = False) -> list[GoalSummary]:
    """Goals by priority with their progress per horizon, in two queries."""
    goals = list_goals(session, active_only=active_only)
    stages = goal_stages(session, [goal.id for goal in goals])
    return [
        GoalSummary(
            goal,
            horizon_progress(goal_spec(goal), stages[goal.id]),
            sum(1 for stage in stages[goal.id].values() if stage in REACHED_STAGES),
        )
        for goal in goals
    ]


def due_items(session: Session, cache: MatchCache, now: datetime) -> list[DueItem]:
    """Every contact whose tier's cadence says it is time for a touch, most urgent first."""
    data = cache.get(session)
    return data.due(now, cadence_settings(get_me(session)))


def this_week(
    session: Session, cache: MatchCache, now: datetime, *, limit: int = 10
) -> list[Action]:
    """At most `limit` next actions across active goals and relationship cadences."""
    goals = list_goals(session, active_only=True)
    specs = [goal_spec(goal) for goal in goals]
    stages = goal_stages(session, [goal.id for goal in goals])
    data = cache.get(session)
    me_row = get_me(session)
    me = me_profile(me_row)
    per_goal = {}
    for spec in specs:
        done_with = {cid for cid, stage in stages[spec.id].items() if stage in _DONE_WITH}
        depth = page_depth(ActionWeights.suggestions_per_goal, len(done_with))
        ranked = data.ranking(spec, me, now, depth).suggestions
        per_goal[spec.id] = [s for s in ranked if s.contact_id not in done_with]
    due = data.due(now, cadence_settings(me_row))
    planned = open_followups_ahead(session, now, me_row.timezone)
    return this_week_actions(specs, per_goal, due, now, limit=limit, followups=planned)


def open_followups_ahead(session: Session, now: datetime, timezone: str) -> list[OpenFollowUp]:
    """Open follow-ups due up to a week from `now` (overdue ones included), in local time."""
    zone = ZoneInfo(timezone)
    until = (now + FOLLOW_UPS_AHEAD).astimezone(UTC).replace(tzinfo=None)
    rows = session.execute(
        select(
            FollowUp.id,
            FollowUp.contact_id,
            Contact.name,
            FollowUp.title,
            FollowUp.due_at,
            FollowUp.goal_id,
        )
        .join(Contact, Contact.id == FollowUp.contact_id)
        .where(FollowUp.status == "open", FollowUp.due_at <= until)
        .order_by(FollowUp.due_at, FollowUp.id)
        .limit(MAX_FOLLOW_UP_ACTIONS)
    )
    return [
        OpenFollowUp(fid, cid, name, title, due.replace(tzinfo=UTC).astimezone(zone), goal_id)
        for fid, cid, name, title, due, goal_id in rows
    ]


@dataclass(frozen=True)
class ContactDue:
    tier: str
    status: DueStatus
    cadence_days: int | None
    last_interaction: datetime | None
    next_due: datetime | None


def contact_due(session: Session, contact_id: int, tier: str, now: datetime) -> ContactDue:
    """When one contact is next due a touch under their tier's cadence."""
    settings = cadence_settings(get_me(session))
    stats = relationship_stats(session, [contact_id]).get(contact_id)
    last = stats.last_contact if stats else None
    return ContactDue(
        tier=tier,
        status=due_status(last, tier, now, settings),
        cadence_days=settings.tier_days.get(tier),
        last_interaction=last,
        next_due=next_due(last, tier, settings),
    )
