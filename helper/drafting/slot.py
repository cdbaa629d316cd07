"""A sentence slot of a message and what the slots are written from.

A slot holds its forms, richest first; `DraftFacts` holds the person, the goal, the user, the
channel and the day, with the judgements every slot shares (warm, met before, former
colleague, the category an ask is chosen by)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from helper.drafting.facts import GoalFacts, MeFacts, PersonFacts, primary_category


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
    def days_since_touch(self) -> int | None:
        """Days since the user and the person were last in touch, None when never (or on a
        day not known)."""
        touch = self.person.last_touch
        if touch is None or touch.when is None:
            return None
        return (self.today - touch.when).days

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


def distinct(forms: list[str]) -> list[str]:
    return list(dict.fromkeys(form for form in forms if form))
