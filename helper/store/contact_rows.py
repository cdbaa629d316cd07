"""Contacts read in bulk as the core's plain records, from SQL any driver runs.

One query per table, grouped in Python: exporting 30,000 contacts through the ORM spent most of
its 14 seconds making mapped objects, and plain rows give the same records several times
faster. The statements are plain SQL with `:name` parameters, which SQLAlchemy's `text()` and
the standard library's `sqlite3` both take, so the store's sessions (`contact_records`) and a
read-only SQLite connection (`read_only`) list contacts with one definition. This module
imports no SQLAlchemy, since the read-only listing is the one that must start fast.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from helper import records
from helper.records import ContactSnapshot, ProfileRecord
from helper.store.gc_pause import cyclic_gc_paused

Rows = dict[int, list[Sequence[Any]]]
# Runs one statement with its parameters and gives its rows as sequences of values.
RunQuery = Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]]

# Ids per IN list when reading chosen contacts: far below any database's parameter limit.
IDS_PER_QUERY = 500

# Each child table's statement; `{among}` is where the chosen contacts go. "end" is quoted, as
# a keyword of both SQLite and PostgreSQL.
_CHILD_QUERIES = {
    "emails": "SELECT contact_id, email FROM contact_email {among} ORDER BY id",
    "phones": "SELECT contact_id, e164 FROM contact_phone {among} ORDER BY id",
    "positions": (
        'SELECT contact_id, title, company, start, "end", location, employment_type, '
        "description FROM position {among} ORDER BY contact_id, ordinal, id"
    ),
    "education": (
        'SELECT contact_id, school, degree, start, "end" FROM education {among} '
        "ORDER BY contact_id, ordinal, id"
    ),
    "skills": "SELECT contact_id, name FROM skill {among} ORDER BY id",
    "categories": (
        "SELECT contact_id, key, reason FROM contact_category {among} ORDER BY contact_id, key"
    ),
}
_CONTACT_QUERY = (
    "SELECT id, name, honorific, pronouns, headline, location, current_title, "
    "current_company, about, linkedin_url, other_urls, notes, tier FROM contact {among} "
    "ORDER BY name, id"
)
# The contacts of one category, and those with chosen ids, as the IN clause of a statement.
IN_CATEGORY = "IN (SELECT contact_id FROM contact_category WHERE key = :category)"


class ContactColumns(NamedTuple):
    """A contact's own columns as `_CONTACT_QUERY` reads them (and a JSON export's merge),
    named as `build_profile` reads: a tuple, since a row's dict of every column took five
    times the memory, held for each person until the last table of an export is read."""

    id: int
    name: str
    honorific: str
    pronouns: str
    headline: str
    location: str
    current_title: str
    current_company: str
    about: str
    linkedin_url: str | None
    other_urls: list[str]
    notes: str
    tier: str


def contact_snapshots(
    run: RunQuery, *, category: str = "", ids: Collection[int] | None = None
) -> list[ContactSnapshot]:
    """Every contact, those in one category, or those with the given ids, ordered by name then
    id, each with the whole profile (children in the order the profile pages list them)."""
    with cyclic_gc_paused():
        return _chosen_snapshots(run, category, ids)


def _chosen_snapshots(
    run: RunQuery, category: str, ids: Collection[int] | None
) -> list[ContactSnapshot]:
    if ids is None:
        if category:
            return _snapshots(run, IN_CATEGORY, {"category": category})
        return _snapshots(run, "", {})
    wanted = sorted(set(ids))
    loaded = []
    for start in range(0, len(wanted), IDS_PER_QUERY):
        loaded += _snapshots(run, *among_ids(wanted[start : start + IDS_PER_QUERY]))
    return sorted(loaded, key=lambda snapshot: (snapshot.profile.name, snapshot.id))


def among_ids(ids: Sequence[int]) -> tuple[str, dict[str, int]]:
    """The IN clause naming `ids` (a few hundred at most) and its parameters."""
    names = [f"id_{index}" for index in range(len(ids))]
    return "IN (" + ", ".join(f":{name}" for name in names) + ")", dict(
        zip(names, ids, strict=True)
    )


def grouped(rows: Iterable[Sequence[Any]]) -> Rows:
    """Rows whose first value is a contact id, grouped by it, the rest of each row kept."""
    groups: Rows = defaultdict(list)
    for row in rows:
        groups[row[0]].append(row[1:])
    return groups


def build_profile(
    contact: Any,
    *,
    emails: list[str],
    phones: list[str],
    positions: list[records.Position],
    education: list[records.Education],
    skills: list[str],
    categories: list[records.CategorySuggestion],
) -> ProfileRecord:
    """A contact's profile from its own columns (an ORM `Contact`, or a row with the same
    names) and its children, already as records; with no current role of its own, the first
    position gives it."""
    current = positions[0] if positions else None
    return ProfileRecord(
        name=contact.name,
        honorific=contact.honorific,
        pronouns=contact.pronouns,
        headline=contact.headline,
        location=contact.location,
        current_title=contact.current_title or (current.title if current else ""),
        current_company=contact.current_company or (current.company if current else ""),
        about=contact.about,
        linkedin_url=contact.linkedin_url or "",
        emails=emails,
        phones=phones,
        positions=positions,
        education=education,
        skills=skills,
        categories=categories,
        other_urls=list(contact.other_urls),
        notes=contact.notes,
    )


def contact_document(contact_id: int, profile: records.ProfileRecord, tier: str) -> dict:
    """The contact JSON of the CLI contract: the profile fields plus `id` and `tier`."""
    return {"id": contact_id, **profile.to_json(), "tier": tier}


def _snapshots(run: RunQuery, among: str, parameters: dict[str, Any]) -> list[ContactSnapshot]:
    def where(column: str) -> str:
        return f"WHERE {column} {among}" if among else ""

    children = _Children(
        **{
            kind: grouped(run(query.format(among=where("contact_id")), parameters))
            for kind, query in _CHILD_QUERIES.items()
        }
    )
    contacts = run(_CONTACT_QUERY.format(among=where("id")), parameters)
    return [children.snapshot(_contact_columns(row)) for row in contacts]


def _contact_columns(row: Sequence[Any]) -> ContactColumns:
    columns = ContactColumns(*row)
    # A JSON column comes back as its text from SQLite and already decoded from PostgreSQL.
    if isinstance(columns.other_urls, str):
        columns = columns._replace(other_urls=json.loads(columns.other_urls))
    return columns


@dataclass
class _Children:
    """Each child table's rows by contact id, in the order the profile lists them."""

    emails: Rows
    phones: Rows
    positions: Rows
    education: Rows
    skills: Rows
    categories: Rows

    def snapshot(self, contact: ContactColumns) -> ContactSnapshot:
        categories = self.categories.get(contact.id, ())
        return ContactSnapshot(
            id=contact.id,
            profile=self._profile(contact),
            categories=[category_key for category_key, _ in categories],
            tier=contact.tier,
        )

    def _profile(self, contact: ContactColumns) -> ProfileRecord:
        key = contact.id
        return build_profile(
            contact,
            emails=[values[0] for values in self.emails.get(key, ())],
            phones=[values[0] for values in self.phones.get(key, ())],
            positions=[records.Position(*values) for values in self.positions.get(key, ())],
            education=[records.Education(*values) for values in self.education.get(key, ())],
            skills=[values[0] for values in self.skills.get(key, ())],
            categories=[
                records.CategorySuggestion(category_key, reason)
                for category_key, reason in self.categories.get(key, ())
            ],
        )
