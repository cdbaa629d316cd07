"""A JSON export read as import records, so that its contacts can be merged into a store that
already holds data through the import path (plan, then publish).

Each exported contact, with its emails, phones, roles, schools, skills and categories, becomes
a `ProfileRecord`, and each of its interactions an `InteractionRecord`. Goals, events, drafts
and follow-ups are read past: their ids and their people belong to the other store.

The document is read one row at a time (`DocumentStream`). An export lists the interactions
before the roles and skills of the people they are with, so the people are held until the last
table is read (the import plan holds them anyway) and the interactions wait in a `Spool` on disk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from hashlib import blake2b
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from sqlalchemy import Table

from helper.errors import ImportRefused
from helper.normalize import normalize_email, normalize_name
from helper.records import (
    CategorySuggestion,
    Education,
    InteractionRecord,
    Position,
    Problem,
    ProfileRecord,
)
from helper.store.contact_rows import ContactColumns, build_profile
from helper.store.imports.json_restore import decoded_row, document_tables
from helper.store.imports.plan import Spool
from helper.store.json_document import DocumentStream, dumped_tables

PERSON_TABLES = frozenset(
    {"contact_email", "contact_phone", "position", "education", "skill", "contact_category"}
)
READ_TABLES = PERSON_TABLES | {"contact", "interaction"}
POSITION_FIELDS = ("title", "company", "start", "end", "location", "employment_type", "description")
EDUCATION_FIELDS = ("school", "degree", "start", "end")
# Refs that name a row of the exporting store (an event, a draft, a follow-up) would name
# another row here, where the store finds its own interactions by them.
LOCAL_REF_PREFIXES = ("event:", "draft:", "followup:")
# Such a ref, or none, is replaced by one made of the interaction itself, so that a second
# merge of the same people adds it no second time; the kind before the first colon is kept.
MADE_REF_MARK = "outreach-json:"
RAW_CHARS = 300

Item = ProfileRecord | InteractionRecord | Problem


class _Touch(NamedTuple):
    contact_id: int
    kind: str
    when: datetime | None
    channel: str
    summary: str
    source_ref: str | None


@dataclass
class _Rows:
    """A contact's own rows, as records; roles and schools with their place in the list."""

    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    roles: list[tuple[int, Position]] = field(default_factory=list)
    schools: list[tuple[int, Education]] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    categories: list[CategorySuggestion] = field(default_factory=list)


def read_export(handle: BinaryIO, name: str, spool_dir: Path | None = None) -> Iterator[Item]:
    """The export's people, then their interactions; a row that cannot be read is a Problem
    and the rest goes on. ImportRefused when the file is no export this version reads."""
    people = _People(spool_dir)
    try:
        tables = {table.name: table for table in dumped_tables()}
        for table_name, rows in document_tables(DocumentStream(handle, name)):
            yield from people.take(tables[table_name], rows)
        yield from people.records()
    finally:
        people.close()


class _People:
    """The export's contacts and their rows, keyed by the contacts' ids in the export."""

    def __init__(self, spool_dir: Path | None) -> None:
        self.contacts: dict[int, ContactColumns] = {}
        self.rows: dict[int, _Rows] = {}
        self.touches = Spool(spool_dir)

    def take(self, table: Table, rows: Iterable[Any]) -> Iterator[Problem]:
        """Every row of one table read; a Problem for each that cannot be used."""
        if table.name not in READ_TABLES:
            for _row in rows:  # read past, since the document is read in order
                pass
            return
        for number, row in enumerate(rows, start=1):
            try:
                self._add(table.name, decoded_row(table, row, number))
            except ImportRefused as error:
                raw = json.dumps(row, ensure_ascii=False, default=str)[:RAW_CHARS]
                yield Problem(f"{table.name} row {number}", str(error), raw)

    def _add(self, table: str, values: dict[str, Any]) -> None:
        if table == "contact":
            # A list column of another shape holds nothing usable.
            values["other_urls"] = [url for url in values["other_urls"] if isinstance(url, str)]
            self.contacts[values["id"]] = ContactColumns(
                *(values[name] for name in ContactColumns._fields)
            )
            return
        contact_id = values["contact_id"]
        if contact_id not in self.contacts:
            raise ImportRefused(f"It names contact {contact_id}, which this export does not hold.")
        if table == "interaction":
            self.touches.append(
                _Touch(
                    contact_id,
                    values["kind"],
                    values["occurred_at"],
                    values["channel"],
                    values["summary"],
                    values["source_ref"],
                )
            )
        else:
            _add_person_row(self.rows.setdefault(contact_id, _Rows()), table, values)

    def records(self) -> Iterator[ProfileRecord | InteractionRecord]:
        """Each person as a profile, then each interaction with the person it is with."""
        people: dict[int, ProfileRecord] = {}
        for contact_id in list(self.contacts):
            person, rows = self.contacts.pop(contact_id), self.rows.pop(contact_id, _Rows())
            people[contact_id] = _profile(person, rows)
            yield people[contact_id]
        for touch in self.touches:
            yield _interaction(touch, people[touch.contact_id])

    def close(self) -> None:
        self.touches.close()


def _add_person_row(rows: _Rows, table: str, values: dict[str, Any]) -> None:
    if table == "contact_email":
        # An address as stored, in the form an import matches on when that form is valid.
        rows.emails.append(normalize_email(values["email"]) or values["email"])
    elif table == "contact_phone":
        rows.phones.append(values["e164"])
    elif table == "position":
        role = Position(**{name: values[name] for name in POSITION_FIELDS})
        rows.roles.append((values["ordinal"], role))
    elif table == "education":
        school = Education(**{name: values[name] for name in EDUCATION_FIELDS})
        rows.schools.append((values["ordinal"], school))
    elif table == "skill":
        rows.skills.append(values["name"])
    elif table == "contact_category":
        rows.categories.append(CategorySuggestion(values["key"], values["reason"]))


def _profile(person: ContactColumns, rows: _Rows) -> ProfileRecord:
    """The person as the other store shows them."""
    return build_profile(
        person,
        emails=list(dict.fromkeys(rows.emails)),
        phones=rows.phones,
        positions=[role for _, role in sorted(rows.roles, key=lambda entry: entry[0])],
        education=[school for _, school in sorted(rows.schools, key=lambda entry: entry[0])],
        skills=rows.skills,
        categories=rows.categories,
    )


def _interaction(touch: _Touch, person: ProfileRecord) -> InteractionRecord:
    """The touch, with the person's LinkedIn URL, first valid address and name for the plan to
    find them by; an address that is not valid would make the plan create someone new."""
    email = next((e for e in person.emails if normalize_email(e)), "")
    return InteractionRecord(
        kind=touch.kind,
        when=touch.when,
        source_ref=_source_ref(touch, person),
        email=email,
        name=person.name,
        linkedin_url=person.linkedin_url,
        channel=touch.channel,
        summary=touch.summary,
    )


def _source_ref(touch: _Touch, person: ProfileRecord) -> str:
    ref = touch.source_ref or ""
    if ref and not ref.startswith(LOCAL_REF_PREFIXES):
        return ref
    when = touch.when.isoformat() if touch.when else ""
    text = "\n".join((ref, touch.kind, when, touch.summary, normalize_name(person.name)))
    kind = ref.split(":", 1)[0] + ":" if ref else ""
    return kind + MADE_REF_MARK + blake2b(text.encode(), digest_size=16).hexdigest()
