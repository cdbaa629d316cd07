"""A goal's aim in the user's words, as it completes "Right now I'm focused on …".

The aim is what drafts say the user is working on; the goal's keywords stay for matching. A
new goal's aim is suggested from its title when the title starts with what the user will do
("Move into platform leadership" -> "moving into platform leadership"), else from its purpose.
"""

from __future__ import annotations

from helper.drafting.context import clean_text

# Verbs a goal title tends to start with, and how they read after "focused on".
_GERUNDS = {
    "become": "becoming", "break": "breaking", "build": "building", "change": "changing",
    "close": "closing", "connect": "connecting", "create": "creating", "deepen": "deepening",
    "develop": "developing", "enter": "entering", "expand": "expanding", "explore": "exploring",
    "find": "finding", "form": "forming", "gain": "gaining", "get": "getting", "grow": "growing",
    "hire": "hiring", "improve": "improving", "join": "joining", "land": "landing",
    "launch": "launching", "lead": "leading", "learn": "learning", "make": "making",
    "map": "mapping", "meet": "meeting", "move": "moving", "open": "opening",
    "partner": "partnering", "plan": "planning", "prepare": "preparing", "raise": "raising",
    "reach": "reaching", "recruit": "recruiting", "research": "researching", "secure": "securing",
    "sell": "selling", "set": "setting", "source": "sourcing", "start": "starting",
    "step": "stepping", "strengthen": "strengthening", "study": "studying", "switch": "switching",
    "transition": "transitioning", "understand": "understanding", "win": "winning",
}  # fmt: skip
_PHRASE_STARTS = frozenset({"a", "an", "the", "my", "our", "more", "new", "better"})
PURPOSE_AIMS = {
    "career": "my next career step",
    "business": "finding new customers and partners",
    "industry_insight": "understanding how the industry works",
    "trade_support": "finding practical help for my work",
    "sponsorship": "finding a senior sponsor for my work",
    "expert_team": "bringing together a team of experts",
    "team_bonding": "getting to know the team better",
}


def suggest_aim(purpose: str, title: str) -> str:
    """An aim to offer the user for checking, from the goal's title or, failing that, its
    purpose."""
    text = clean_text(title).rstrip(" .!")
    first, _, rest = text.partition(" ")
    word = first.casefold()
    if word in _GERUNDS and rest:
        return f"{_GERUNDS[word]} {rest}"
    if ((word.endswith("ing") and len(word) > 4) or word in _PHRASE_STARTS) and rest:
        return f"{word} {rest}"
    return PURPOSE_AIMS.get(purpose, "")
