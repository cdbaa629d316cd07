"""The sentences a message is made of, each with a long and a short form.

A message template places the slots (`{{ hook }}`, `{{ why }}`, `{{ intro }}`, `{{ offer }}`,
`{{ ask }}`, `{{ subject }}`); the composer starts with every slot's richest form and, while the
text is over the channel's limit, steps a slot down to its next form, the least important slot
first. A form is always whole sentences, so nothing is ever cut mid-sentence.

- hook: one true, specific fact about the person, the strongest known (`helper.drafting.hooks`):
  the last conversation, the event you met at (and what you discussed), an introducer, a recent
  move, what they are hiring for, a line of their About text, a shared employer or school,
  their current role.
- why: the reason for writing now, from the goal's aim in the user's words.
- intro: who the user is, said once, only to someone who does not know them.
- offer and ask: from the category tables in `helper.drafting.asks`.
"""

from __future__ import annotations

import re
import zlib
from datetime import date
from typing import TypeVar

from helper.drafting.asks import (
    ASKS_WITH_GOAL,
    ASKS_WITHOUT_GOAL,
    CAREER_PATH_ASK,
    CV_OFFER,
    FAVOUR_OFFER,
    ME_OFFER_PURPOSES,
    OFFER_KIND,
    OFFER_TO,
    OFFER_TO_OTHERWISE,
    PURPOSE_ASKS,
    TEAM_COFFEE_ASKS,
    Ask,
)
from helper.drafting.context import SharedContext, current_role, offer_context
from helper.drafting.facts import goal_facts, me_facts, person_facts
from helper.drafting.hooks import (
    LONG_AGO_DAYS,
    STALE_THANKS_DAYS,
    hook_slot,
    second_fact_slot,
    touched_since_the_event,
)
from helper.drafting.slot import DraftFacts, Slot, distinct
from helper.drafting.wording import mail_subject
from helper.people.cues import COMMUNITY, MEMBERSHIP_BODIES, fold, words_pattern
from helper.records import ContactSnapshot, GoalSpec, MeProfile

T = TypeVar("T")

# The order slots give way in when a message is too long: the offers first, the hook last (a
# draft without a true fact about the person is not worth sending). The last-resort slots go
# altogether only when every slot is at its shortest, the reason before the hook.
GIVE_WAY_ORDER = ("return_offer", "offer", "intro", "second_fact", "ask", "why", "hook")
LAST_RESORT = ("second_fact", "why", "hook")
OCCASIONS = ("", "thank_you", "check_in", "keep_in_touch")
GENERIC_SUBJECTS = frozenset({"A quick question", "Saying hello"})
# How long a proposed video call is: short enough that saying yes is easy.
CHANNEL_MINUTES = 20

# What the user is after, when the goal has no aim of its own: long and short.
_PURPOSE_WHY = {
    "career": (
        "I'm starting to think about my next career step.",
        "I'm thinking about my next career step.",
    ),
    "business": ("I'm looking for new people to work with.", "I'm looking for new partners."),
    "industry_insight": (
        "I'm trying to learn how your field works from the inside.",
        "I'm learning about your field.",
    ),
    "trade_support": ("I'm looking for practical help with my work.", "I need practical help."),
    "sponsorship": ("I'm looking for a senior sponsor for my work.", "I'm looking for a sponsor."),
    "expert_team": ("I'm bringing together a small group of experts.", "I'm building a team."),
    "team_bonding": ("I'd like to get to know more of the team.", "I'd like to meet more of us."),
}
# How the aim is introduced, by who reads it: the same words to everyone sound like a form.
WHY_LEADS = {
    "recruiter": "I'm working towards",
    "mentor": "I'm working towards",
    "introducer": "At the moment I'm focused on",
    "internal": "These days I'm focused on",
    "colleague": "These days I'm focused on",
}
# Whom a job search is not told: the people the user does business with.
CAREER_OUTSIDERS = frozenset({"customer", "supplier"})
_SELF_INTRO = re.compile(r"^\s*(?:hi|hello)?[,!.]?\s*(?:i'm|i am|i’m|my name is)\s+", re.I)


def why_slot(facts: DraftFacts) -> Slot:
    goal = facts.goal
    if facts.occasion == "thank_you":
        return Slot("why", ["I'd love to stay in touch.", ""])
    if not goal.purpose:
        if facts.occasion == "check_in":
            return Slot("why", ["I'd love to hear how things have moved on since.", ""])
        if facts.occasion == "keep_in_touch" or facts.person.family:
            return Slot("why", [])
        said = _COLD_WHY
        if facts.warm:
            said = _WARM_WHY if not _met_once(facts) else _MET_ONCE_WHY
        return Slot("why", [_one_for(facts.person.full_name, said), ""])
    if goal.purpose == "team_bonding" and facts.person.internal:
        # "I'm focused on rebuilding trust in the squad", said to the squad, reads as a plan
        # about them; the coffee says it.
        return Slot("why", [])
    long_default, short_default = _PURPOSE_WHY.get(goal.purpose, ("", ""))
    if not goal.aim or not _may_hear_the_aim(facts):
        return Slot("why", distinct([long_default, short_default]))
    if facts.person.family:
        return Slot("why", [f"I'm working on {goal.aim} and would love your thoughts."])
    lead = WHY_LEADS.get(facts.category, "Right now I'm focused on")
    if facts.occasion == "check_in":
        lead = "These days I'm focused on"
    if lead.endswith("towards") and goal.aim.split()[0].endswith("ing"):
        lead = "Right now I'm focused on"  # "working towards finding …" reads badly
    return Slot("why", distinct([f"{lead} {goal.aim}.", short_default]))


# Without a goal, why one writes; a few ways of saying it, one chosen per person, so that a
# dozen drafts written the same afternoon do not all say the same sentence.
_COLD_WHY = (
    "I'd like to connect and hear what you're working on.",
    "I'd like to connect and learn more about your work.",
    "I'd be glad to connect and hear how things are going on your side.",
)
_WARM_WHY = (
    "It would be good to catch up and hear what you're working on.",
    "It would be good to catch up and hear your news.",
    "It would be great to catch up properly.",
)


# After one email or one meeting, "catch up properly" claims a friendship that is not there.
_MET_ONCE_WHY = (
    "I'd be glad to stay in touch and hear how things are going on your side.",
    "It would be good to keep the conversation going.",
)


def _met_once(facts: DraftFacts) -> bool:
    p = facts.person
    return p.touches <= 1 and not (p.family or facts.former_colleague or p.internal)


def _long_ago(facts: DraftFacts) -> bool:
    days = facts.days_since_touch
    return days is not None and days > LONG_AGO_DAYS


def _one_for(name: str, forms: tuple[T, ...]) -> T:
    """One of `forms`, the same for the same person every time (a stable checksum of their
    name, not Python's per-process hash)."""
    return forms[zlib.crc32(name.encode()) % len(forms)]


def _may_hear_the_aim(facts: DraftFacts) -> bool:
    """A job search is not told to the people the user does business with: a customer or a
    supplier hears that the user is thinking about a next step, not which role, nor when."""
    if facts.goal.purpose != "career":
        return True
    return facts.person.family or facts.category not in CAREER_OUTSIDERS


def _self_introduces(text: str) -> bool:
    return bool(_SELF_INTRO.match(text))


def pitch_for(facts: DraftFacts) -> str:
    """The goal's pitch, else Me's without the part that asks for a job: with a goal, the aim
    says what the user is after, and a job hunt has no place in other goals' messages."""
    if facts.goal.pitch:
        return facts.goal.pitch
    if facts.goal.purpose or facts.category == "internal":
        return facts.me.pitch_without_job_hunt
    return facts.me.pitch


def intro_slot(facts: DraftFacts) -> Slot:
    """Who the user is, said once, to someone who does not know them yet."""
    me = facts.me
    pitch = pitch_for(facts)
    if facts.warm and facts.goal.pitch and not _self_introduces(facts.goal.pitch):
        # Someone who knows the user still needs to hear what the goal's work is.
        return Slot("intro", [facts.goal.pitch, ""])
    if facts.warm or facts.channel == "linkedin_connect" or not me.first_name:
        return Slot("intro", [])
    if facts.channel == "in_person":
        # The greeting says the name; the pitch follows it.
        return Slot("intro", [pitch, ""] if pitch else [])
    headline = f"I'm {me.name}, {me.headline}." if me.headline else f"I'm {me.name}."
    if facts.channel == "x_dm":
        return Slot("intro", [headline, ""])  # a direct message stays short
    if pitch and _self_introduces(pitch):
        forms = [pitch, headline]
    elif pitch:
        forms = [f"I'm {me.name}. {pitch}", headline]
    else:
        forms = [headline]
    return Slot("intro", [*distinct(forms), ""])


def greeting_for(facts: DraftFacts, nameless: str) -> str:
    """ "Hi Priya," (written), or "Hi Priya, I'm Sam." in person when the pitch does not say
    the name itself."""
    first = facts.person.first_name
    formal = facts.person.formal_name
    # A professor is "Professor Brandt" on every channel until they say otherwise; a doctor
    # is "Dr" by letter, and first names on LinkedIn are the platform's habit.
    # One email two years ago makes no first-name terms with a doctor or professor.
    close = facts.warm and not (_met_once(facts) and _long_ago(facts))
    professor = formal.startswith("Professor") and not close
    letter = facts.channel in ("email", "linkedin_inmail", "video_call")
    if formal and not close and (letter or (professor and facts.channel != "in_person")):
        return f"Dear {formal},"
    if facts.channel != "in_person":
        return f"Hi {first}," if first else nameless
    says_name = _self_introduces(pitch_for(facts)) and not facts.warm
    if first and facts.met_before:
        return f"Hi {first}, good to see you again."
    hello = f"Hello {formal}" if professor else (f"Hi {first}" if first else "Hello")
    if facts.me.first_name and not says_name:
        return f"{hello}, I'm {facts.me.first_name}."
    return f"{hello}."


def return_offer_slot(facts: DraftFacts) -> Slot:
    """What the user gives back for the ask, said after it: a CV, a favour returned."""
    kind = OFFER_KIND.get(facts.category, "goal")
    if kind == "cv" and facts.goal.purpose == "career":
        return Slot("return_offer", [*CV_OFFER, ""])
    if kind == "favour" and facts.goal.purpose:
        return Slot("return_offer", [*FAVOUR_OFFER, ""])
    return Slot("return_offer", [])


def offer_slot(facts: DraftFacts) -> Slot:
    """What the user offers up front, when a professional offer suits who the person is."""
    goal = facts.goal
    takers = OFFER_TO.get(goal.purpose, OFFER_TO_OTHERWISE)
    if OFFER_KIND.get(facts.category, "goal") != "goal" or facts.category not in takers:
        return Slot("offer", [])
    text = goal.offer or (facts.me.offer if goal.purpose in ME_OFFER_PURPOSES else "")
    offer = offer_context(text)
    if offer["offer_sentence"]:
        return Slot("offer", [offer["offer_sentence"], ""])
    if offer["offer"]:
        phrase = offer["offer"]
        long = f"If it would be useful, I'd be glad to offer {phrase}."
        return Slot("offer", [long, f"Happy to offer {phrase}.", ""])
    return Slot("offer", [])


def ask_slot(facts: DraftFacts) -> Slot:
    ask = ask_for(facts)
    values = ask_values(facts, ask)
    if facts.goal.ask:
        # The user's own ask, or the table's short one where it does not fit the channel.
        own = as_question(facts.goal.ask)
        return Slot("ask", distinct([own, *ask.forms(values)[-1:]]))
    occasion_asks = {
        "thank_you": ["Would you be up for a coffee in the next few weeks to carry on?"],
        "check_in": ["Would you be up for a short call to pick it up again?"],
        "keep_in_touch": ["Would you be up for a quick catch-up in the next few weeks?"],
    }
    if facts.occasion == "thank_you" or (facts.occasion and not facts.goal.purpose):
        return Slot("ask", [*occasion_asks[facts.occasion], "Catch up soon?"])
    forms = ask.forms(values)
    hook = hook_slot(facts).forms
    said_hiring = bool(hook) and hook[0].startswith("I saw you're hiring")
    if facts.category == "recruiter" and said_hiring and facts.goal.purpose == "career":
        # The hook has said what they are hiring for; the ask is whether the user fits.
        forms = ["Do you think my background would fit one of those roles?", forms[-1]]
    if facts.channel == "video_call":
        # The call is the ask; what it is for goes on the agenda.
        minutes = CHANNEL_MINUTES
        return Slot(
            "ask",
            [
                f"Could we find {minutes} minutes for a video call in the next couple of weeks?",
                f"Could we find {minutes} minutes for a call?",
            ],
        )
    if facts.channel == "in_person":
        # Face to face, the conversation is already happening: no call to arrange.
        forms = distinct([_without_call(form) for form in forms])
    return Slot("ask", forms)


def _without_call(form: str) -> str:
    """An ask as said face to face: no call to arrange, and a chat is already happening, so
    what is proposed is a coffee."""
    sentences = re.split(r"(?<=[.?!])\s+", form)
    kept = [s for s in sentences if "call" not in s and "minutes" not in s]
    return " ".join(kept).replace("a short chat sometime", "a coffee sometime")


def as_question(ask: str) -> str:
    """The user's ask as the sentence a message ends on: "a 20-minute call to see whether …"
    (as a goal's form prompts it) is "Would you be open to a 20-minute call to see whether …?",
    "Whether you'd be open to …" is "Would you be open to …?"; a question or a sentence of
    their own is kept."""
    text = ask.strip()
    if not text or text.endswith(("?", "!")):
        return text
    body = text.rstrip(". ")
    whether = _WHETHER_YOU.match(body)
    if whether:
        return f"Would you {body[whether.end() :]}?"
    first = body.split(maxsplit=1)[0].casefold()
    if first in _NOUN_PHRASE_STARTS or (first.endswith("ing") and len(first) > 4):
        return f"Would you be open to {body[0].lower()}{body[1:]}?"
    return text if text.endswith(".") else f"{text}."


_WHETHER_YOU = re.compile(r"^whether\s+you(?:'d| would)\s+", re.IGNORECASE)
# How an ask written as a noun phrase starts ("a 20-minute call …", "some advice on …").
_NOUN_PHRASE_STARTS = frozenset({"a", "an", "one", "some", "two", "three", "the", "your"})


def ask_values(facts: DraftFacts, ask: Ask) -> dict[str, str]:
    """What `ask`'s "{company}" and "{target}" stand for. A club's organiser is asked about
    the club's events, not their employer's: their company counts only when its name says it
    is a community ("ProductTank Munich" is not "Flinkly Mobility")."""
    company = facts.person.company
    if ask is ASKS_WITH_GOAL["club"] and not _names_a_community(company):
        company = ""
    return {"company": company, "target": facts.goal.target}


def _names_a_community(name: str) -> bool:
    return bool(words_pattern(COMMUNITY + MEMBERSHIP_BODIES).search(fold(name)))


def ask_for(facts: DraftFacts) -> Ask:
    """The row of the ask tables for this person and goal."""
    category = "friend_family" if facts.person.family else facts.category
    if not facts.goal.purpose:
        return ASKS_WITHOUT_GOAL.get(category, ASKS_WITHOUT_GOAL[""])
    if facts.goal.internal and not facts.person.internal and not facts.person.family:
        return ASKS_WITH_GOAL["mentor"]  # an outsider can advise on an internal goal, no more
    if not _may_hear_the_aim(facts):
        return CAREER_PATH_ASK
    if facts.goal.purpose == "team_bonding" and facts.person.internal:
        return _one_for(facts.person.full_name, TEAM_COFFEE_ASKS)
    by_purpose = PURPOSE_ASKS.get(facts.goal.purpose, {})
    if category in by_purpose:
        return by_purpose[category]
    if category == "recruiter" and facts.goal.purpose != "career":
        category = ""  # what they hire for is no question for a goal that is no job search
    return ASKS_WITH_GOAL.get(category, ASKS_WITH_GOAL[""])


def subject_slot(facts: DraftFacts) -> Slot:
    """Subject lines, most specific first; only channels with a subject use them."""
    p, goal = facts.person, facts.goal
    forms: list[str] = []
    # A reply to their mail only where the message continues it: with no goal of its own.
    touch = None if p.family or goal.purpose else p.last_touch
    mail = touch is not None and touch.kind.startswith("email") and not touch.logged
    days = facts.days_since_touch
    recent = days is not None and days <= STALE_THANKS_DAYS
    if touch is not None and mail and recent and mail_subject(touch.summary):
        forms.append(f"Re: {mail_subject(touch.summary)}")  # not a thread months old
    if facts.channel == "video_call":
        short_aim = (
            goal.aim if goal.aim and len(goal.aim) <= 40 and goal.purpose != "career" else ""
        )
        forms.append(f"{CHANNEL_MINUTES} minutes on {short_aim}?" if short_aim else "")
        forms.append(f"A {CHANNEL_MINUTES}-minute call?")
    if p.event_met_at and (facts.occasion or not touched_since_the_event(facts)):
        forms.append(
            f"Thank you for {p.event_met_at}"
            if facts.occasion == "thank_you"
            else f"Following up from {p.event_met_at}"
        )
    if p.introducer:
        forms.append(f"{p.introducer} suggested I get in touch")
    if facts.occasion == "keep_in_touch":
        forms.append("Checking in")
    ask = ask_for(facts)
    # The table's subject promises the table's ask ("Who should I talk to?"), not the user's.
    by_ask = "" if goal.ask else ask.subject_line(ask_values(facts, ask))
    # A career aim is no subject line: a subject is read by whoever sees the inbox. Their
    # own path is what the user asks about.
    said = goal.aim and len(goal.aim) <= 60 and goal.purpose != "career"
    by_aim = goal.aim[0].upper() + goal.aim[1:] if said else ""
    # Not above the user's own ask, which may be about anything but their path.
    if goal.purpose == "career" and p.title and len(p.title) <= 40 and not goal.ask:
        by_aim = f"Your path to {p.title}"
    # The aim says more than a generic subject, less than one in the ask's own terms (but a
    # sponsor wants to know what for).
    generic = by_ask in GENERIC_SUBJECTS or goal.purpose == "sponsorship"
    forms += [by_aim, by_ask] if generic else [by_ask, by_aim]
    forms.append("A quick question" if goal.purpose else "Hello")
    return Slot("subject", distinct(forms))


def draft_facts(
    contact: ContactSnapshot,
    channel: str,
    me: MeProfile,
    goal: GoalSpec | None,
    shared: SharedContext | None,
    today: date,
    occasion: str = "",
) -> DraftFacts:
    person = person_facts(contact, me, shared, today)
    _title, company = current_role(contact.profile)
    return DraftFacts(person, goal_facts(goal, company), me_facts(me), channel, today, occasion)


def agenda_for(facts: DraftFacts) -> list[str]:
    """What a video call would cover, one line each."""
    p = facts.person
    lines = [] if facts.warm else ["A quick introduction from each of us"]
    if p.company:
        lines.append(f"What your team at {p.company} is working on")
    elif p.title:
        lines.append(f"Your role as {p.title}")
    topic = ask_for(facts).topic
    aim = facts.goal.aim if _may_hear_the_aim(facts) else "my next step"
    if facts.goal.purpose and topic and not facts.goal.ask:
        lines.append(topic.replace("{aim}", aim or "it"))
    elif facts.goal.aim:
        lines.append(f"Your view on {aim}")
    return lines


def build_slots(facts: DraftFacts) -> dict[str, Slot]:
    hook = hook_slot(facts)
    return {
        "hook": hook,
        "second_fact": second_fact_slot(facts, hook),
        "why": why_slot(facts),
        "intro": intro_slot(facts),
        "offer": offer_slot(facts),
        "ask": ask_slot(facts),
        "return_offer": return_offer_slot(facts),
        "subject": subject_slot(facts),
    }
