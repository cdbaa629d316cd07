"""Publishing a staged import: one transaction of bulk inserts and merges."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from helper.classify import classify
from helper.identity import merge_profiles
from helper.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    ContactPhone,
    EducationEntry,
    Interaction,
    Position,
    Skill,
)
from helper.normalize import normalize_linkedin_url
from helper.records import CategorySuggestion, MeProfile, ProfileRecord
from helper.store.convert import profile_record
from helper.store.import_plan import ImportPlan

LOAD_CHUNK = 500
SCALARS = ("pronouns", "headline", "current_title", "current_company", "location", "about")


def publish(session: Session, plan: ImportPlan, me: MeProfile, source: str) -> Counter[str]:
    """Write the plan; returns counts of created, updated, merged and unchanged people."""
    counts: Counter[str] = Counter()
    keys = _insert_new_people(session, plan.new_people, me, source)
    counts["created"] = len(keys)
    for outcome in _merge_existing(session, plan.incoming, me, source):
        counts[outcome] += 1
    _insert_interactions(session, plan, keys)
    return counts


def _with_categories(record: ProfileRecord, me: MeProfile) -> list[CategorySuggestion]:
    suggested = classify(record, me)
    known = {c.key for c in record.categories}
    return [*record.categories, *(c for c in suggested if c.key not in known)]


def _contact_row(record: ProfileRecord, source: str) -> dict:
    notes = record.notes
    if record.labels:
        notes = "\n".join(n for n in (notes, f"Labels: {', '.join(record.labels)}") if n)
    return {
        "name": record.name[:300] or (record.emails[0] if record.emails else "Unnamed"),
        **{name: getattr(record, name) for name in SCALARS},
        "linkedin_url": normalize_linkedin_url(record.linkedin_url) or None,
        "other_urls": list(dict.fromkeys(record.other_urls)),
        "tier": "unset",
        "notes": notes,
        "sources": [source],
        "protected_fields": [],
    }


def _insert_new_people(
    session: Session, people: dict[int, ProfileRecord], me: MeProfile, source: str
) -> dict[int, int]:
    """Insert the new contacts and their children; maps staging keys to stored ids."""
    if not people:
        return {}
    staged = list(people.items())
    result = session.execute(
        insert(Contact).returning(Contact.id, sort_by_parameter_order=True),
        [_contact_row(record, source) for _, record in staged],
    )
    ids = [row[0] for row in result]
    keys = {key: contact_id for (key, _), contact_id in zip(staged, ids, strict=True)}
    children = _child_rows(
        (contact_id, record, _with_categories(record, me))
        for (_, record), contact_id in zip(staged, ids, strict=True)
    )
    for model, rows in children.items():
        if rows:
            session.execute(insert(model), rows)
    return keys


def _child_rows(
    items: Iterable[tuple[int, ProfileRecord, list[CategorySuggestion]]],
) -> dict[type, list[dict]]:
    rows: dict[type, list[dict]] = {
        ContactEmail: [],
        ContactPhone: [],
        Position: [],
        EducationEntry: [],
        Skill: [],
        ContactCategory: [],
    }
    for contact_id, record, categories in items:
        rows[ContactEmail] += [
            {"contact_id": contact_id, "email": e} for e in dict.fromkeys(record.emails)
        ]
        rows[ContactPhone] += [
            {"contact_id": contact_id, "e164": p} for p in dict.fromkeys(record.phones)
        ]
        rows[Position] += [
            {
                "contact_id": contact_id,
                "ordinal": n,
                "title": p.title,
                "company": p.company,
                "start": p.start,
                "end": p.end,
                "location": p.location,
                "employment_type": p.employment_type,
                "description": p.description,
            }
            for n, p in enumerate(record.positions)
        ]
        rows[EducationEntry] += [
            {
                "contact_id": contact_id,
                "ordinal": n,
                "school": e.school,
                "degree": e.degree,
                "start": e.start,
                "end": e.end,
            }
            for n, e in enumerate(record.education)
        ]
        skills = {s.casefold(): s for s in reversed(record.skills)}
        rows[Skill] += [{"contact_id": contact_id, "name": s[:200]} for s in skills.values()]
        rows[ContactCategory] += [
            {
                "contact_id": contact_id,
                "key": c.key,
                "reason": c.reason[:500],
                "source": "suggested",
            }
            for c in categories
        ]
    return rows


def _merge_existing(
    session: Session, incoming: dict[int, list[ProfileRecord]], me: MeProfile, source: str
) -> Iterator[str]:
    ids = sorted(incoming)
    for start in range(0, len(ids), LOAD_CHUNK):
        chunk = ids[start : start + LOAD_CHUNK]
        contacts = session.scalars(
            select(Contact)
            .where(Contact.id.in_(chunk))
            .options(
                selectinload(Contact.emails),
                selectinload(Contact.phones),
                selectinload(Contact.positions),
                selectinload(Contact.education),
                selectinload(Contact.skills),
                selectinload(Contact.categories),
            )
        )
        for contact in contacts:
            yield _merge_into(session, contact, incoming[contact.id], me, source)


def _merge_into(
    session: Session, contact: Contact, records: list[ProfileRecord], me: MeProfile, source: str
) -> str:
    """Fold imported records into a stored contact: "updated" (same source), "merged" (a new
    source for this person) or "unchanged"."""
    before = profile_record(contact)
    merged = before
    for record in records:
        merged = merge_profiles(merged, record, protected_fields=set(contact.protected_fields))
    if merged.to_json() == before.to_json() and merged.other_urls == before.other_urls:
        return "unchanged"
    _write_back(session, contact, before, merged, me)
    new_source = source not in contact.sources
    contact.sources = [*contact.sources, source] if new_source else contact.sources
    return "merged" if new_source else "updated"


def _write_back(
    session: Session, contact: Contact, before: ProfileRecord, merged: ProfileRecord, me: MeProfile
) -> None:
    for name in SCALARS:
        setattr(contact, name, getattr(merged, name))
    url = normalize_linkedin_url(merged.linkedin_url) or None
    if url and not contact.linkedin_url:
        contact.linkedin_url = url
    contact.other_urls = list(dict.fromkeys(merged.other_urls))
    have_categories = set(contact.category_keys)
    categories = [c for c in _with_categories(merged, me) if c.key not in have_categories]
    new_rows = _child_rows([(contact.id, _added(before, merged), categories)])
    offset = {Position: len(contact.positions), EducationEntry: len(contact.education)}
    for model, rows in new_rows.items():
        for row in rows:
            if model in offset:
                row["ordinal"] += offset[model]
            session.add(model(**row))


def _added(before: ProfileRecord, merged: ProfileRecord) -> ProfileRecord:
    """Only the list entries the merge added, as a record of their own."""
    return ProfileRecord(
        name=merged.name,
        headline=merged.headline,
        current_title=merged.current_title,
        current_company=merged.current_company,
        emails=[e for e in merged.emails if e not in before.emails],
        phones=[p for p in merged.phones if p not in before.phones],
        positions=merged.positions[len(before.positions) :],
        education=merged.education[len(before.education) :],
        skills=[
            s for s in merged.skills if s.casefold() not in {b.casefold() for b in before.skills}
        ],
    )


def _naive_utc(when: datetime | None) -> datetime | None:
    """Stored times are naive UTC (SQLite keeps no zone)."""
    if when is None or when.tzinfo is None:
        return when
    return when.astimezone(UTC).replace(tzinfo=None)


def _insert_interactions(session: Session, plan: ImportPlan, keys: dict[int, int]) -> None:
    rows = [
        {
            "contact_id": keys.get(key, key),
            "kind": record.kind,
            "occurred_at": _naive_utc(record.when),
            "channel": record.channel,
            "summary": record.summary[:2000],
            "source_ref": record.source_ref[:500],
        }
        for key, record in plan.interactions
    ]
    if rows:
        session.execute(insert(Interaction), rows)
