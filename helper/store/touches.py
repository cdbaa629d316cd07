"""Logging a touch by hand: a call, a coffee, a message on LinkedIn, X or WhatsApp, an email.

A touch is an `Interaction` like an imported email, so it resets the keep-in-touch cadence and
shows in the contact's history; its note is what was discussed. It also moves the person on
their goals (a conversation to "Met", a message to "Contacted"), never back, and answers any
chase that was waiting for them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from helper.db.models import Goal, GoalContact, Interaction
from helper.errors import OutreachError
from helper.store.chases import cancel_chases
from helper.store.contacts import get_contact
from helper.store.goals import get_goal
from helper.vocabulary import GOAL_STAGES, LOGGED_TOUCH_PREFIX, TOUCH_KINDS

MAX_NOTE_CHARS = 2_000
# How each kind of touch is stored: the interaction kind the cadence and history count, the
# channel it went through ("" where no channel of drafting fits), and the goal stage it
# reaches.
RECORDED_AS: dict[str, tuple[str, str, str]] = {
    "call": ("call", "", "met"),
    "video_call": ("call", "video_call", "met"),
    "meeting": ("met", "in_person", "met"),
    "coffee": ("met", "in_person", "met"),
    "linkedin_message": ("message", "linkedin_message", "contacted"),
    "x_message": ("message", "x_dm", "contacted"),
    "whatsapp_message": ("message", "", "contacted"),
    "email": ("email_sent", "email", "contacted"),
}
_ORDER = {stage: n for n, stage in enumerate(GOAL_STAGES)}


@dataclass(frozen=True)
class TouchInput:
    contact_id: int
    kind: str
    day: date
    note: str = ""
    goal_id: int | None = None


@dataclass(frozen=True)
class Touch:
    interaction: Interaction
    goal_stages: dict[int, str]
    """The goals the person moved on, with the stage each reached."""

    def to_json(self) -> dict:
        interaction = self.interaction
        return {
            "id": interaction.id,
            "contact_id": interaction.contact_id,
            "kind": interaction.kind,
            "channel": interaction.channel,
            "date": interaction.occurred_at.date().isoformat(),
            "note": interaction.summary,
            "goals": [{"goal_id": g, "stage": s} for g, s in self.goal_stages.items()],
        }


def log_touch(session: Session, data: TouchInput, *, today: date | None = None) -> Touch:
    """Record the touch; OutreachError when the kind, date or note cannot be stored."""
    contact = get_contact(session, data.contact_id)
    _check(data, today or datetime.now(UTC).date())
    kind, channel, stage = RECORDED_AS[data.kind]
    interaction = Interaction(
        contact_id=contact.id,
        kind=kind,
        channel=channel,
        # Noon: the day stays the same in every time zone the user may be in.
        occurred_at=datetime.combine(data.day, time(12)),
        summary=data.note.strip(),
        source_ref=f"{LOGGED_TOUCH_PREFIX}{secrets.token_hex(8)}",
    )
    session.add(interaction)
    goals = [get_goal(session, data.goal_id)] if data.goal_id is not None else []
    moved = _move_on(session, contact.id, stage, goals)
    cancel_chases(session, contact.id, since=interaction.occurred_at)
    session.flush()
    return Touch(interaction, moved)


def _check(data: TouchInput, today: date) -> None:
    if data.kind not in TOUCH_KINDS:
        raise OutreachError(
            f"'{data.kind}' is not a kind of touch; use one of {', '.join(TOUCH_KINDS)}."
        )
    if data.day > today:
        raise OutreachError(f"{data.day:%d %b %Y} is in the future; log a touch once it happened.")
    if len(data.note) > MAX_NOTE_CHARS:
        raise OutreachError(f"the note is over {MAX_NOTE_CHARS:,} characters; shorten it.")


def _move_on(session: Session, contact_id: int, stage: str, goals: list[Goal]) -> dict[int, str]:
    """Move the person to `stage` on the given goal (adding them to it) or, without one, on
    every goal they are on; a stage already further along stays."""
    links = list(session.scalars(select(GoalContact).where(GoalContact.contact_id == contact_id)))
    if goals:
        wanted = goals[0].id
        links = [link for link in links if link.goal_id == wanted]
        if not links:
            link = GoalContact(goal_id=wanted, contact_id=contact_id, stage="suggested")
            session.add(link)
            links = [link]
    moved = {}
    for link in links:
        if link.stage == "dropped" and not goals:
            continue  # dropped from a goal stays dropped unless the user names that goal
        if link.stage == "dropped" or _ORDER[link.stage] < _ORDER[stage]:
            link.stage = stage
        moved[link.goal_id] = link.stage
    return moved
