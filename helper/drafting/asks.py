"""What a message asks for and offers, by the person's category: one table each.

The ask follows step 3 of the method: a recruiter is asked which roles they are hiring for, an
introducer for an introduction, a mentor for advice on a decision, a customer for their need,
a supplier for what they offer, a specialist for their view, a club for how to take part.
With a goal, the message has already said what the user is working on, so an ask may refer
back to it ("it", "this"); without one, the ask stands on its own.

Each entry gives a long and a short form; the composer uses the long one when it fits the
channel. Placeholders: {company} (their organisation), {target} (an organisation the goal
names that is not theirs).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ask:
    long: str
    short: str
    # Used instead when a placeholder of the forms above has no value.
    long_fallback: str = ""
    short_fallback: str = ""
    # The same ask as a line of a video call's agenda, where the call itself is the ask
    # ({aim} is the goal's aim: an agenda line stands alone, so it names what "it" was).
    topic: str = ""
    # A subject line in the ask's spirit, for channels with one ({company}/{target} allowed).
    subject: str = ""
    subject_fallback: str = ""

    def subject_line(self, values: dict[str, str]) -> str:
        needs = [name for name in ("company", "target") if "{" + name + "}" in self.subject]
        if all(values.get(name) for name in needs):
            return self.subject.format(**values)
        return self.subject_fallback.format(**values)

    def forms(self, values: dict[str, str]) -> list[str]:
        """The long and short forms filled in, or the fallbacks where a value is missing."""
        chosen = []
        for form, fallback in ((self.long, self.long_fallback), (self.short, self.short_fallback)):
            needs = [name for name in ("company", "target") if "{" + name + "}" in form]
            if all(values.get(name) for name in needs):
                chosen.append(form.format(**values))
            elif fallback:
                chosen.append(fallback.format(**values))
        return chosen


# With a goal: the message has said what the user is working on just before the ask.
ASKS_WITH_GOAL: dict[str, Ask] = {
    "recruiter": Ask(
        "Which roles or teams are you hiring for at the moment, and do you think my background "
        "would fit?",
        "Are you hiring for roles my background would fit?",
        topic="The roles you're hiring for, and whether my background fits",
        subject="Roles you're hiring for",
    ),
    "introducer": Ask(
        "Would you be open to introducing me to someone at {target} who could help?",
        "Could you introduce me to someone at {target}?",
        "Do you know someone who could help with this, and would you be open to introducing us?",
        "Do you know someone I should talk to about this?",
        topic="Who you think I should talk to, and whether you could introduce us",
        subject="An introduction at {target}",
        subject_fallback="Could you introduce me?",
    ),
    "mentor": Ask(
        "Could I ask your advice on how to approach it? Twenty minutes would be plenty.",
        "Could I ask your advice on it?",
        topic="Your advice on {aim}",
        subject="Could I ask your advice?",
    ),
    "customer": Ask(
        "What does your team need most this year? I'd welcome a short call to hear about it.",
        "What does your team need most this year?",
        topic="What your team needs most this year",
        subject="A question about your needs at {company}",
        subject_fallback="A question about your needs",
    ),
    "supplier": Ask(
        "Could you tell me what {company} offers for this, and what it would take to get started?",
        "What does {company} offer for this?",
        "Could you tell me what you offer for this, and what it would take to get started?",
        "What do you offer for this?",
        topic="What you offer for this",
        subject="What {company} offers",
        subject_fallback="A question about what you offer",
    ),
    "specialist": Ask(
        "How would you approach it? I'd value your view over a short call.",
        "How would you approach it?",
        topic="How you would approach {aim}",
        subject="A question for you",
    ),
    "club": Ask(
        "How could I take part in the events at {company}, or speak at one?",
        "How could I get involved with {company}?",
        "How could I take part in your events, or speak at one?",
        "How could I get involved?",
        topic="How I could take part in your events",
        subject="Getting involved with {company}",
        subject_fallback="Getting involved",
    ),
    "colleague": Ask(
        "Would you be up for a catch-up soon? I'd value your take on it.",
        "Up for a catch-up soon?",
        topic="Catching up, and your take on {aim}",
        subject="Catching up",
    ),
    "internal": Ask(
        "Could we grab a coffee to compare notes on it?",
        "Coffee to compare notes?",
        topic="How our teams could help each other with {aim}",
        subject="Comparing notes",
    ),
    "friend_family": Ask(
        "Could I pick your brain about it over a coffee soon?",
        "Could I pick your brain about it soon?",
        topic="Catching up, and your thoughts on {aim}",
        subject="Can I pick your brain?",
    ),
    "": Ask(
        "Would you be open to a 20-minute chat about it?",
        "Open to a short chat about it?",
        topic="Your view on {aim}",
        subject="A quick question",
    ),
}

# Where the goal's purpose decides the ask more than the person's category: a sponsor is asked
# to back the work, and on a career or insight goal a customer or supplier is asked for their
# view rather than sold to. Keyed by purpose, then category.
PURPOSE_ASKS: dict[str, dict[str, Ask]] = {
    # Only someone inside the organisation can back an internal project.
    "sponsorship": dict.fromkeys(
        ("internal", "mentor", ""),
        Ask(
            "Could I take 20 minutes to walk you through it, and hear whether you'd consider "
            "backing it?",
            "Could I walk you through it?",
            topic="What I'm building, and whether you'd consider backing it",
            subject="Looking for a sponsor",
        ),
    ),
    "career": {
        **dict.fromkeys(
            ("customer", "supplier", "club", "specialist"),
            Ask(
                "What do you think it takes to get there? I'd value your view.",
                "What do you think it takes to get there?",
                topic="What you think {aim} takes",
                subject="Could I ask your view?",
            ),
        ),
        "internal": Ask(
            "Could I ask your advice on making that move here? Twenty minutes would be plenty.",
            "Could I ask your advice on it?",
            topic="Your advice on {aim} here",
            subject="Could I ask your advice?",
        ),
    },
    # On a business goal, people who see many businesses are asked who might need it, and
    # colleagues inside the organisation for advice.
    "business": {
        **dict.fromkeys(
            ("supplier", "recruiter"),
            Ask(
                "You must see a lot of teams: is there anyone you think I should talk to? I'd "
                "be grateful for an introduction.",
                "Is there anyone I should talk to?",
                topic="Teams you know that I should talk to",
                subject="Who should I talk to?",
            ),
        ),
        **dict.fromkeys(
            ("specialist", "colleague"),
            Ask(
                "Is there anyone you think I should talk to? I'd be grateful for an introduction.",
                "Is there anyone I should talk to?",
                topic="Teams you know that I should talk to",
                subject="Who should I talk to?",
            ),
        ),
        "internal": Ask(
            "Could I ask your advice on it? Twenty minutes would be plenty.",
            "Could I ask your advice on it?",
            topic="Your advice on {aim}",
            subject="Could I ask your advice?",
        ),
    },
    # Not to someone inside: "your side of the industry" is the user's own side.
    "industry_insight": dict.fromkeys(
        ("customer", "supplier", "specialist", "colleague", ""),
        Ask(
            "Could I ask you a few questions about how your side of the industry works? Twenty "
            "minutes would be plenty.",
            "Could I ask you a few questions about it?",
            topic="How your side of the industry works",
            subject="A few questions about your side of the industry",
        ),
    ),
    "expert_team": dict.fromkeys(
        ("specialist", "colleague", "internal", ""),
        Ask(
            "Would you be interested in joining us? I'd be glad to tell you more over a short "
            "call.",
            "Would you be interested in joining us?",
            topic="The group I'm bringing together, and whether you'd like to join",
            subject="An invitation to join a small group",
        ),
    ),
}

# To one's own team, team bonding is time together and an open ear, not a project; said a
# few ways, one per person, since teammates compare the messages they get.
TEAM_COFFEE_ASKS = (
    Ask(
        "Could we grab a coffee this week? I'd like to hear how things are going for you.",
        "Coffee this week?",
        topic="How things are going for you",
        subject="Coffee this week?",
    ),
    Ask(
        "Do you have time for a coffee in the next few days? I'd like to hear how you're "
        "finding things at the moment.",
        "Time for a coffee this week?",
        topic="How you're finding things at the moment",
        subject="A coffee in the next few days?",
    ),
    Ask(
        "Shall we get a coffee soon, just the two of us? I'd value hearing how things look "
        "from your side.",
        "Coffee soon?",
        topic="How things look from your side",
        subject="Coffee soon?",
    ),
)

# A career goal told only as "my next career step" (see `slots._may_hear_the_aim`): the ask is
# about their path, with nothing that points back at a role never named.
CAREER_PATH_ASK = Ask(
    "What has helped you most on your own path? I'd value your view.",
    "What helped you most on your own path?",
    topic="Your own path, and what helped you most",
    subject="Learning from your path",
)

# Without a goal: nothing to refer back to.
ASKS_WITHOUT_GOAL: dict[str, Ask] = {
    "recruiter": Ask(
        "Which roles are you hiring for at the moment? I'd be glad to hear what you're seeing in "
        "the market.",
        "What are you hiring for at the moment?",
        subject="What you're hiring for",
    ),
    "introducer": Ask(
        "Would you be up for a coffee to catch up on who you're working with?",
        "Up for a coffee soon?",
        subject="Catching up",
    ),
    "mentor": Ask(
        "Could I ask your advice over a short call sometime?",
        "Could I ask your advice sometime?",
        subject="Could I ask your advice?",
    ),
    "friend_family": Ask(
        "Fancy catching up over a coffee soon?",
        "Coffee soon?",
        subject="Catching up",
    ),
    "internal": Ask(
        "Could we grab a coffee sometime to compare notes?",
        "Coffee sometime?",
        subject="Comparing notes",
    ),
    "": Ask(
        "Would you be open to a short chat sometime?",
        "Open to a short chat?",
        subject="Saying hello",
    ),
}

# What the user offers, by category: "goal" uses the goal's offer (or Me's, for the purposes
# where a professional offer belongs), before the ask; "cv" (on career goals) and "favour" are
# said after the ask, as the return for it; None offers nothing (a mentor, family, a supplier
# selling to the user).
OFFER_KIND: dict[str, str | None] = {
    "recruiter": "cv",
    "introducer": "favour",
    "mentor": None,
    "customer": "goal",
    "supplier": None,
    "specialist": "goal",
    "club": "goal",
    "colleague": "goal",
    "internal": None,
    "friend_family": None,
    "": "goal",
}
# Who an up-front offer (the goal's or Me's) goes to: on a business goal, the customers it is
# for; otherwise people who would use it. A "free review of your pipeline" is no gift to a
# recruiter, a meetup organiser or an expert in pipelines.
OFFER_TO: dict[str, frozenset[str]] = {
    "business": frozenset({"customer", ""}),
    "": frozenset({"customer", "colleague", ""}),
}
OFFER_TO_OTHERWISE = frozenset({"customer", "colleague", "club", ""})
# Me's standing offer goes with these purposes only: something given to a prospect, or in
# return for their insight (the method's "what can you offer your potential contacts?"); out of
# place when inviting experts to a team, asking for practical help, a sponsor or a job. A
# goal's own offer goes with its drafts.
ME_OFFER_PURPOSES = frozenset({"", "business", "industry_insight"})
CV_OFFER = ("I'd be glad to send over my CV if that helps.", "Happy to send my CV.")
FAVOUR_OFFER = ("I'd be glad to return the favour any time.", "Happy to return the favour.")
