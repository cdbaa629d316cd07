"""A request to a teammate for a warm introduction to someone in their book: the same
drafting as an introduction through a contact, with the teammate as the introducer. Only
what the team index shows of the person (name, company, title) goes into it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from helper.drafting import Draft as ComposedDraft
from helper.drafting import compose_intro_request
from helper.records import ContactSnapshot, ProfileRecord
from helper.store.convert import me_profile
from helper.store.goals import get_goal, goal_spec
from helper.store.me import get_me
from helper.store.message_templates import session_overrides
from helper.store.team.index import TeamPerson

# A teammate is a colleague the user works with now: the draft's tone is a colleague's.
TEAMMATE_CATEGORIES = ["colleague"]


def teammate_intro(
    book: Session, person: TeamPerson, teammate_name: str, goal_id: int | None
) -> ComposedDraft:
    """An email to `teammate_name` asking to be introduced to `person`."""
    me = me_profile(get_me(book))
    employer = me.employers[0] if me.employers else ""
    target = ContactSnapshot(
        id=0,
        profile=ProfileRecord(
            name=person.name, current_company=person.company, current_title=person.title
        ),
    )
    teammate = ContactSnapshot(
        id=0,
        profile=ProfileRecord(name=teammate_name, current_company=employer),
        categories=TEAMMATE_CATEGORIES,
        tier="strengthen",
    )
    goal = goal_spec(get_goal(book, goal_id)) if goal_id else None
    request = compose_intro_request(
        target, teammate, me, goal, channel="email", override_dir=session_overrides(book)
    )
    return request.draft
