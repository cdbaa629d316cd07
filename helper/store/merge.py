"""Merging two contacts: everything the other one had moves to the survivor; nothing is lost.

Each merge leaves a `MergeRecord` with both contacts as they were, so it can be undone
(`helper.store.duplicates.undo_merge`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, select, update
from sqlalchemy.orm import Session

from helper.db.models import (
    Contact,
    ContactCategory,
    Draft,
    EventContact,
    FollowUp,
    GoalContact,
    Interaction,
    MergeRecord,
    Position,
)
from helper.errors import OutreachError
from helper.people import combine_roles, is_role, matching_role
from helper.records import PERSON_TEXT_FIELDS
from helper.records import Position as ProfilePosition
from helper.vocabulary import GOAL_STAGES

SCALAR_FIELDS = (*PERSON_TEXT_FIELDS, "linkedin_url")


def merge_contacts(
    session: Session, survivor: Contact, other: Contact, *, prefer_other: Collection[str] = ()
) -> Contact:
    """Fold `other` into `survivor` and delete `other`.

    The survivor's non-empty fields stay, except those named in `prefer_other` (the user
    picked the other's value); its empty ones take the other's values. Lists are
    unioned; interactions, goal links, event links, follow-ups and drafts move over; notes
    are joined. Where both are on one goal, the further stage is kept.
    """
    if survivor.id == other.id:
        raise OutreachError("a contact cannot be merged with itself")
    snapshot = merge_snapshot(session, survivor, other)
    other_linkedin = other.linkedin_url
    if other_linkedin:
        # Free the unique value first, so the survivor may take it in the next flush.
        other.linkedin_url = None
        session.flush()
    _merge_scalars(survivor, other, other_linkedin, set(prefer_other))
    _merge_children(survivor, other)
    _move_links(session, survivor, other)
    survivor.sources = list(dict.fromkeys([*survivor.sources, *other.sources]))
    survivor.protected_fields = sorted(set(survivor.protected_fields) | set(other.protected_fields))
    session.delete(other)
    session.flush()
    # Added after the merge's own flush, so a survivor changed later is newer than the record.
    session.add(MergeRecord(survivor_id=survivor.id, snapshot=snapshot))
    session.flush()
    return survivor


CHILD_RELATIONS = ("emails", "phones", "positions", "education", "skills", "categories")
MOVED_MODELS = {"interaction": Interaction, "follow_up": FollowUp, "draft": Draft}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def row_values(row: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A row's column values as JSON-ready data."""
    return {
        column.key: _plain(getattr(row, column.key))
        for column in inspect(type(row)).column_attrs
        if column.key not in skip
    }


def contact_snapshot(contact: Contact) -> dict[str, Any]:
    """A contact with its own child rows, as plain data."""
    document = row_values(contact)
    for relation in CHILD_RELATIONS:
        document[relation] = [
            row_values(child, skip=("id", "contact_id")) for child in getattr(contact, relation)
        ]
    return document


def merge_snapshot(session: Session, survivor: Contact, other: Contact) -> dict[str, Any]:
    """Everything a merge changes: both contacts, the rows that move, both sets of links."""
    both = (survivor.id, other.id)
    return {
        "survivor": contact_snapshot(survivor),
        "other": contact_snapshot(other),
        "moved": {
            name: list(session.scalars(select(model.id).where(model.contact_id == other.id)))
            for name, model in MOVED_MODELS.items()
        },
        "goal_links": [
            row_values(link, skip=("id", "updated_at"))
            for link in session.scalars(select(GoalContact).where(GoalContact.contact_id.in_(both)))
        ],
        "event_links": [
            row_values(link, skip=("id",))
            for link in session.scalars(
                select(EventContact).where(EventContact.contact_id.in_(both))
            )
        ],
    }


def _merge_scalars(
    survivor: Contact, other: Contact, other_linkedin: str | None, prefer_other: set[str]
) -> None:
    for name in ("name", *SCALAR_FIELDS):
        mine = getattr(survivor, name)
        theirs = other_linkedin if name == "linkedin_url" else getattr(other, name)
        if theirs and (not mine or name in prefer_other):
            if name == "linkedin_url" and mine:
                survivor.other_urls = list(dict.fromkeys([*survivor.other_urls, mine]))
            setattr(survivor, name, theirs)
    if other_linkedin and survivor.linkedin_url != other_linkedin:
        survivor.other_urls = list(dict.fromkeys([*survivor.other_urls, other_linkedin]))
    survivor.other_urls = list(dict.fromkeys([*survivor.other_urls, *other.other_urls]))
    if survivor.tier == "unset" or ("tier" in prefer_other and other.tier != "unset"):
        survivor.tier = other.tier
    survivor.notes = "\n\n".join(n for n in (survivor.notes, other.notes) if n.strip())


def _merge_children(survivor: Contact, other: Contact) -> None:
    have_emails = {e.email for e in survivor.emails}
    for email in list(other.emails):
        if email.email not in have_emails:
            email.contact = survivor
    have_phones = {p.e164 for p in survivor.phones}
    for phone in list(other.phones):
        if phone.e164 not in have_phones:
            phone.contact = survivor
    have_skills = {s.name.casefold() for s in survivor.skills}
    for skill in list(other.skills):
        if skill.name.casefold() not in have_skills:
            skill.contact = survivor
    _merge_positions(survivor, other)
    offset = len(survivor.education)
    for entry in list(other.education):
        entry.ordinal += offset
        entry.contact = survivor
    _merge_categories(survivor, other)


def _merge_positions(survivor: Contact, other: Contact) -> None:
    """The other's roles join the survivor's, but one the survivor lists already (the same
    role, or it with fewer words or dates, as a Connections row gives it) only completes the
    survivor's, and one naming nothing stays behind to be deleted with the other."""
    rows = list(survivor.positions)
    roles = [_role(row) for row in rows]
    offset = len(rows)
    for row in list(other.positions):
        entry = _role(row)
        if not is_role(entry):
            continue
        index = matching_role(roles, entry)
        if index is None:
            row.ordinal += offset
            row.contact = survivor
            rows.append(row)
            roles.append(entry)
            continue
        # The survivor's values stay where it has them, as for its other fields.
        roles[index] = combine_roles(entry, roles[index])
        for item in fields(ProfilePosition):
            setattr(rows[index], item.name, getattr(roles[index], item.name))


def _role(row: Position) -> ProfilePosition:
    return ProfilePosition(
        **{item.name: getattr(row, item.name) for item in fields(ProfilePosition)}
    )


def _merge_categories(survivor: Contact, other: Contact) -> None:
    mine: dict[str, ContactCategory] = {c.key: c for c in survivor.categories}
    for category in list(other.categories):
        existing = mine.get(category.key)
        if existing is None:
            category.contact = survivor
        elif category.source == "user":
            existing.source = "user"


def _move_links(session: Session, survivor: Contact, other: Contact) -> None:
    for model in (Interaction, FollowUp, Draft):
        session.execute(
            update(model).where(model.contact_id == other.id).values(contact_id=survivor.id)
        )
    _move_goal_links(session, survivor, other)
    _move_event_links(session, survivor, other)
    # The bulk updates bypass the loaded collections: reload them so that deleting `other`
    # cannot cascade to rows that now belong to the survivor.
    session.expire(survivor, ["interactions"])
    session.expire(other, ["interactions"])


def _move_goal_links(session: Session, survivor: Contact, other: Contact) -> None:
    mine = {
        link.goal_id: link
        for link in session.scalars(
            select(GoalContact).where(GoalContact.contact_id == survivor.id)
        )
    }
    for link in session.scalars(select(GoalContact).where(GoalContact.contact_id == other.id)):
        kept = mine.get(link.goal_id)
        if kept is None:
            link.contact_id = survivor.id
            continue
        if _stage_rank(link.stage) > _stage_rank(kept.stage):
            kept.stage = link.stage
        kept.score = max(kept.score, link.score)
        kept.reasons = list(dict.fromkeys([*kept.reasons, *link.reasons]))
        session.delete(link)


def _stage_rank(stage: str) -> int:
    # "dropped" is a decision, not progress: any live stage outranks it.
    return -1 if stage == "dropped" else GOAL_STAGES.index(stage) if stage in GOAL_STAGES else 0


def _move_event_links(session: Session, survivor: Contact, other: Contact) -> None:
    mine = {
        link.event_id: link
        for link in session.scalars(
            select(EventContact).where(EventContact.contact_id == survivor.id)
        )
    }
    for link in session.scalars(select(EventContact).where(EventContact.contact_id == other.id)):
        kept = mine.get(link.event_id)
        if kept is None:
            link.contact_id = survivor.id
            continue
        kept.note = "\n".join(n for n in (kept.note, link.note) if n.strip())
        session.delete(link)
