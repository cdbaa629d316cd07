"""The hook of a message, its one true and specific fact about the person, and the second
fact the longer channels add: the last conversation, the event met at, an introducer, their
news, their About line, a shared employer or school, their role, as each channel says it."""

from __future__ import annotations

import re

from helper.drafting.slot import DraftFacts, Slot, distinct
from helper.drafting.wording import event_in_sentence, mail_subject, reads_as_english, time_phrase
from helper.importers.linkedin_zip import (
    INVITATION_RECEIVED,
    INVITATION_SENT,
    MESSAGE_RECEIVED,
    MESSAGE_SENT,
)

# Past this, "thanks again" for an email sounds like it was never answered.
STALE_THANKS_DAYS = 60
# Up to this many days after the last touch, "it's been a while" is not true; after this
# many, "thanks again for our call" is too late to say.
LATELY_DAYS = 60
LONG_AGO_DAYS = 365
_THEIRS = (MESSAGE_RECEIVED, INVITATION_RECEIVED)
_MINE = (MESSAGE_SENT, INVITATION_SENT)


def _touch_forms(facts: DraftFacts) -> list[str]:
    touch, days = facts.person.last_touch, facts.days_since_touch
    if touch is None or days is None:
        return []
    if days > LONG_AGO_DAYS:
        # "Thanks again for our call in March 2025" twenty months on reads oddly.
        return ["It's been a while since we were last in touch."]
    when = time_phrase(touch.when, facts.today)
    # A touch the user logged carries their private note, never a subject to quote.
    quotable = touch.kind.startswith("email") and not touch.logged
    subject = mail_subject(touch.summary) if quotable else ""
    if not reads_as_english(subject):
        subject = ""  # a German or French subject in quotes inside English reads as pasted
    about = f" about “{subject}”" if subject else ""
    stale = days > STALE_THANKS_DAYS
    # The time before the subject: "my note about “Budget v2” on Saturday" reads as if the
    # budget were Saturday's. Thanks for an email only once: no "again".
    if touch.kind == "email_received":
        if stale:
            return [
                f"I'm following up on your email {when}{about}.",
                f"Following up on your email {when}.",
            ]
        return [f"Thanks for your email {when}{about}.", f"Thanks for your email {when}."]
    if touch.kind == "email_sent":
        return [f"I'm following up on my note {when}{about}.", f"Following up on my note {when}."]
    if touch.kind == "call":
        return [f"Thanks again for our call {when}."]
    if touch.kind == "met":
        return [f"It was good to see you {when}."]
    # Only an imported message's summary says who wrote last: thanks for theirs alone.
    if not touch.logged and not stale and touch.summary.startswith(_THEIRS):
        return [f"Thanks again for your message {when}."]
    if not touch.logged and touch.summary.startswith(_MINE):
        return [f"I'm following up on my message {when}.", f"Following up on my message {when}."]
    return [f"I'm following up on our messages {when}.", f"Following up on our messages {when}."]


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
    meet = "see" if facts.person.knew_before_event else "meet"
    return [
        f"It was good to {meet} you at {event}{talked}.",
        f"It was good to {meet} you at {event}.",
    ]


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
    if _last_met_at_the_event(facts):
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
    forms = distinct([*best, *(forms[-1] for forms in rest[:1])])
    if facts.channel == "in_person":
        # A quoted line of their About text, said aloud, would sound like the user's own claim.
        spoken = [f for f in forms if not f.startswith("Your About section")]
        forms = [_spoken(form) for form in spoken or forms]
    return Slot("hook", forms)


def touched_since_the_event(facts: DraftFacts) -> bool:
    """Whether they have been in touch since the event they met at: a coffee in November
    says more than the demo day in September."""
    p = facts.person
    touch, day = p.last_touch, p.event_met_on
    return touch is not None and touch.when is not None and day is not None and touch.when > day


def _last_met_at_the_event(facts: DraftFacts) -> bool:
    """Whether the last touch was meeting them at the event; not a coffee weeks after it."""
    p = facts.person
    touch = p.last_touch
    if not p.event_met_at or touch is None or touch.kind != "met":
        return False
    return p.event_met_on is None or touch.when == p.event_met_on


def _touched_lately(facts: DraftFacts) -> bool:
    days = facts.days_since_touch
    return days is not None and days <= LATELY_DAYS


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
        since = f" since we last spoke {time_phrase(p.last_touch.when, facts.today)}"
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
