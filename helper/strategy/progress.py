"""Where a goal stands: progress per horizon, the pipeline by stage, and the categories of
people it still lacks, with the method's advice on whom to look for (steps 3 and 4). The
default categories per purpose live here too, beside that advice."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from helper.errors import OutreachError
from helper.records import ContactSnapshot, GoalSpec
from helper.vocabulary import CATEGORIES, GOAL_STAGES, HORIZONS, PURPOSES

DEFAULT_CATEGORIES: dict[str, tuple[str, ...]] = {
    "career": ("recruiter", "mentor", "colleague", "introducer"),
    "business": ("customer", "introducer", "club", "supplier"),
    "industry_insight": ("specialist", "colleague", "club", "introducer"),
    "trade_support": ("supplier", "specialist", "club", "colleague"),
    "sponsorship": ("mentor", "introducer", "customer"),
    "expert_team": ("specialist", "colleague", "recruiter"),
    "team_bonding": ("colleague", "friend_family", "club"),
}

CATEGORY_ADVICE: dict[str, str] = {
    "colleague": "Colleagues, current and former: go through each employer you have had and list "
    "the people you worked with, including those who have since moved on.",
    "mentor": "Managers, coaches, mentors and sponsors: past managers, anyone who has coached "
    "you, and senior people who have spoken up for your work.",
    "customer": "Customers: the people you have served or sold to, and those who buy what you "
    "want to offer.",
    "supplier": "Suppliers: the firms and freelancers you buy from; they see many businesses "
    "like yours and know who is doing what.",
    "friend_family": "Friends and family: say what you are working towards; they know more "
    "people than you think.",
    "specialist": "Specialists: experts in the field or technology the goal depends on — "
    "analysts, consultants, researchers, practitioners.",
    "recruiter": "Recruiters and headhunters who cover your field and level: they know which "
    "organisations are hiring and who decides.",
    "club": "Clubs and membership organisations: professional bodies, alumni associations, "
    "industry groups and meetups in your area of interest.",
    "introducer": "Introducers are associates of the people you want to meet — often "
    "accountants, solicitors, bank managers and non-executive directors. Make a list of the "
    "ones you already know.",
}


# How a category reads in a reason: 'recruiter — goal wants recruiters'.


def default_categories(purpose: str) -> list[str]:
    """The categories of people who usually help with a goal of this purpose."""
    if purpose not in DEFAULT_CATEGORIES:
        raise OutreachError(f"unknown purpose '{purpose}'; expected one of {', '.join(PURPOSES)}")
    return list(DEFAULT_CATEGORIES[purpose])


def category_advice(key: str) -> str:
    """The method's advice on whom to look for when a goal lacks this category."""
    if key not in CATEGORY_ADVICE:
        raise OutreachError(
            f"unknown category '{key}'; expected one of {', '.join(CATEGORY_ADVICE)}"
        )
    return CATEGORY_ADVICE[key]


def wanted_categories(goal: GoalSpec) -> list[str]:
    """The goal's own categories, or its purpose's defaults when it names none."""
    return list(goal.categories) or default_categories(goal.purpose)


# Stages at or past "contacted": the person has heard from you. "dropped" is left out because
# the stage alone does not say whether they were contacted before being dropped.
REACHED_STAGES: frozenset[str] = frozenset({"contacted", "replied", "met", "ongoing"})


@dataclass(frozen=True)
class HorizonProgress:
    """Progress towards one horizon's target number of contacts."""

    horizon: str
    target: int
    reached: int
    remaining: int
    ends: date | None

    @property
    def fraction(self) -> float:
        """How full the progress bar is, in [0, 1]."""
        return min(1.0, self.reached / self.target) if self.target else 1.0


@dataclass(frozen=True)
class Gap:
    """A wanted category with no or few contacts, and whom to look for."""

    category: str
    label: str
    count: int
    advice: str


def horizon_progress(goal: GoalSpec, stages: Mapping[int, str]) -> list[HorizonProgress]:
    """Progress per horizon that has a target, short to long.

    `stages` maps contact id -> the contact's stage for this goal. Targets are cumulative: the
    people reached so far count towards every horizon, so a long-term target of 30 includes
    the short-term 5.
    """
    _check_stages(stages)
    reached = sum(1 for stage in stages.values() if stage in REACHED_STAGES)
    progress = []
    for horizon in HORIZONS:
        target = goal.targets.get(horizon, 0)
        if target < 0:
            raise OutreachError(
                f"the {horizon}-term target must be 0 or more, not {target}",
                location=f"goal {goal.id}",
                value=str(target),
            )
        if target:
            progress.append(
                HorizonProgress(
                    horizon=horizon,
                    target=target,
                    reached=reached,
                    remaining=max(0, target - reached),
                    ends=goal.horizon_ends.get(horizon),
                )
            )
    return progress


def pipeline(stages: Mapping[int, str]) -> dict[str, int]:
    """How many contacts sit at each stage, every stage present, in pipeline order."""
    _check_stages(stages)
    counts = dict.fromkeys(GOAL_STAGES, 0)
    for stage in stages.values():
        counts[stage] += 1
    return counts


def category_gaps(
    goal: GoalSpec, contacts: Sequence[ContactSnapshot], *, enough: int = 3
) -> list[Gap]:
    """Wanted categories with fewer than `enough` contacts (let_go ones not counted), emptiest
    first, each with the method's advice."""
    counts: dict[str, int] = {}
    for contact in contacts:
        if contact.tier == "let_go":
            continue
        for key in set(contact.categories):
            counts[key] = counts.get(key, 0) + 1
    return gaps_of_counts(goal, counts, enough=enough)


def gaps_of_counts(goal: GoalSpec, counts: Mapping[str, int], *, enough: int = 3) -> list[Gap]:
    """`category_gaps` from how many contacts (let_go ones not counted) each category has."""
    gaps = [
        Gap(key, CATEGORIES.label(key), counts.get(key, 0), category_advice(key))
        for key in wanted_categories(goal)
        if counts.get(key, 0) < enough
    ]
    return sorted(gaps, key=lambda gap: gap.count)


def _check_stages(stages: Mapping[int, str]) -> None:
    for contact_id, stage in stages.items():
        if stage not in GOAL_STAGES:
            raise OutreachError(
                f"unknown stage '{stage}'; expected one of {', '.join(GOAL_STAGES)}",
                location=f"contact {contact_id}",
                value=stage,
            )
