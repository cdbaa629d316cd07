"""Chasing a message that got no reply: offered when a draft is marked sent, answered (and so
closed) by a reply found in a later mail import or by a touch the user logs."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from helper.db.models import Contact, Draft, FollowUp, Interaction, Me
from helper.strategy.followup_plan import chase_due

# Days to wait for a reply before chasing, per channel, until the user sets their own on "Me":
# a week for an invitation or an InMail, which people open less often than mail.
DEFAULT_CHASE_DAYS: dict[str, int] = {
    "linkedin_connect": 7,
    "linkedin_message": 5,
    "linkedin_inmail": 7,
    "email": 5,
    "x_dm": 5,
}
CHASE_PREFIX = "chase-of-draft:"
ANSWERED = "done"  # a chase a reply answered is done: nothing is left to do about it


def chase_days(me: Me) -> dict[str, int]:
    """The user's days per chaseable channel, over the defaults."""
    chosen = {k: int(v) for k, v in (me.chase_days or {}).items() if k in DEFAULT_CHASE_DAYS}
    return {**DEFAULT_CHASE_DAYS, **chosen}


def schedule_chase(session: Session, draft: Draft, days: int, timezone: str) -> FollowUp:
    """A follow-up `days` after the draft was sent, to chase if no reply came."""
    contact = session.get_one(Contact, draft.contact_id)
    sent = (draft.sent_at or datetime.now(UTC).replace(tzinfo=None)).replace(tzinfo=UTC)
    due = chase_due(sent, days, ZoneInfo(timezone)).astimezone(UTC).replace(tzinfo=None)
    chase = FollowUp(
        contact_id=contact.id,
        goal_id=draft.goal_id,
        kind="chase",
        title=f"Chase {contact.name} if there is no reply",
        due_at=due,
        channel=draft.channel,
        fingerprint=f"{CHASE_PREFIX}{draft.id}",
    )
    session.add(chase)
    session.flush()
    return chase


def cancel_chases(session: Session, contact_id: int, *, since: datetime) -> int:
    """Close the open chases of one person that a touch at `since` (naive UTC) answers: those
    of messages sent before it. Returns how many."""
    chases = session.scalars(
        select(FollowUp).where(
            FollowUp.contact_id == contact_id,
            FollowUp.kind == "chase",
            FollowUp.status == "open",
        )
    )
    answered = 0
    for chase in chases:
        draft = session.get(Draft, _draft_id(chase))
        sent = draft.sent_at if draft is not None else None
        if sent is None or sent <= since:
            chase.status = ANSWERED
            answered += 1
    return answered


def cancel_chases_answered_by_run(session: Session, run_id: int) -> int:
    """Close the chases a mail import answers: a message received from the person after the
    chased one was sent. Runs in the import's last transaction, so it reads only the newest
    reply of the few people with an open chase, never every message the run added."""
    chased = select(FollowUp.contact_id).where(FollowUp.kind == "chase", FollowUp.status == "open")
    latest = session.execute(
        select(Interaction.contact_id, func.max(Interaction.occurred_at))
        .where(
            Interaction.import_run_id == run_id,
            Interaction.kind == "email_received",
            Interaction.contact_id.in_(chased),
        )
        .group_by(Interaction.contact_id)
    ).all()
    return sum(cancel_chases(session, c, since=when) for c, when in latest if when is not None)


def _draft_id(chase: FollowUp) -> int:
    """The draft a chase follows up, named in its fingerprint."""
    prefix, _, number = chase.fingerprint.partition(CHASE_PREFIX)
    return int(number) if not prefix and number.isdigit() else 0
