"""The team index: each member's book published as the member's sharing setting allows, and
what teammates ask of it ("who knows someone at Monzo", a goal's "Through your team").

A member's entries are rewritten whole from their book when its change count has moved since
the last publication (`publish_book`), so a search never reads anyone's book: it reads one
table of the team schema, which holds nothing the setting does not share."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Row, Text, cast, delete, func, insert, literal_column, or_, select, true
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.orm import Session

from helper.db import change_count
from helper.db.models import Contact, ContactCategory, ContactEmail, Interaction, utcnow
from helper.db.team_models import IndexEntry, Member, PublishedBook
from helper.normalize import normalize_company, normalize_name
from helper.people.team_view import (
    TeamQuery,
    grouped_by_person,
    identity_keys,
    relationship_score,
    strength_label,
)
from helper.strategy.profile_fields import target_matches

BATCH = 2000
RESULTS = 50


@dataclass(frozen=True)
class Knower:
    """A teammate who knows the person, as much as their setting shows."""

    entry_id: int
    member_id: int
    member_name: str
    strength: float | None
    strength_label: str
    last_touch_month: str


@dataclass
class TeamPerson:
    """One person, however many books hold them."""

    name: str
    company: str
    title: str
    known_by: list[Knower] = field(default_factory=list)

    @property
    def best(self) -> float:
        return max((k.strength or 0.0 for k in self.known_by), default=0.0)


@dataclass
class TeammateReach:
    """A teammate and the people they know who are relevant to a goal."""

    member_id: int
    member_name: str
    people: list[TeamPerson]
    total: int

    @property
    def best(self) -> float:
        return max((p.best for p in self.people), default=0.0)


def publish_book(team_session: Session, book_session: Session, member: Member) -> bool:
    """Bring `member`'s entries up to date with their book and setting; False when they were."""
    count = change_count(book_session)
    published = team_session.get(PublishedBook, member.id)
    if published is not None and (published.change_count, published.sharing) == (
        count,
        member.index_sharing,
    ):
        return False
    team_session.execute(delete(IndexEntry).where(IndexEntry.member_id == member.id))
    if member.index_sharing != "off":
        rows = list(_entries(book_session, member.id, member.index_sharing == "strength"))
        _mark_people(rows)
        for start in range(0, len(rows), BATCH):
            team_session.execute(insert(IndexEntry), rows[start : start + BATCH])
    if published is None:
        published = PublishedBook(member_id=member.id)
        team_session.add(published)
    published.change_count, published.sharing = count, member.index_sharing
    published.published_at = utcnow()
    team_session.flush()
    return True


def _mark_people(rows: list[dict[str, object]]) -> None:
    """Give the entries of one book that share an identity key the same `person_key`."""
    keys_of = {place: str(row["identity_keys"]).split() for place, row in enumerate(rows)}
    for group in grouped_by_person(keys_of):
        key = min((k for place in group for k in keys_of[place]), default=f"#{min(group)}")
        for place in group:
            rows[place]["person_key"] = key


def _entries(book: Session, member_id: int, with_strength: bool) -> Iterable[dict[str, object]]:
    emails: dict[int, list[str]] = defaultdict(list)
    for contact_id, email in book.execute(select(ContactEmail.contact_id, ContactEmail.email)):
        emails[contact_id].append(email)
    categories: dict[int, list[str]] = defaultdict(list)
    for contact_id, key in book.execute(select(ContactCategory.contact_id, ContactCategory.key)):
        categories[contact_id].append(key)
    touches = {
        contact_id: (count, last)
        for contact_id, count, last in book.execute(
            select(
                Interaction.contact_id, func.count(), func.max(Interaction.occurred_at)
            ).group_by(Interaction.contact_id)
        )
    }
    now = utcnow()
    people = select(
        Contact.id,
        Contact.name,
        Contact.current_company,
        Contact.current_title,
        Contact.linkedin_url,
        Contact.tier,
    )
    for contact_id, name, company, title, linkedin_url, tier in book.execute(people):
        name_key = normalize_name(name or "")
        if not name_key:
            continue
        company_key = normalize_company(company or "")
        count, last = touches.get(contact_id, (0, None))
        yield {
            "member_id": member_id,
            "identity_keys": " ".join(
                identity_keys(linkedin_url, emails.get(contact_id, ()), name, company or "")
            ),
            "name": name,
            "name_key": name_key,
            "name_last": name_key.rsplit(" ", 1)[-1][:100],
            "company": company or "",
            "company_key": company_key,
            "company_head": company_key.split(" ", 1)[0][:100],
            "title": title or "",
            "strength": relationship_score(tier, count, last, now) if with_strength else None,
            "last_touch_month": f"{last:%Y-%m}" if with_strength and last else "",
            "categories": " ".join(sorted(set(categories.get(contact_id, ()))))[:300],
        }


# What a search reads of an entry: all but the keys it is found by.
_SHOWN = (
    IndexEntry.id,
    IndexEntry.member_id,
    IndexEntry.identity_keys,
    IndexEntry.name,
    IndexEntry.company,
    IndexEntry.title,
    IndexEntry.strength,
    IndexEntry.last_touch_month,
)


def search_team(session: Session, query: TeamQuery, viewer_id: int) -> list[TeamPerson]:
    """People in teammates' books at the organisation or with the name asked for, each with
    who knows them, strongest first."""
    wanted = []
    if query.organisation:
        wanted.append(IndexEntry.company_head == query.organisation.split(" ", 1)[0])
    if query.name:
        wanted.append(IndexEntry.name_key == query.name)
        if " " not in query.name:
            wanted.append(IndexEntry.name_last == query.name)
    if not wanted:
        return []
    members = _visible_members(session, viewer_id)
    columns = (*_SHOWN, IndexEntry.name_key, IndexEntry.name_last)
    statement = select(*columns).where(or_(*wanted), IndexEntry.member_id.in_(list(members)))
    matches: dict[str, bool] = {}  # by company: many entries share one
    kept = []
    for entry in session.execute(statement):
        if query.name and query.name in (entry.name_key, entry.name_last):
            kept.append((entry, members[entry.member_id]))
        elif query.organisation:
            if entry.company not in matches:
                matches[entry.company] = target_matches(query.organisation_text, entry.company)
            if matches[entry.company]:
                kept.append((entry, members[entry.member_id]))
    return _people(kept, RESULTS)


def _visible_members(session: Session, viewer_id: int) -> dict[int, Member]:
    """The teammates whose entries `viewer_id` may see: the active ones but themselves."""
    return {
        member.id: member
        for member in session.scalars(
            select(Member).where(Member.id != viewer_id, Member.disabled_at.is_(None))
        )
    }


def visible_person(
    session: Session, entry_id: int, viewer_id: int
) -> tuple[TeamPerson, Member] | None:
    """The person of one index entry and the teammate whose book holds them, when the
    viewer may see that entry."""
    members = _visible_members(session, viewer_id)
    entry = session.execute(
        select(*_SHOWN).where(IndexEntry.id == entry_id, IndexEntry.member_id.in_(list(members)))
    ).first()
    if entry is None:
        return None
    member = members[entry.member_id]
    return _people([(entry, member)])[0], member


def _people(entries: list[tuple[Row, Member]], limit: int | None = None) -> list[TeamPerson]:
    """The entries grouped into people (those sharing an identity key), strongest first, and
    the first `limit` of them made into `TeamPerson`s."""
    by_id = {entry.id: (entry, member) for entry, member in entries}
    groups = grouped_by_person({entry.id: entry.identity_keys.split() for entry, _ in entries})
    ordered = []
    for group in groups:
        rows = sorted((by_id[i] for i in group), key=lambda row: -(row[0].strength or 0.0))
        # A person's best is their strongest entry's, as TeamPerson.best works it out.
        ordered.append((-(rows[0][0].strength or 0.0), normalize_name(rows[0][0].name), rows))
    ordered.sort(key=lambda item: item[:2])
    return [_person(rows) for _best, _name, rows in ordered[:limit]]


def _person(rows: list[tuple[Row, Member]]) -> TeamPerson:
    """One person from their entries, strongest first: known once by each teammate."""
    first = rows[0][0]
    person = TeamPerson(first.name, first.company, first.title)
    seen: set[int] = set()
    for entry, member in rows:
        if member.id in seen:
            continue
        seen.add(member.id)
        person.known_by.append(
            Knower(
                entry.id,
                member.id,
                member.name,
                entry.strength,
                strength_label(entry.strength),
                entry.last_touch_month,
            )
        )
    return person


def teammates_for_goal(
    session: Session,
    viewer_id: int,
    organisations: list[str],
    categories: list[str],
    *,
    per_teammate: int = 3,
) -> list[TeammateReach]:
    """Teammates who know people at the goal's target organisations or in its wanted
    categories, the strongest relationships first.

    Worked out by the database: how many people each teammate knows there (their book's
    entries of one person count once), and each teammate's strongest few read in order of
    strength, so a goal wanting a common category reads no more than a few rows of each."""
    heads = {normalize_company(o).split(" ", 1)[0] for o in organisations if normalize_company(o)}
    if not heads and not categories:
        return []
    wanted = []
    if heads:
        names = session.scalars(
            select(IndexEntry.company).where(IndexEntry.company_head.in_(heads)).distinct()
        )
        companies = [c for c in names if any(target_matches(o, c) for o in organisations)]
        if companies:
            wanted.append(IndexEntry.company_head.in_(heads) & IndexEntry.company.in_(companies))
    if categories:
        # Written as ix_index_entry_categories is, for the database to use it.
        keys = func.string_to_array(IndexEntry.categories, literal_column("' '"))
        wanted.append(keys.op("&&")(cast(array(list(categories)), ARRAY(Text))))
    members = _visible_members(session, viewer_id)
    if not wanted or not members:
        return []
    condition = or_(*wanted)
    counted = (
        select(IndexEntry.member_id, func.count(IndexEntry.person_key.distinct()))
        .where(condition, IndexEntry.member_id.in_(list(members)))
        .group_by(IndexEntry.member_id)
    )
    totals = {member_id: total for member_id, total in session.execute(counted)}
    strongest = _strongest(session, condition, list(totals), per_teammate)
    reach = [
        TeammateReach(member_id, members[member_id].name, people, totals[member_id])
        for member_id in totals
        for people in [[_person([(entry, members[member_id])]) for entry in strongest[member_id]]]
    ]
    reach.sort(key=lambda r: (-r.best, r.member_name.casefold()))
    return reach


def _strongest(
    session: Session, condition, member_ids: list[int], per_teammate: int
) -> dict[int, list[Row]]:
    """Each teammate's strongest `per_teammate` people meeting `condition`: their strongest
    entry each, by strength then name. A member's entries all have a strength or all none
    (the sharing setting decides), so the order of `ix_index_entry_member_id_strength` is the
    order of `TeamPerson.best`."""
    found: dict[int, list[Row]] = {}
    wanted, limit = list(member_ids), per_teammate * 4
    while wanted:
        top = (
            select(*_SHOWN, IndexEntry.person_key)
            .where(IndexEntry.member_id == Member.id, condition)
            .order_by(
                IndexEntry.strength.desc().nulls_first(),
                IndexEntry.name_key,
                IndexEntry.id,
            )
            .limit(limit)
            .lateral()
        )
        rows: dict[int, list[Row]] = defaultdict(list)
        for row in session.execute(
            select(top).select_from(Member).join(top, true()).where(Member.id.in_(wanted))
        ):
            rows[row.member_id].append(row)
        short = []
        for member_id in wanted:
            people: dict[str, Row] = {}
            for row in rows[member_id]:
                people.setdefault(row.person_key, row)
            found[member_id] = list(people.values())[:per_teammate]
            if len(people) < per_teammate and len(rows[member_id]) == limit:
                short.append(member_id)  # one person's entries filled the page: read more
        wanted, limit = short, limit * 4
    return found
