"""Publishing a staged import in short batches, all-or-nothing for the user.

SQLite has one writer at a time. A 100,000-message mailbox stages about 90,000 interactions;
written in one transaction they held the write lock for seconds, and a contact saved in the UI
meanwhile waited, or failed with "database is locked" (issue 5). So publishing goes:

1. New contacts (with their emails, phones, positions, education, skills and categories) and
   then the interactions are inserted with Core bulk inserts in batches, each batch its own
   short transaction; between batches the write lock is free for the UI and the extension.
2. Every row a batch inserts carries the run's id (`import_run_id` on contacts and
   interactions), so what a run added can always be found again: by this process, and by
   the next start after a crash.
3. One last transaction folds records into contacts that already existed and lets the caller
   mark the run done (`finish`); its commit is the moment the import counts as done. It is
   short for a mailbox (nothing to fold); a re-imported export with many changed people folds
   them all here, since undoing an update in place would need the rows' earlier values.
4. Should anything fail, or the user cancel, before that commit, `discard_run` deletes the
   run's rows again, so the store holds what it held before and the run is recorded failed
   or cancelled. If the process dies between two batches (a crash, SIGKILL), the run stays
   "running" with its process id; the next start finds that process gone and discards the
   run's rows (`helper.store.import_runs.recover_interrupted_runs`).

What a person may notice: while batches go in (a second or two for a large mailbox), lists can
show some of the new contacts before the run says done; the outcome is all or nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from typing import Any

from sqlalchemy import Column, Dialect, Table, delete, insert, select
from sqlalchemy.orm import Session, selectinload

from helper.classify import classify
from helper.db import transaction
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
from helper.store import Store
from helper.store.convert import profile_record
from helper.store.import_plan import ImportPlan, Spool

LOAD_CHUNK = 500
PEOPLE_BATCH = 1000
INTERACTION_BATCH = 5000  # rows per transaction; about 0.1 s of SQLite's write lock
UNDO_BATCH = 500
SCALARS = ("pronouns", "headline", "current_title", "current_company", "location", "about")

# Called between batches with the number of rows written so far; raises to stop.
Checkpoint = Callable[[int], None]
Finish = Callable[[Session, Counter[str]], None]


def discard_run(store: Store, run_id: int) -> None:
    """Delete what a run's committed batches added (rows tagged with its id), in short
    transactions: the interactions, then the contacts with their children."""
    for model in (Interaction, Contact):
        while True:
            with transaction(store.sessions) as session:
                ids = list(
                    session.scalars(
                        select(model.id).where(model.import_run_id == run_id).limit(UNDO_BATCH)
                    )
                )
                if not ids:
                    break
                session.execute(delete(model).where(model.id.in_(ids)))


def publish(
    store: Store,
    plan: ImportPlan,
    me: MeProfile,
    source: str,
    *,
    run_id: int,
    finish: Finish,
    checkpoint: Checkpoint | None = None,
) -> Counter[str]:
    """Write the plan; counts of created, updated, merged and unchanged people. On any error
    (or a checkpoint that raises) what was written is deleted again before it propagates."""
    check = checkpoint or (lambda _done: None)
    try:
        keys = _insert_new_people(store, plan.new_people, me, source, run_id, check)
        _insert_interactions(store, plan.interactions, keys, run_id, check)
        check(len(keys) + len(plan.interactions))
        with transaction(store.sessions) as session:
            counts: Counter[str] = Counter(_merge_existing(session, plan.incoming, me, source))
            counts["created"] = len(keys)
            finish(session, counts)
    except BaseException:
        discard_run(store, run_id)
        raise
    return counts


def _with_categories(record: ProfileRecord, me: MeProfile) -> list[CategorySuggestion]:
    suggested = classify(record, me)
    known = {c.key for c in record.categories}
    return [*record.categories, *(c for c in suggested if c.key not in known)]


def _contact_row(record: ProfileRecord, source: str, run_id: int | None) -> dict:
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
        "import_run_id": run_id,
    }


def _insert_new_people(
    store: Store,
    people: dict[int, ProfileRecord],
    me: MeProfile,
    source: str,
    run_id: int,
    check: Checkpoint,
) -> dict[int, int]:
    """Insert the new contacts and their children batch by batch; maps staging keys to ids."""
    keys: dict[int, int] = {}
    staged = list(people.items())
    for start in range(0, len(staged), PEOPLE_BATCH):
        check(start)
        batch = staged[start : start + PEOPLE_BATCH]
        records = [record for _, record in batch]
        # Rows and categories are worked out before the transaction: no lock held meanwhile.
        rows = [_contact_row(record, source, run_id) for record in records]
        categories = [_with_categories(record, me) for record in records]
        with transaction(store.sessions) as session:
            ids = _insert_people_batch(session, rows, records, categories)
        keys.update((key, contact_id) for (key, _), contact_id in zip(batch, ids, strict=True))
    return keys


def _insert_people_batch(
    session: Session,
    rows: list[dict],
    records: list[ProfileRecord],
    categories: list[list[CategorySuggestion]],
) -> list[int]:
    ids = _insert_contacts(session, rows)
    children = _child_rows(zip(ids, records, categories, strict=True))
    for model, rows in children.items():
        _bulk_insert(session, model.__table__, rows)
    return ids


def _bulk_insert(session: Session, table: Table, rows: list[dict]) -> None:
    """INSERT `rows` (dicts with the same keys) in one executemany.

    On SQLite the values are bound here and passed to the driver's executemany: SQLAlchemy's
    general path rebuilds and type-processes every row's parameters (JSON serialised one value
    at a time), which took a third of a 30,000-row import. The values go through the same type
    processors SQLAlchemy would use; a column the rows leave out gets its Python-side default,
    evaluated once per batch (one `created_at` for the rows of one transaction). Other
    dialects, and rows of uneven shape, take SQLAlchemy's own executemany."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    names = list(rows[0])
    uneven = any(row.keys() != rows[0].keys() for row in rows)
    defaults = None if uneven else _batch_defaults(table, set(names), dialect)
    if dialect.name != "sqlite" or defaults is None:
        session.execute(insert(table), rows)
        return
    # Column by column: one processor call per value, and each distinct JSON list (the
    # same `["linkedin_connections"]` on every row) serialised once.
    columns = []
    for name in names:
        column = [row[name] for row in rows]
        process = _bind_processor(table.c[name], dialect)
        if process is not None:
            column = list(map(_once_per_list(process), column))
        columns.append(column)
    columns += [repeat(value, len(rows)) for value in defaults.values()]
    values = list(zip(*columns, strict=False))
    quote = dialect.identifier_preparer.quote
    column_list = ", ".join(quote(table.c[key].name) for key in [*names, *defaults])
    marks = ", ".join("?" * (len(names) + len(defaults)))
    connection.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({column_list}) VALUES ({marks})", values
    )


def _once_per_list(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`process`, remembered for lists of strings (JSON columns repeat a handful of them)."""
    done: dict[tuple[str, ...], Any] = {}

    def run(value: Any) -> Any:
        if type(value) is not list or not all(type(item) is str for item in value):
            return process(value)
        key = tuple(value)
        if key not in done:
            done[key] = process(value)
        return done[key]

    return run


def _bind_processor(column: Column, dialect: Dialect) -> Callable[[Any], Any] | None:
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def _batch_defaults(table: Table, given: set[str], dialect: Dialect) -> dict[str, Any] | None:
    """Bound values of the Python-side defaults of the columns the rows leave out; None when
    one is a SQL expression or sequence, which only SQLAlchemy's own path renders."""
    defaults: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.key in given or default is None:
            continue
        if not (default.is_scalar or default.is_callable):
            return None
        value = default.arg(None) if default.is_callable else default.arg
        process = _bind_processor(column, dialect)
        defaults[column.key] = process(value) if process else value
    return defaults


def _insert_contacts(session: Session, rows: list[dict]) -> list[int]:
    """Insert contact rows; their ids in the order of `rows`.

    SQLAlchemy answers `RETURNING ... sort_by_parameter_order` on SQLite one row at a time
    (SQLite does not promise RETURNING order), which took most of a 30,000-row import. On
    SQLite a plain executemany is used instead: inside this transaction we hold the only
    write lock, and each new row takes the largest rowid plus one, so the batch is exactly the
    last len(rows) ids. Other databases keep RETURNING, which they batch."""
    table = Contact.__table__
    if session.get_bind().dialect.name != "sqlite":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return [row[0] for row in session.execute(statement, rows)]
    _bulk_insert(session, table, rows)
    newest = session.scalars(select(table.c.id).order_by(table.c.id.desc()).limit(len(rows)))
    return sorted(newest)


def _insert_interactions(
    store: Store, staged: Spool, keys: dict[int, int], run_id: int, check: Checkpoint
) -> None:
    table = Interaction.__table__
    written = len(keys)
    for batch in staged.batches():
        check(written)
        rows = [
            {
                "contact_id": keys.get(item.key, item.key),
                "kind": item.kind,
                "occurred_at": item.occurred_at,
                "channel": item.channel,
                "summary": item.summary,
                "source_ref": item.source_ref,
                "import_run_id": run_id,
            }
            for item in batch
        ]
        with transaction(store.sessions) as session:
            _bulk_insert(session, table, rows)
        written += len(rows)


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
