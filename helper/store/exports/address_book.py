"""The contacts the vCard and CSV exports write, read as plain rows with one query per table.

The full profile (`contact_records`) also reads every position, school and skill, which neither
format holds: at 30,000 contacts that reading was most of an export's time. Here a profile
carries what the exporters write, and the first position only where it gives the contact the
current title or company it lacks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from helper.db.models import Contact, ContactCategory, ContactEmail, ContactPhone, Position
from helper.records import CategorySuggestion, ContactSnapshot, ProfileRecord
from helper.store.gc_pause import cyclic_gc_paused


def address_book(session: Session, category: str = "") -> list[ContactSnapshot]:
    """Every contact, or those in one category, by name then id, with their emails, phones and
    categories in the order the full profile lists them."""
    chosen = (
        select(ContactCategory.contact_id).where(ContactCategory.key == category)
        if category
        else None
    )
    with cyclic_gc_paused():
        return _Loader(session, chosen).snapshots()


class _Loader:
    def __init__(self, session: Session, chosen: Select | None) -> None:
        self.session = session
        self.chosen = chosen

    def snapshots(self) -> list[ContactSnapshot]:
        emails = self._grouped(
            select(ContactEmail.contact_id, ContactEmail.email).order_by(ContactEmail.id)
        )
        phones = self._grouped(
            select(ContactPhone.contact_id, ContactPhone.e164).order_by(ContactPhone.id)
        )
        categories = self._grouped(
            select(
                ContactCategory.contact_id, ContactCategory.key, ContactCategory.reason
            ).order_by(ContactCategory.contact_id, ContactCategory.key)
        )
        roles = self._first_roles()
        # Rows are read by position: a named attribute of a row costs a Python call.
        return [
            _snapshot(
                row,
                [values[0] for values in emails.get(row[0], ())],
                [values[0] for values in phones.get(row[0], ())],
                [CategorySuggestion(*values) for values in categories.get(row[0], ())],
                roles.get(row[0], ("", "")),
            )
            for row in self.session.connection().execute(self._contacts())
        ]

    def _contacts(self) -> Select:
        statement = select(
            Contact.id,
            Contact.name,
            Contact.headline,
            Contact.location,
            Contact.current_title,
            Contact.current_company,
            Contact.linkedin_url,
            Contact.other_urls,
            Contact.notes,
            Contact.tier,
        ).order_by(Contact.name, Contact.id)
        return statement if self.chosen is None else statement.where(Contact.id.in_(self.chosen))

    def _first_roles(self) -> dict[int, tuple[str, str]]:
        """The first position's title and company of each contact missing either of its own."""
        statement = (
            select(Position.contact_id, Position.title, Position.company)
            .join(Contact, Contact.id == Position.contact_id)
            .where(or_(Contact.current_title == "", Contact.current_company == ""))
            .order_by(Position.contact_id, Position.ordinal, Position.id)
        )
        roles: dict[int, tuple[str, str]] = {}
        for contact_id, title, company in self._execute(statement):
            roles.setdefault(contact_id, (title, company))
        return roles

    def _grouped(self, statement: Select) -> dict[int, list[Sequence[Any]]]:
        groups: dict[int, list[Sequence[Any]]] = defaultdict(list)
        for row in self._execute(statement):
            groups[row[0]].append(row[1:])
        return groups

    def _execute(self, statement: Select) -> Any:
        if self.chosen is not None:
            statement = statement.where(statement.selected_columns[0].in_(self.chosen))
        return self.session.connection().execute(statement)


def _snapshot(
    row: Sequence[Any],
    emails: list[str],
    phones: list[str],
    categories: list[CategorySuggestion],
    first_role: tuple[str, str],
) -> ContactSnapshot:
    contact_id, name, headline, location, title, company, linkedin, others, notes, tier = row
    profile = ProfileRecord(
        name=name,
        headline=headline,
        location=location,
        current_title=title or first_role[0],
        current_company=company or first_role[1],
        linkedin_url=linkedin or "",
        emails=emails,
        phones=phones,
        categories=categories,
        other_urls=list(others),
        notes=notes,
    )
    return ContactSnapshot(
        id=contact_id,
        profile=profile,
        categories=[category.key for category in categories],
        tier=tier,
    )
