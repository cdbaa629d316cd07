"""Three to five questions worth asking a person, drawn from who they are and the goal.

Questions built on a fact come first: a change in their career, the event you met at and what
you discussed, what they are hiring for, their current role, the goal's aim, a shared employer
or school, a skill. Questions for their category (a recruiter is asked which teams are hiring,
an introducer who else to talk to) follow, and general questions only pad a list to three;
when nothing specific is known, a warning says what to add.
"""

from __future__ import annotations

import re
from datetime import date

from helper.drafting.context import SharedContext
from helper.drafting.fit import tidy
from helper.drafting.slot import DraftFacts
from helper.drafting.slots import draft_facts
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

# Two questions per category, for the ask's category; {target} and {company} are filled in
# when known, and a question that needs an unknown value is left out.
CATEGORY_QUESTIONS: dict[str, tuple[str, ...]] = {
    "recruiter": (
        "Which teams are hiring most at the moment?",
        "What do hiring managers look for in people at my level right now?",
    ),
    "introducer": (
        "Who at {target} would be the right person to speak to?",
        "Who else do you think I should talk to?",
    ),
    "mentor": (
        "What would you do in my position?",
        "What has made the biggest difference in your own work?",
    ),
    "customer": (
        "What is the hardest part of your team's work right now?",
        "How do you decide which suppliers to work with?",
    ),
    "supplier": (
        "What do your best customers have in common?",
        "What does it take to get started with {company}?",
    ),
    "specialist": (
        "What do people most often get wrong in your field?",
        "Where do you see your field heading in the next few years?",
    ),
    "club": (
        "How do new members usually get involved?",
        "What kind of talks go down well with your members?",
    ),
    "colleague": (
        "What is your team focused on this quarter?",
        "What are you working on these days?",
    ),
    "internal": (
        "What is your team focused on this quarter?",
        "Where could our teams help each other?",
    ),
    "friend_family": (
        "What have you been up to lately?",
        "Who do you know who has done something similar?",
        "Who do you think I should talk to about it?",
    ),
}
# A question for the goal's purpose, padding a list that has fewer than three.
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


def _career_move_question(facts: DraftFacts) -> str:
    p = facts.person
    title, company, past_title, past_company = p.title, p.company, p.past_title, p.past_company
    if not past_title and not past_company:
        return ""
    same_company = bool(company) and company.casefold() == past_company.casefold()
    if same_company and title and past_title and title.casefold() != past_title.casefold():
        return f"How did you make the step from {past_title} to {title}?"
    before, now = _kind_words(past_title), _kind_words(title)
    if before and now and not before & now:
        where_before = f" at {past_company}" if past_company else ""
        where_now = f" at {company}" if company else ""
        return f"What prompted the change from {past_title}{where_before} to {title}{where_now}?"
    if company and past_company and not same_company:
        return f"What drew you to {company} after {past_company}?"
    return ""


def _event_question(facts: DraftFacts) -> str:
    p = facts.person
    if p.event_topic and facts.occasion in ("check_in", "keep_in_touch"):
        return f"Where have you got to with {p.event_topic}?"
    if p.event_met_at:
        return f"What was the most useful thing you took away from {p.event_met_at}?"
    if p.upcoming_event:
        return f"What are you hoping to get out of {p.upcoming_event}?"
    return ""


# Whose team it makes sense to ask about: not a professor's university, a club, an accountant.
_TEAM_CATEGORIES = frozenset({"customer", "supplier", "specialist", ""})


def _role_question(facts: DraftFacts) -> str:
    p = facts.person
    if p.hiring and facts.goal.purpose in ("", "career"):
        return "What kind of person are you looking for?"
    if facts.category not in _TEAM_CATEGORIES:
        return ""
    if p.company:
        return f"What is your team at {p.company} focused on this year?"
    if p.title:
        return f"What does a typical week look like in your role as {p.title}?"
    return ""


def _aim_question(facts: DraftFacts) -> str:
    goal, company = facts.goal, facts.person.company
    if goal.purpose == "career" and goal.targets_them and company:
        return f"What do you wish you had known before joining {company}?"
    if goal.purpose != "career" or not goal.aim:
        return ""  # other aims ("finding three pilot customers") make an awkward question
    return f"What would you advise someone working towards {goal.aim}?"


def _shared_history_question(facts: DraftFacts) -> str:
    p = facts.person
    if p.shared_employer and p.shared_employer.casefold() != p.company.casefold():
        return f"How did your time at {p.shared_employer} shape what you do now?"
    if p.shared_school and p.shared_school.casefold() != p.company.casefold():
        return f"How did your time at {p.shared_school} lead you to where you are now?"
    return ""


def _skill_question(facts: DraftFacts) -> str:
    skills = facts.person.skills
    return f"How did you build your experience in {_mid_sentence(skills[0])}?" if skills else ""


def _category_questions(facts: DraftFacts) -> list[str]:
    values = {"target": facts.goal.target, "company": facts.person.company}
    questions = []
    category = "friend_family" if facts.person.family else facts.category
    if category == "recruiter" and facts.goal.purpose not in ("", "career"):
        return []  # a recruiter's questions are about hiring, off the point of other goals
    for question in CATEGORY_QUESTIONS.get(category, ()):
        needs = [name for name in values if "{" + name + "}" in question]
        # A team question is for someone with an organisation, not a freelancer.
        team = "your team" in question and not facts.person.company
        if all(values[name] for name in needs) and not team:
            questions.append(question.format(**values))
    return questions


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
    *,
    today: date | None = None,
) -> tuple[list[str], list[str]]:
    """(3-5 questions, warnings) for this person and goal."""
    return questions_from(draft_facts(contact, "", me, goal, shared, today or date.today()))


def questions_from(facts: DraftFacts) -> tuple[list[str], list[str]]:
    """(3-5 questions, warnings); specific questions first, general ones only as padding."""
    by_category = _category_questions(facts)
    if facts.person.family:
        about_them = [_event_question(facts), _aim_question(facts)]
    else:
        about_them = [
            _career_move_question(facts),
            _event_question(facts),
            _role_question(facts),
            _aim_question(facts),
            _shared_history_question(facts),
            _skill_question(facts),
        ]
    specific = _unique([*about_them[:2], *by_category[:1], *about_them[2:]])[:MAX_QUESTIONS]
    purpose = _PURPOSE_GENERAL.get(facts.goal.purpose, "")
    sponsor = facts.category == "internal" or (
        facts.category == "mentor" and not facts.goal.internal
    )
    if facts.goal.purpose == "sponsorship" and not sponsor:
        purpose = ""  # only a possible sponsor is asked what they look for before backing
    if facts.person.family:
        padding = by_category[1:]  # a brother is not asked about his career like a stranger
    else:
        padding = _unique([purpose, *by_category[1:], *_GENERAL])
    chosen = _unique(specific + padding)[: max(MIN_QUESTIONS, len(specific))]
    questions = [tidy(question) for question in chosen]
    warnings = []
    p = facts.person
    if not (p.title or p.company or p.event_met_at or p.has_history or p.skills):
        who = facts.person.first_name or "this contact"
        warnings.append(
            f"Nothing specific is known about {who} yet: add their role, company or where "
            "you met for questions worth asking."
        )
    return questions, warnings
