"""The contacts the vCard and CSV exports write, read as plain rows with one query per table.

The full profile (`contact_records`) also reads every position, school and skill, which neither
format holds: at 30,000 contacts that reading was most of an export's time. Here a contact is an
`AddressCard` of what the exporters write, with the first position only where it gives the
contact the current title or company it lacks.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Select, Text, cast, or_, select
from sqlalchemy.orm import Session

from helper.db.models import Contact, ContactCategory, ContactEmail, ContactPhone, Position
from helper.exporters.contact_uids import contact_uid
from helper.records import CategorySuggestion
from helper.store.contact_rows import IDS_PER_QUERY
from helper.store.gc_pause import cyclic_gc_paused

_NO_ROLE = ("", "")
_NO_LABELS: tuple[str, ...] = ()


class AddressCard(NamedTuple):
    """What the vCard and CSV exports write of a contact: one tuple, where a ContactSnapshot
    is two records and a dozen lists, whose building was a fifth of a CSV export."""

    id: int
    name: str
    headline: str
    location: str
    current_title: str
    current_company: str
    linkedin_url: str
    other_urls: list[str]
    notes: str
    tier: str
    emails: list[str]
    phones: list[str]
    categories: list[CategorySuggestion]
    # What the vCard export adds: when the contact was created (for its UID) and the stored
    # label of each e-mail address and phone number ("work", "mobile"), in the lists' order.
    created_at: datetime | None
    email_labels: Sequence[str]
    phone_labels: Sequence[str]

    @property
    def uid(self) -> str:
        """The contact's UID in a vCard (`contact_uids.contact_uid`), made when a card is written:
        the CSV export, which has none, does not pay for 30,000 of them."""
        return contact_uid(self.id, self.created_at)


def address_cards(
    session: Session, category: str = "", ids: Collection[int] | None = None
) -> list[AddressCard]:
    """Every contact, those in one category, or those with the given ids, by name then id,
    with their emails, phones and categories in the order the full profile lists them."""
    with cyclic_gc_paused():
        if ids is None:
            chosen = (
                select(ContactCategory.contact_id).where(ContactCategory.key == category)
                if category
                else None
            )
            return _Loader(session, chosen).cards()
        # A selection (the contact list's bulk export), read a bounded IN list at a time.
        wanted = sorted(set(ids))
        loaded = [
            card
            for start in range(0, len(wanted), IDS_PER_QUERY)
            for card in _Loader(session, wanted[start : start + IDS_PER_QUERY]).cards()
        ]
        return sorted(loaded, key=lambda card: (card.name, card.id))


class _Loader:
    def __init__(self, session: Session, chosen: Select | list[int] | None) -> None:
        self.session = session
        self.chosen = chosen

    def cards(self) -> list[AddressCard]:
        emails = self._grouped(
            select(ContactEmail.contact_id, ContactEmail.email, ContactEmail.label).order_by(
                ContactEmail.id
            )
        )
        phones = self._grouped(
            select(ContactPhone.contact_id, ContactPhone.e164, ContactPhone.label).order_by(
                ContactPhone.id
            )
        )
        categories = self._grouped(
            select(
                ContactCategory.contact_id, ContactCategory.key, ContactCategory.reason
            ).order_by(ContactCategory.contact_id, ContactCategory.key)
        )
        roles = self._first_roles()
        links = _Links()
        # Rows are read by position: a named attribute of a row costs a Python call.
        return [
            _card(
                row,
                roles.get(row[0], _NO_ROLE),
                list(links[row[7]]),
                emails.get(row[0], ()),
                phones.get(row[0], ()),
                [CategorySuggestion(*values) for values in categories.get(row[0], ())],
            )
            for row in self._contacts()
        ]

    def _contacts(self) -> list[Sequence[Any]]:
        """The contacts by name then id. The order is read from the name index alone and the
        rows by one pass over the table: read in the index's order, they cost a seek each."""
        order = select(Contact.id).order_by(Contact.name, Contact.id)
        statement = select(
            Contact.id,
            Contact.name,
            Contact.headline,
            Contact.location,
            Contact.current_title,
            Contact.current_company,
            Contact.linkedin_url,
            cast(Contact.other_urls, Text),  # parsed once per distinct text, by _Links
            Contact.notes,
            Contact.tier,
            Contact.created_at,
        )
        if self.chosen is not None:
            order = order.where(Contact.id.in_(self.chosen))
            statement = statement.where(Contact.id.in_(self.chosen))
        connection = self.session.connection()
        rows: dict[int, Sequence[Any]] = {
            row[0]: row for row in connection.execute(statement).fetchall()
        }
        ids = connection.execute(order).scalars().all()
        return [rows[contact_id] for contact_id in ids if contact_id in rows]

    def _first_roles(self) -> dict[int, tuple[str, str]]:
        """The first position's title and company of each contact missing either of its own."""
        statement = (
            select(Position.contact_id, Position.title, Position.company)
            .join(Contact, Contact.id == Position.contact_id)
            .where(or_(Contact.current_title == "", Contact.current_company == ""))
            .order_by(Position.contact_id, Position.ordinal, Position.id)
        )
        roles: dict[int, tuple[str, str]] = {}
        for contact_id, title, company in self._execute(statement).fetchall():
            roles.setdefault(contact_id, (title, company))
        return roles

    def _grouped(self, statement: Select) -> dict[int, list[Sequence[Any]]]:
        groups: dict[int, list[Sequence[Any]]] = defaultdict(list)
        for row in self._execute(statement).fetchall():
            groups[row[0]].append(row[1:])
        return groups

    def _execute(self, statement: Select) -> Any:
        if self.chosen is not None:
            statement = statement.where(statement.selected_columns[0].in_(self.chosen))
        return self.session.connection().execute(statement)


def _card(
    row: Sequence[Any],
    first_role: tuple[str, str],
    other_urls: list[str],
    emails: Sequence[Sequence[Any]],
    phones: Sequence[Sequence[Any]],
    categories: list[CategorySuggestion],
) -> AddressCard:
    """The card of one contact row, its emails and phones as (value, label) rows."""
    contact_id, name, headline, location, title, company, linkedin, _, notes, tier, created = row
    return AddressCard(
        contact_id,
        name,
        headline,
        location,
        title or first_role[0],
        company or first_role[1],
        linkedin or "",
        other_urls,
        notes,
        tier,
        [email for email, _ in emails],
        [phone for phone, _ in phones],
        categories,
        created,
        _labels(emails),
        _labels(phones),
    )


def _labels(rows: Sequence[Sequence[Any]]) -> Sequence[str]:
    """The labels of a contact's (value, label) rows; one shared empty tuple when none has a
    label, as most do not: 60,000 lists less to build and hold in a 30,000-contact export."""
    if not any(label for _, label in rows):
        return _NO_LABELS
    return [label or "" for _, label in rows]


class _Links(dict[str, tuple[str, ...]]):
    """A contact's other links, by the stored text of the list: most contacts have none."""

    def __missing__(self, stored: str) -> tuple[str, ...]:
        links = self[stored] = tuple(json.loads(stored))
        return links
