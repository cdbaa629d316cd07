"""Warm introductions: asking someone who knows the contact to introduce you.

The request goes to the introducer and carries a short blurb, written to the contact, that the
introducer can forward as it is. The double-opt-in variant asks the introducer to check with
the contact first and introduce you only if the contact agrees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from helper.drafting.channels import Counting, channel_for
from helper.drafting.compose import Draft, fit_draft, parse_layout, purpose_of, render_first
from helper.drafting.context import SharedContext, build_context, contact_context, shared_facts
from helper.drafting.fit import counter_for, fit
from helper.drafting.questions import questions_from
from helper.drafting.slots import draft_facts, offer_slot, pitch_for, why_slot
from helper.records import ContactSnapshot, GoalSpec, MeProfile

# Short enough to read at a glance wherever it is forwarded; counted in UTF-16 code units, which
# never undercount characters, whatever channel the introducer forwards it by.
BLURB_LIMIT_CHARS = 600
_count_blurb = counter_for(Counting.UTF16)


@dataclass
class IntroRequest:
    """The message to the introducer and, separately, the blurb it quotes."""

    draft: Draft
    blurb: str
    double_opt_in: bool


def _how_they_know_each_other(target: ContactSnapshot, introducer: ContactSnapshot) -> str:
    """An employer or school the introducer and the contact share, or ""."""
    profile = introducer.profile
    as_me = MeProfile(
        employers=[profile.current_company],
        former_employers=[p.company for p in profile.positions],
        schools=[e.school for e in profile.education],
    )
    together = shared_facts(target.profile, as_me)
    return together.employer or together.school


def _blurb(context: dict[str, object], override_dir: Path | None) -> str:
    rendered = render_first(["_shared/intro_blurb.txt"], context, override_dir)
    return fit(parse_layout(rendered), BLURB_LIMIT_CHARS, _count_blurb).text


def compose_intro_request(
    contact: ContactSnapshot,
    introducer: ContactSnapshot,
    me: MeProfile,
    goal: GoalSpec | None = None,
    *,
    channel: str = "email",
    double_opt_in: bool = False,
    shared: SharedContext | None = None,
    override_dir: Path | None = None,
    today: date | None = None,
) -> IntroRequest:
    """A request to `introducer` for an introduction to `contact`, with a forwardable blurb."""
    rules = channel_for(channel, me)
    purpose_of(goal)
    about_target = draft_facts(contact, rules.key, me, goal, shared, today or date.today())
    context = build_context(introducer, rules, me, goal)
    context |= {f"target_{key}": value for key, value in contact_context(contact, rules).items()}
    context |= {
        "introducer_link": _how_they_know_each_other(contact, introducer),
        "pitch": pitch_for(about_target),
        "why": str(why_slot(about_target)),
        "offer": str(offer_slot(about_target)),
    }
    context["blurb"] = _blurb(context, override_dir)
    context["double_opt_in"] = double_opt_in
    variant = "intro_request_double_opt_in" if double_opt_in else "intro_request"
    names = [f"{channel}/{variant}.txt", f"_shared/{variant}.txt"]
    questions, warnings = questions_from(about_target)
    draft = fit_draft(
        rules, lambda: render_first(names, context, override_dir), {}, questions, warnings
    )
    return IntroRequest(draft, str(context["blurb"]), double_opt_in)
