"""Three to five questions worth asking a person, drawn from their profile and the goal.

Questions built on a fact (a change in their career, their current role, the event you met
at, the goal's focus) come first. General questions only pad a list to three; when nothing
specific is known, a warning says what to add.
"""

from __future__ import annotations

import re

from helper.drafting.context import (
    SharedContext,
    clean_field,
    current_role,
    first_name_of,
    goal_context,
    merge_shared,
    past_roles,
    shared_facts,
)
from helper.drafting.fit import tidy
from helper.records import ContactSnapshot, GoalSpec, MeProfile

MIN_QUESTIONS = 3
MAX_QUESTIONS = 5

# Words that rank a role rather than say what it is; two titles that share nothing else
# describe different kinds of work.
_RANK_WORDS = frozenset(
    {
        "senior", "junior", "lead", "head", "of", "the", "and", "manager", "director", "chief",
        "principal", "staff", "associate", "assistant", "vice", "president", "vp", "sr", "jr",
        "i", "ii", "iii", "at", "for", "in", "global", "regional", "interim", "acting",
        "deputy", "executive", "officer",
    }
)  # fmt: skip
_WORD = re.compile(r"\w+")

_PURPOSE_WITH_FOCUS = {
    "career": "What would you advise someone moving into {focus}?",
    "business": "What is the hardest part of {focus} for your team right now?",
    "industry_insight": "How do you see {focus} changing over the next couple of years?",
    "trade_support": "Which tools or people have helped you most with {focus}?",
    "sponsorship": "What do you look for before backing a project in {focus}?",
    "expert_team": "Which problems in {focus} would you most like to work on with others?",
    "team_bonding": "Which part of {focus} would you most like to do more of together?",
}
_PURPOSE_GENERAL = {
    "career": "What do you wish you had known earlier in your career?",
    "business": "What is the biggest challenge on your plate this quarter?",
    "industry_insight": "How do you see your industry changing over the next couple of years?",
    "trade_support": "Which tools or people have helped you most in your work?",
    "sponsorship": "What do you look for before backing a project?",
    "expert_team": "Which problems would you most like to work on with other experts?",
    "team_bonding": "What is one thing about how your team works that others should copy?",
}
_GENERAL = (
    "What are you most excited about in your work right now?",
    "Who else do you think I should talk to?",
    "What would be most useful to you from someone in my position?",
)


def _kind_words(title: str) -> set[str]:
    return {w for w in _WORD.findall(title.casefold()) if w not in _RANK_WORDS}


def _career_move_question(title: str, company: str, roles: list[dict[str, str]]) -> str:
    if not roles:
        return ""
    past_title, past_company = roles[0]["title"], roles[0]["company"]
    before, now = _kind_words(past_title), _kind_words(title)
    same_company = bool(company) and company.casefold() == past_company.casefold()
    if same_company and title.casefold() != past_title.casefold():
        return f"How did you make the step from {past_title} to {title}?"
    if before and now and not before & now:
        where_before = f" at {past_company}" if past_company else ""
        where_now = f" at {company}" if company else ""
        return f"What prompted the change from {past_title}{where_before} to {title}{where_now}?"
    if company and past_company and company.casefold() != past_company.casefold():
        return f"What drew you to {company} after {past_company}?"
    return ""


def _role_question(title: str, company: str) -> str:
    if company:
        return f"What is your team at {company} focused on this year?"
    if title:
        return f"What does a typical week look like in your role as {title}?"
    return ""


def _event_question(shared: SharedContext) -> str:
    if shared.event_met_at:
        return f"What was the most useful thing you took away from {shared.event_met_at}?"
    if shared.upcoming_event:
        return f"What are you hoping to get out of {shared.upcoming_event}?"
    return ""


def _shared_history_question(shared: SharedContext, company: str) -> str:
    employer = shared.employer
    if employer and employer.casefold() != company.casefold():
        return f"How did your time at {employer} shape what you do now?"
    if shared.school:
        return f"How did your time at {shared.school} lead you to where you are now?"
    if shared.location:
        return f"How do you find the business community in {shared.location}?"
    return ""


def _goal_question(goal: GoalSpec | None, company: str) -> tuple[str, str]:
    """(question using the goal's focus or their company, general question for the purpose)."""
    if goal is None:
        return "", ""
    facts = goal_context(goal, company)
    general = _PURPOSE_GENERAL.get(goal.purpose, "")
    if facts["target_org"]:
        return f"What do you wish you had known before joining {facts['target_org']}?", general
    if facts["focus"]:
        return _PURPOSE_WITH_FOCUS[goal.purpose].format(focus=facts["focus"]), general
    return "", general


def _skill_question(skills: list[str]) -> str:
    usable = [s for s in (clean_field(s) for s in skills) if s]
    return f"How did you build your experience in {_mid_sentence(usable[0])}?" if usable else ""


def _mid_sentence(label: str) -> str:
    """A sentence-case label ("Demand forecasting") lower-cased to sit inside a sentence;
    a name or a title-case label ("Python", "Machine Learning") is left as it is."""
    words = label.split()
    sentence_case = len(words) > 1 and words[0][:1].isupper() and words[0][1:].islower()
    if sentence_case and all(w.islower() for w in words[1:]):
        return label[0].lower() + label[1:]
    return label


def _unique(questions: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for question in questions:
        if question and question.casefold() not in seen:
            seen.add(question.casefold())
            result.append(question)
    return result


def questions_for(
    contact: ContactSnapshot,
    me: MeProfile,
    goal: GoalSpec | None = None,
    shared: SharedContext | None = None,
) -> tuple[list[str], list[str]]:
    """(3-5 questions, warnings); specific questions first, general ones only as padding."""
    profile = contact.profile
    title, company = current_role(profile)
    together = merge_shared(shared_facts(profile, me), shared)
    goal_specific, goal_general = _goal_question(goal, company)
    specific = _unique(
        [
            _career_move_question(title, company, past_roles(profile)),
            _role_question(title, company),
            _event_question(together),
            goal_specific,
            _shared_history_question(together, company),
            _skill_question(profile.skills),
        ]
    )[:MAX_QUESTIONS]
    padding = _unique([goal_general if not goal_specific else "", *_GENERAL])
    chosen = _unique(specific + padding)[: max(MIN_QUESTIONS, len(specific))]
    questions = [tidy(question) for question in chosen]
    warnings = []
    if not specific:
        who = first_name_of(profile.name) or "this contact"
        warnings.append(
            f"Nothing specific is known about {who} yet: add their role, company or where "
            "you met for questions worth asking."
        )
    return questions, warnings
