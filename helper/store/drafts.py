"""Drafts from the store (steps 5 and 6 of the method): compose for a contact, keep the text the
user edits, and record what happened when they copy it and send it.

Composition is the pure `helper.drafting`; this module only gathers its inputs (the contact,
"Me", the goal, the events that link the two) and writes the results.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from helper.db.models import (
    Contact,
    Draft,
    EducationEntry,
    Goal,
    GoalContact,
    Interaction,
    Position,
)
from helper.drafting import Draft as ComposedDraft
from helper.drafting import (
    best_channel,
    channel_for,
    compose_draft,
    compose_intro_request,
)
from helper.drafting.fit import counter_for
from helper.errors import NotFound, OutreachError
from helper.normalize import normalize_company, normalize_name
from helper.records import GoalSpec
from helper.store.contacts import get_contact
from helper.store.convert import me_profile
from helper.store.draft_context import linked_event, naive_utc, shared_context
from helper.store.followups import INTERACTION_FOR_CHANNEL
from helper.store.goals import get_goal, goal_spec, move_stage, shortlist
from helper.store.me import get_me
from helper.store.message_templates import session_overrides
from helper.store.snapshots import snapshot_of

# Stages a sent message moves on to "contacted"; later stages (replied, met…) are kept.
STAGES_BEFORE_CONTACTED = ("suggested", "shortlisted", "dropped")
MAX_INTRODUCERS = 10
MAX_SUBJECT_CHARS = 300
MAX_BODY_CHARS = 20_000


@dataclass(frozen=True)
class DraftRequest:
    """What to draft: for whom, on which channel, towards which goal."""

    contact_id: int
    channel: str
    goal_id: int | None = None


@dataclass(frozen=True)
class Introducer:
    """Someone who may introduce the user to a contact, and why they might know them."""

    contact: Contact
    link: str


def preferred_channel(session: Session, contact: Contact, now: datetime | None = None) -> str:
    """The channel to preselect: in person when an upcoming event links you, else by address."""
    upcoming = linked_event(session, contact.id, naive_utc(now), upcoming=True)
    return best_channel(snapshot_of(session, contact), upcoming is not None)


def _goal_or_none(session: Session, goal_id: int | None) -> GoalSpec | None:
    return goal_spec(get_goal(session, goal_id)) if goal_id else None


def compose_for(
    session: Session,
    request: DraftRequest,
    *,
    override_dir: Path | None = None,
    now: datetime | None = None,
) -> ComposedDraft:
    """A draft for the contact, in the user's voice, from the store's facts."""
    contact = get_contact(session, request.contact_id)
    goal = _goal_or_none(session, request.goal_id)
    me = me_profile(get_me(session))
    return compose_draft(
        snapshot_of(session, contact),
        request.channel,
        me,
        goal,
        shared=shared_context(session, contact.id, now),
        override_dir=override_dir or session_overrides(session),
        today=naive_utc(now).date(),
    )


def _keys_of(contact: Contact) -> tuple[set[str], set[str]]:
    companies = {contact.current_company, *(p.company for p in contact.positions)}
    schools = {e.school for e in contact.education}
    return (
        {key for key in map(normalize_company, companies) if key},
        {key for key in map(normalize_name, schools) if key},
    )


def _rows_mentioning(
    session: Session,
    id_column: InstrumentedAttribute[int],
    text_column: InstrumentedAttribute[str],
    keys: set[str],
) -> list[tuple[int, str]]:
    """(contact id, text) rows whose text contains the first word of one of the keys."""
    words = {key.split()[0] for key in keys}
    if not words:
        return []
    lowered = func.lower(text_column)
    matches = or_(*(lowered.contains(word, autoescape=True) for word in words))
    rows = session.execute(select(id_column, text_column).where(matches))
    return [(contact_id, text) for contact_id, text in rows]


def introducers_for(session: Session, contact: Contact) -> list[Introducer]:
    """Contacts who worked or studied where the contact did, by name.

    SQL narrows the rows by a word of each key; the normalised comparison then decides, so
    "Globex Ltd" and "Globex" match and "Globexia" does not.
    """
    companies, schools = _keys_of(contact)
    links: dict[int, str] = {}
    searches = (
        (Contact.id, Contact.current_company, companies, normalize_company),
        (Position.contact_id, Position.company, companies, normalize_company),
        (EducationEntry.contact_id, EducationEntry.school, schools, normalize_name),
    )
    for id_column, text_column, wanted, normalise in searches:
        for contact_id, text in _rows_mentioning(session, id_column, text_column, wanted):
            if normalise(text) in wanted:
                links.setdefault(contact_id, text)
    links.pop(contact.id, None)
    chosen = sorted(links)[:MAX_INTRODUCERS]
    people = session.scalars(select(Contact).where(Contact.id.in_(chosen)))
    found = [Introducer(person, links[person.id]) for person in people]
    return sorted(found, key=lambda introducer: introducer.contact.name.casefold())


def compose_intro(
    session: Session,
    request: DraftRequest,
    introducer_id: int,
    *,
    double_opt_in: bool = False,
    override_dir: Path | None = None,
) -> ComposedDraft:
    """A message to the introducer asking for an introduction to the contact.

    Its questions are about the contact, not the introducer it is sent to, so the request
    carries none; a draft to the contact, once introduced, has them.
    """
    if introducer_id == request.contact_id:
        raise OutreachError("choose someone other than the contact to introduce you")
    contact = get_contact(session, request.contact_id)
    introducer = get_contact(session, introducer_id)
    me = me_profile(get_me(session))
    request_to_introducer = compose_intro_request(
        snapshot_of(session, contact),
        snapshot_of(session, introducer),
        me,
        _goal_or_none(session, request.goal_id),
        channel=request.channel,
        double_opt_in=double_opt_in,
        override_dir=override_dir or session_overrides(session),
    )
    return replace(request_to_introducer.draft, questions=[])


def save_draft(
    session: Session, contact_id: int, goal_id: int | None, composed: ComposedDraft
) -> Draft:
    draft = Draft(
        contact_id=contact_id,
        goal_id=goal_id,
        channel=composed.channel,
        subject=composed.subject,
        body=composed.body,
        questions=list(composed.questions),
    )
    session.add(draft)
    session.flush()
    return draft


def get_draft(session: Session, draft_id: int) -> Draft:
    draft = session.get(Draft, draft_id)
    if draft is None:
        raise NotFound(f"there is no draft with id {draft_id}")
    return draft


def delete_draft(session: Session, draft: Draft) -> None:
    """Remove a draft. A draft marked sent is already in the contact's history as its own
    interaction, which stays."""
    session.delete(draft)


def drafts_for(session: Session, contact_id: int) -> list[Draft]:
    """The contact's drafts, newest first."""
    statement = select(Draft).where(Draft.contact_id == contact_id)
    return list(session.scalars(statement.order_by(Draft.created_at.desc(), Draft.id.desc())))


def measure(session: Session, channel: str, body: str) -> tuple[int, int | None]:
    """(length, hard limit) of a body as the channel's platform counts it."""
    rules = channel_for(channel, me_profile(get_me(session)))
    return counter_for(rules.counting)(body), rules.body_limit


def edit_draft(session: Session, draft: Draft, subject: str, body: str) -> Draft:
    """Keep the user's own wording; refused, with the reason, when the platform would refuse it."""
    subject, body = " ".join(subject.split()), body.strip()
    if not body:
        raise OutreachError("the message is empty; write something or compose it again")
    if len(subject) > MAX_SUBJECT_CHARS or len(body) > MAX_BODY_CHARS:
        raise OutreachError(
            f"the subject is kept to {MAX_SUBJECT_CHARS} characters and the message to "
            f"{MAX_BODY_CHARS:,}; shorten it"
        )
    length, limit = measure(session, draft.channel, body)
    if limit is not None and length > limit:
        unit = channel_for(draft.channel).unit
        raise OutreachError(
            f"the message is {length} {unit}, over this channel's limit of {limit} "
            f"by {length - limit}; shorten it"
        )
    draft.subject, draft.body = subject, body
    session.flush()
    return draft


def mark_copied(session: Session, draft: Draft, now: datetime | None = None) -> Draft:
    draft.copied_at = naive_utc(now)
    session.flush()
    return draft


def mark_sent(session: Session, draft: Draft, now: datetime | None = None) -> Interaction:
    """Log the message as an interaction and, for a goal, move the contact to "contacted"."""
    if draft.sent_at is not None:
        raise OutreachError(f"this draft was already marked sent on {draft.sent_at:%d %b %Y}")
    moment = naive_utc(now)
    draft.sent_at = moment
    interaction = Interaction(
        contact_id=draft.contact_id,
        kind=INTERACTION_FOR_CHANNEL[draft.channel],
        occurred_at=moment,
        channel=draft.channel,
        summary=draft.subject or channel_for(draft.channel).label,
        source_ref=f"draft:{draft.id}",
    )
    session.add(interaction)
    if draft.goal_id is not None:
        _move_to_contacted(session, get_goal(session, draft.goal_id), draft.contact_id)
    session.flush()
    return interaction


def _move_to_contacted(session: Session, goal: Goal, contact_id: int) -> None:
    link = session.scalar(
        select(GoalContact).where(
            GoalContact.goal_id == goal.id, GoalContact.contact_id == contact_id
        )
    )
    if link is None:
        link = shortlist(session, goal, get_contact(session, contact_id), None)
    if link.stage in STAGES_BEFORE_CONTACTED:
        move_stage(session, goal, contact_id, "contacted")
