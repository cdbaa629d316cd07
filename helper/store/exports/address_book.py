"""The contacts the vCard and CSV exports write, read as plain rows with one query per table.

The full profile (`contact_records`) also reads every position, school and skill, which neither
format holds: at 30,000 contacts that reading was most of an export's time. Here a contact is an
`AddressCard` of what the exporters write, with the first position only where it gives the
contact the current title or company it lacks.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from helper.exporters.contact_uids import contact_uid
from helper.records import CategorySuggestion
from helper.store.contact_rows import IDS_PER_QUERY, IN_CATEGORY, RunQuery, among_ids, grouped
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
    run: RunQuery, category: str = "", ids: Collection[int] | None = None
) -> list[AddressCard]:
    """Every contact, those in one category, or those with the given ids, by name then id,
    with their emails, phones and categories in the order the full profile lists them."""
    with cyclic_gc_paused():
        if ids is None:
            if category:
                return _Loader(run, IN_CATEGORY, {"category": category}).cards()
            return _Loader(run, "", {}).cards()
        # A selection (the contact list's bulk export), read a bounded IN list at a time.
        wanted = sorted(set(ids))
        loaded = [
            card
            for start in range(0, len(wanted), IDS_PER_QUERY)
            for card in _Loader(run, *among_ids(wanted[start : start + IDS_PER_QUERY])).cards()
        ]
        return sorted(loaded, key=lambda card: (card.name, card.id))


class _Loader:
    """The statements of one export, each limited to the chosen contacts (`among`, with its
    parameters) when a category or a selection chooses them."""

    def __init__(self, run: RunQuery, among: str, parameters: dict[str, Any]) -> None:
        self.run, self.among, self.parameters = run, among, parameters

    def cards(self) -> list[AddressCard]:
        emails = self._grouped(
            "SELECT contact_id, email, label FROM contact_email {where} ORDER BY id"
        )
        phones = self._grouped(
            "SELECT contact_id, e164, label FROM contact_phone {where} ORDER BY id"
        )
        categories = self._grouped(
            "SELECT contact_id, key, reason FROM contact_category {where} ORDER BY contact_id, key"
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
        where = f"WHERE id {self.among}" if self.among else ""
        rows: dict[int, Sequence[Any]] = {
            row[0]: row
            for row in self.run(
                "SELECT id, name, headline, location, current_title, current_company, "
                # The links as stored text, parsed once per distinct text by _Links.
                "linkedin_url, CAST(other_urls AS TEXT), notes, tier, created_at "
                f"FROM contact {where}",
                self.parameters,
            )
        }
        order = self.run(f"SELECT id FROM contact {where} ORDER BY name, id", self.parameters)
        return [rows[contact_id] for (contact_id,) in order if contact_id in rows]

    def _first_roles(self) -> dict[int, tuple[str, str]]:
        """The first position's title and company of each contact missing either of its own."""
        among = f"AND p.contact_id {self.among}" if self.among else ""
        statement = (
            "SELECT p.contact_id, p.title, p.company FROM position p "
            "JOIN contact c ON c.id = p.contact_id "
            f"WHERE (c.current_title = '' OR c.current_company = '') {among} "
            "ORDER BY p.contact_id, p.ordinal, p.id"
        )
        roles: dict[int, tuple[str, str]] = {}
        for contact_id, title, company in self.run(statement, self.parameters):
            roles.setdefault(contact_id, (title, company))
        return roles

    def _grouped(self, statement: str) -> dict[int, list[Sequence[Any]]]:
        where = f"WHERE contact_id {self.among}" if self.among else ""
        return grouped(self.run(statement.format(where=where), self.parameters))


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
    if isinstance(created, str):  # SQLite gives the stored text, PostgreSQL a datetime
        created = datetime.fromisoformat(created)
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
