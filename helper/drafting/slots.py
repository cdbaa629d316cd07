"""The sentences a message is made of, each with a long and a short form.

A message template places the slots (`{{ hook }}`, `{{ why }}`, `{{ intro }}`, `{{ offer }}`,
`{{ ask }}`, `{{ subject }}`); the composer starts with every slot's richest form and, while the
text is over the channel's limit, steps a slot down to its next form, the least important slot
first. A form is always whole sentences, so nothing is ever cut mid-sentence.

- hook: one true, specific fact about the person, the strongest known: the last conversation,
  the event you met at (and what you discussed), an introducer, a recent move, what they are
  hiring for, a line of their About text, a shared employer or school, their current role.
- why: the reason for writing now, from the goal's aim in the user's words.
- intro: who the user is, said once, only to someone who does not know them.
- offer and ask: from the category tables in `helper.drafting.asks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

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
    Ask,
)
from helper.drafting.context import SharedContext, current_role, offer_context
from helper.drafting.facts import (
    GoalFacts,
    MeFacts,
    PersonFacts,
    event_in_sentence,
    goal_facts,
    mail_subject,
    me_facts,
    month_phrase,
    person_facts,
    primary_category,
    reads_as_english,
)
from helper.records import ContactSnapshot, GoalSpec, MeProfile

# The order slots give way in when a message is too long: the offers first, the hook last (a
# draft without a true fact about the person is not worth sending). The last-resort slots go
# altogether only when every slot is at its shortest, the reason before the hook.
GIVE_WAY_ORDER = ("return_offer", "offer", "intro", "second_fact", "ask", "why", "hook")
LAST_RESORT = ("second_fact", "why", "hook")
OCCASIONS = ("", "thank_you", "check_in", "keep_in_touch")
# Past this, "thanks again" for an email sounds like it was never answered.
STALE_THANKS_DAYS = 60
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
# Up to this many days after the last touch, "it's been a while" is not true; after this
# many, "thanks again for our call" is too late to say.
LATELY_DAYS = 60
LONG_AGO_DAYS = 365
# Whom a job search is not told: the people the user does business with.
CAREER_OUTSIDERS = frozenset({"customer", "supplier"})
_SELF_INTRO = re.compile(r"^\s*(?:hi|hello)?[,!.]?\s*(?:i'm|i am|i’m|my name is)\s+", re.I)


@dataclass
class Slot:
    """One sentence slot: its forms, richest first, and the one in use."""

    name: str
    forms: list[str] = field(default_factory=list)
    index: int = 0
    dropped: bool = False

    def __str__(self) -> str:
        if self.dropped or self.index >= len(self.forms):
            return ""
        return self.forms[self.index]

    def __bool__(self) -> bool:
        return bool(str(self))

    @property
    def can_give_way(self) -> bool:
        return self.index < len(self.forms) - 1

    def give_way(self) -> None:
        self.index += 1

    def drop(self) -> None:
        self.dropped = True


@dataclass(frozen=True)
class DraftFacts:
    """Everything the slots are written from."""

    person: PersonFacts
    goal: GoalFacts
    me: MeFacts
    channel: str
    today: date
    occasion: str = ""

    @property
    def category(self) -> str:
        """The table row for the ask and the offer ("internal" for a colleague at the user's
        own organisation, or anyone when the goal is internal)."""
        key = primary_category(self.person, self.goal)
        if key == "friend_family":
            return key
        if self.person.internal:
            return "internal"
        # Someone outside the organisation can only advise on an internal goal.
        return "mentor" if self.goal.internal else key

    @property
    def warm(self) -> bool:
        """True when the person knows the user: they have been in touch, they are family, or
        they worked together before (a colleague at a former employer of both)."""
        p = self.person
        return p.has_history or p.family or self.former_colleague or self.occasion != ""

    @property
    def former_colleague(self) -> bool:
        """Someone from a former employer whom the user has been in touch with: a shared
        employer alone does not say their time there overlapped."""
        p = self.person
        worked_together = bool(p.shared_employer) and not p.shared_employer_current
        return "colleague" in p.categories and worked_together and p.has_history

    @property
    def met_before(self) -> bool:
        """True when they have met face to face or spoken, not only written."""
        p = self.person
        spoken = p.last_touch is not None and p.last_touch.kind in ("met", "call")
        return spoken or bool(p.event_met_at) or p.family or self.former_colleague


def _distinct(forms: list[str]) -> list[str]:
    return list(dict.fromkeys(form for form in forms if form))


def _touch_forms(facts: DraftFacts) -> list[str]:
    touch = facts.person.last_touch
    if touch is None or touch.when is None:
        return []
    if (facts.today - touch.when).days > LONG_AGO_DAYS:
        # "Thanks again for our call in March 2025" twenty months on reads oddly.
        return ["It's been a while since we were last in touch."]
    when = month_phrase(touch.when, facts.today)
    # A touch the user logged carries their private note, never a subject to quote.
    quotable = touch.kind.startswith("email") and not touch.logged
    subject = mail_subject(touch.summary) if quotable else ""
    about = f" about “{subject}”" if subject else ""
    stale = (facts.today - touch.when).days > STALE_THANKS_DAYS
    if touch.kind == "email_received":
        if stale:
            return [
                f"I'm following up on your email{about} {when}.",
                f"Following up on your email {when}.",
            ]
        return [f"Thanks again for your email{about} {when}.", f"Thanks for your email {when}."]
    if touch.kind == "email_sent":
        return [f"I'm following up on my note{about} {when}.", f"Following up on my note {when}."]
    if touch.kind == "call":
        return [f"Thanks again for our call {when}."]
    if touch.kind == "met":
        return [f"It was good to see you {when}."]
    # A message logged by hand does not say who wrote last: no thanks for it.
    if touch.logged or stale:
        return [
            f"I'm following up on our messages {when}.",
            f"Following up on our messages {when}.",
        ]
    return [f"Thanks again for your message {when}."]


def _event_forms(facts: DraftFacts) -> list[str]:
    """The event they met at, as each occasion speaks of it: thanks the next day, a check-in
    a couple of weeks on, or the fact it is in a first message."""
    event, topic = event_in_sentence(facts.person.event_met_at), facts.person.event_topic
    if not event:
        return []
    about = f" about {topic}" if topic else ""
    if facts.occasion == "thank_you":
        return [
            f"Thank you for the conversation at {event}{about}: I really enjoyed it.",
            f"Thanks for the chat at {event}.",
        ]
    if facts.occasion == "check_in":
        return [
            f"It's been a couple of weeks since {event}, and I've been thinking about our "
            f"conversation{about}.",
            f"It's been a couple of weeks since {event}.",
        ]
    talked = f" and talk about {topic}" if topic else ""
    return [f"It was good to meet you at {event}{talked}.", f"It was good to meet you at {event}."]


def _profile_hooks(facts: DraftFacts) -> list[list[str]]:
    """Facts from their profile, strongest first, each as [long, short]."""
    p = facts.person
    hooks: list[list[str]] = []
    if p.recent_move and p.company:
        role = f" as {p.title}" if p.title else ""
        hooks.append(
            [f"Congratulations on your move to {p.company}{role}.", f"Congrats on {p.company}!"]
        )
    if p.hiring:
        what = f" {p.hiring}" if p.hiring != "yes" else ""
        # A recruiter hires for clients, not for the agency they work at.
        where = f" at {p.company}" if p.company and "recruiter" not in p.categories else ""
        hooks.append([f"I saw you're hiring{what}{where}.", "I saw you're hiring."])
    if p.open_to:
        hooks.append([f"I saw you're open to {p.open_to}."])
    if p.about_line and reads_as_english(p.about_line) and not p.has_history:
        # A German or French line quoted inside an English message reads as pasted.
        hooks.append([f"Your About section caught my eye: “{p.about_line}”"])
    if p.shared_employer and p.shared_employer_current:
        if not p.has_history:  # to someone they know, working together goes without saying
            hooks.append(
                [
                    f"We both work at {p.shared_employer}, though I don't think we've properly "
                    "met.",
                    f"We both work at {p.shared_employer}.",
                ]
            )
    elif p.shared_employer and facts.former_colleague:
        # For a former colleague the time together is the strongest thing to say, unless
        # they met lately ("good to see you in November. It's been a while …" contradicts).
        if not _touched_lately(facts):
            hooks.insert(0, [f"It's been a while since our time at {p.shared_employer}."])
    elif p.shared_employer and p.shared_employer.casefold() == p.company.casefold():
        hooks.append([f"I used to work at {p.shared_employer} too."])  # they still do
    elif p.shared_employer:
        hooks.append([f"We both spent time at {p.shared_employer}."])
    if p.shared_school:
        hooks.append([f"We both studied at {p.shared_school}."])
    if p.title and p.company:
        hooks.append(
            [
                f"I came across your role as {p.title} at {p.company}.",
                f"I came across your work at {p.company}.",
            ]
        )
    elif p.company:
        hooks.append([f"I came across your work at {p.company}."])
    elif p.title:
        hooks.append([f"I came across your role as {p.title}."])
    elif p.past_title and p.past_company:
        hooks.append([f"I came across your time as {p.past_title} at {p.past_company}."])
    if p.shared_location:
        hooks.append([f"We're both based in {p.shared_location}."])
    return hooks


def _is_news(form: str) -> bool:
    """What is worth saying face to face to someone you know: their news, your time together."""
    news = form.startswith(("Congratulations", "I saw you're hiring", "It's been a while since"))
    return news


def _family_hooks(facts: DraftFacts) -> list[list[str]]:
    """Family and friends get no "I came across your role": how they are, and their news."""
    p = facts.person
    if p.recent_move and p.company:
        return [[f"Congratulations again on the move to {p.company}!", "Congrats on the move!"]]
    if p.company and not p.internal:
        return [[f"I hope things are going well at {p.company}.", "Hope all is well!"]]
    return [["Hope you're doing well!", "Hope all is well!"]]


def hook_slot(facts: DraftFacts) -> Slot:
    """The strongest fact as [long, short], then the short form of the next one."""
    p = facts.person
    candidates: list[list[str]] = []
    if facts.occasion in ("thank_you", "check_in"):
        candidates.append(_event_forms(facts))
    if facts.occasion == "keep_in_touch":
        candidates.append(_keep_in_touch_forms(facts))
    met_at_the_event = (
        bool(p.event_met_at) and p.last_touch is not None and (p.last_touch.kind == "met")
    )
    if met_at_the_event:
        candidates.append(_event_forms(facts))  # the event names the meeting better than a month
    if not p.family or (p.last_touch and p.last_touch.kind in ("met", "call")):
        candidates.append(_touch_forms(facts))
    candidates.append(_event_forms(facts))
    if p.introducer:
        candidates.append([f"{p.introducer} suggested I get in touch."])
    if facts.channel == "in_person" and facts.met_before:
        # Face to face with someone they know, news is worth saying, their job title is not.
        news = [forms for forms in _profile_hooks(facts) if _is_news(forms[0])]
        candidates += news
    else:
        candidates += _family_hooks(facts) if p.family else _profile_hooks(facts)
    if facts.channel == "in_person" and facts.met_before and _touched_lately(facts):
        # Face to face, "good to see you again" has said it: no "we haven't caught up since".
        candidates = [
            [f for f in forms if not f.startswith("It was good to see you")] for forms in candidates
        ]
    usable = [forms for forms in candidates if forms]
    if not usable:
        return Slot("hook", [])
    best, *rest = usable
    forms = _distinct([*best, *(forms[-1] for forms in rest[:1])])
    if facts.channel == "in_person":
        # A quoted line of their About text, said aloud, would sound like the user's own claim.
        spoken = [f for f in forms if not f.startswith("Your About section")]
        forms = [_spoken(form) for form in spoken or forms]
    return Slot("hook", forms)


def _touched_lately(facts: DraftFacts) -> bool:
    touch = facts.person.last_touch
    if touch is None or touch.when is None:
        return False
    return (facts.today - touch.when).days <= LATELY_DAYS


_WRITTEN_TO_SPOKEN = (
    ("I came across your role as ", "I hear you're "),
    ("I came across your work at ", "I hear you're at "),
    ("I came across your time as ", "I hear you were "),
    ("It was good to meet you at ", "We met at "),
    ("Thanks again for your email", "Thanks again for your email"),
)


def _spoken(form: str) -> str:
    """A written hook as it is said face to face."""
    for written, spoken in _WRITTEN_TO_SPOKEN:
        if form.startswith(written):
            form = spoken + form[len(written) :]
            break
    # Said aloud, a subject is not in quotes, and a meeting is in the past; after "good to see
    # you again", the last meeting is said as how long it has been.
    form = re.sub(r"^It was good to see you in (.+)\.$", r"We haven't caught up since \1.", form)
    return form.replace("“", "").replace("”", "").replace(" and talk about ", " and talked about ")


def _keep_in_touch_forms(facts: DraftFacts) -> list[str]:
    p = facts.person
    since = ""
    if p.last_touch is not None and p.last_touch.when is not None:
        since = f" since we last spoke {month_phrase(p.last_touch.when, facts.today)}"
    how = f"How are things at {p.company}?" if p.company else "How are things with you?"
    return [f"I've been meaning to check in{since}. {how}", f"I've been meaning to check in. {how}"]


def second_fact_slot(facts: DraftFacts, hook: Slot) -> Slot:
    """A second fact for the longer channels, different from the hook."""
    if facts.channel not in ("email", "linkedin_inmail", "video_call") or facts.person.family:
        return Slot("second_fact", [])
    # Only against the hook's first form: the second fact gives way before the hook shortens.
    used = hook.forms[0] if hook.forms else ""
    for forms in _profile_hooks(facts):
        routine = "came across" in forms[0] or forms[0].startswith("I saw you're open to")
        if forms[0] != used and forms[-1] != used and not routine:
            return Slot("second_fact", [forms[0], ""])
    return Slot("second_fact", [])


def why_slot(facts: DraftFacts) -> Slot:
    goal = facts.goal
    if facts.occasion == "thank_you":
        return Slot("why", ["I'd love to stay in touch.", ""])
    if not goal.purpose:
        if facts.occasion == "check_in":
            return Slot("why", ["I'd love to hear how things have moved on since.", ""])
        if facts.occasion == "keep_in_touch" or facts.person.family:
            return Slot("why", [])
        if facts.warm:
            return Slot(
                "why", ["It would be good to catch up and hear what you're working on.", ""]
            )
        return Slot("why", ["I'd like to connect and hear what you're working on.", ""])
    long_default, short_default = _PURPOSE_WHY.get(goal.purpose, ("", ""))
    if not goal.aim or not _may_hear_the_aim(facts):
        return Slot("why", _distinct([long_default, short_default]))
    if facts.person.family:
        return Slot("why", [f"I'm working on {goal.aim} and would love your thoughts."])
    lead = WHY_LEADS.get(facts.category, "Right now I'm focused on")
    if facts.occasion == "check_in":
        lead = "These days I'm focused on"
    if lead.endswith("towards") and goal.aim.split()[0].endswith("ing"):
        lead = "Right now I'm focused on"  # "working towards finding …" reads badly
    return Slot("why", _distinct([f"{lead} {goal.aim}.", short_default]))


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
    return Slot("intro", [*_distinct(forms), ""])


def greeting_for(facts: DraftFacts, nameless: str) -> str:
    """ "Hi Priya," (written), or "Hi Priya, I'm Sam." in person when the pitch does not say
    the name itself."""
    first = facts.person.first_name
    formal = facts.person.formal_name
    if facts.channel in ("email", "linkedin_inmail", "video_call") and formal and not facts.warm:
        return f"Dear {formal},"
    if facts.channel != "in_person":
        return f"Hi {first}," if first else nameless
    says_name = _self_introduces(pitch_for(facts)) and not facts.warm
    if first and facts.met_before:
        return f"Hi {first}, good to see you again."
    hello = f"Hi {first}" if first else "Hello"
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
    values = {"company": facts.person.company, "target": facts.goal.target}
    if facts.goal.ask:
        # The user's own ask, or the table's short one where it does not fit the channel.
        own = as_question(facts.goal.ask)
        return Slot("ask", _distinct([own, *ask_for(facts).forms(values)[-1:]]))
    occasion_asks = {
        "thank_you": ["Would you be up for a coffee in the next few weeks to carry on?"],
        "check_in": ["Would you be up for a short call to pick it up again?"],
        "keep_in_touch": ["Would you be up for a quick catch-up in the next few weeks?"],
    }
    if facts.occasion == "thank_you" or (facts.occasion and not facts.goal.purpose):
        return Slot("ask", [*occasion_asks[facts.occasion], "Catch up soon?"])
    forms = ask_for(facts).forms(values)
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
        forms = _distinct([_without_call(form) for form in forms])
    return Slot("ask", forms)


def _without_call(form: str) -> str:
    sentences = re.split(r"(?<=[.?!])\s+", form)
    kept = [s for s in sentences if "call" not in s and "minutes" not in s]
    return " ".join(kept)


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


def ask_for(facts: DraftFacts) -> Ask:
    """The row of the ask tables for this person and goal."""
    category = "friend_family" if facts.person.family else facts.category
    if not facts.goal.purpose:
        return ASKS_WITHOUT_GOAL.get(category, ASKS_WITHOUT_GOAL[""])
    if facts.goal.internal and not facts.person.internal and not facts.person.family:
        return ASKS_WITH_GOAL["mentor"]  # an outsider can advise on an internal goal, no more
    if not _may_hear_the_aim(facts):
        return CAREER_PATH_ASK
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
    if touch is not None and mail and mail_subject(touch.summary):
        forms.append(f"Re: {mail_subject(touch.summary)}")
    if facts.channel == "video_call":
        short_aim = (
            goal.aim if goal.aim and len(goal.aim) <= 40 and goal.purpose != "career" else ""
        )
        forms.append(f"{CHANNEL_MINUTES} minutes on {short_aim}?" if short_aim else "")
        forms.append(f"A {CHANNEL_MINUTES}-minute call?")
    if p.event_met_at:
        forms.append(
            f"Thank you for {p.event_met_at}"
            if facts.occasion == "thank_you"
            else f"Following up from {p.event_met_at}"
        )
    if p.introducer:
        forms.append(f"{p.introducer} suggested I get in touch")
    if facts.occasion == "keep_in_touch":
        forms.append("Checking in")
    values = {"company": p.company, "target": goal.target}
    # The table's subject promises the table's ask ("Who should I talk to?"), not the user's.
    by_ask = "" if goal.ask else ask_for(facts).subject_line(values)
    # A career aim is no subject line: a subject is read by whoever sees the inbox. Their
    # own path is what the user asks about.
    said = goal.aim and len(goal.aim) <= 60 and goal.purpose != "career"
    by_aim = goal.aim[0].upper() + goal.aim[1:] if said else ""
    if goal.purpose == "career" and p.title and len(p.title) <= 40:
        by_aim = f"Your path to {p.title}"
    # The aim says more than a generic subject, less than one in the ask's own terms (but a
    # sponsor wants to know what for).
    generic = by_ask in GENERIC_SUBJECTS or goal.purpose == "sponsorship"
    forms += [by_aim, by_ask] if generic else [by_ask, by_aim]
    forms.append("A quick question" if goal.purpose else "Hello")
    return Slot("subject", _distinct(forms))


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
