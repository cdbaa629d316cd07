"""Warm introductions: asking someone who knows the contact to introduce you.

The request goes to the introducer and carries a short blurb, written to the contact, that the
introducer can forward as it is. The double-opt-in variant asks the introducer to check with
the contact first and introduce you only if the contact agrees.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helper.drafting.channels import Channel, Counting, channel_for
from helper.drafting.compose import (
    Draft,
    finish_draft,
    parse_layout,
    purpose_of,
    render_first,
    split_subject,
)
from helper.drafting.context import SharedContext, build_context, contact_context, shared_facts
from helper.drafting.fit import counter_for, fit
from helper.drafting.questions import questions_for
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
    purpose = str(context["purpose"])
    names = [f"_shared/intro_blurb_{purpose}.txt"] if purpose else []
    rendered = render_first([*names, "_shared/intro_blurb.txt"], context, override_dir)
    _, body = split_subject(rendered)
    return fit(parse_layout(body), BLURB_LIMIT_CHARS, _count_blurb).text


def _context(
    target: ContactSnapshot,
    introducer: ContactSnapshot,
    rules: Channel,
    me: MeProfile,
    goal: GoalSpec | None,
) -> dict[str, object]:
    context = build_context(introducer, rules, me, goal)
    target_facts = contact_context(target, rules)
    context |= {f"target_{key}": value for key, value in target_facts.items()}
    about_target = build_context(target, rules, me, goal)
    context |= {"focus": about_target["focus"], "target_org": about_target["target_org"]}
    context["introducer_link"] = _how_they_know_each_other(target, introducer)
    return context


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
) -> IntroRequest:
    """A request to `introducer` for an introduction to `contact`, with a forwardable blurb."""
    rules = channel_for(channel, me)
    purpose_of(goal)
    context = _context(contact, introducer, rules, me, goal)
    blurb = _blurb(context, override_dir)
    context["blurb"] = blurb
    context["double_opt_in"] = double_opt_in
    variant = "intro_request_double_opt_in" if double_opt_in else "intro_request"
    names = [f"{channel}/{variant}.txt", f"_shared/{variant}.txt"]
    questions, warnings = questions_for(contact, me, goal, shared)
    rendered = render_first(names, context, override_dir)
    return IntroRequest(finish_draft(rules, rendered, questions, warnings), blurb, double_opt_in)
