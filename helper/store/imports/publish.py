"""Publishing a staged import in short batches, all-or-nothing for the user.

SQLite has one writer at a time. A 100,000-message mailbox stages about 90,000 interactions;
written in one transaction they held the write lock for seconds, and a contact saved in the UI
meanwhile waited, or failed with "database is locked". So publishing goes:

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
   run's rows again (but for contacts the user has made their own meanwhile; see `undo`), and
   the run is recorded failed or cancelled. If the process dies between two batches (a crash,
   SIGKILL), the run stays "running" and its lock file is released by the operating system;
   the next process to look finds the lock free and takes the run back
   (`helper.store.imports.runs.recover_interrupted_runs`).

What a person may notice: while batches go in (a second or two for a large mailbox), lists can
show some of the new contacts before the run says done; the outcome is all or nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from helper.db import Store, count_change, transaction
from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    ContactPhone,
    EducationEntry,
    Interaction,
    Position,
    Skill,
    utcnow,
)
from helper.normalize import normalize_linkedin_url
from helper.people import Classifier, merge_profiles
from helper.records import PERSON_TEXT_FIELDS, CategorySuggestion, ProfileRecord
from helper.store.convert import profile_record
from helper.store.imports.bulk_insert import Row, insert_returning_ids, insert_rows
from helper.store.imports.plan import ImportPlan, Spool
from helper.store.imports.undo import discard_run

LOAD_CHUNK = 500
# Contacts per transaction: about 0.2 s of the write lock. Each commit writes every index page
# the batch touched, and names and URLs land all over their indexes, so smaller batches wrote
# the same pages again and again: 1,000 per batch wrote 104 MB for a 15 MB store of 30,000
# contacts, 2,500 wrote 68 MB and took 0.4 s less (bench/import_contacts.py).
PEOPLE_BATCH = 2500
INTERACTION_BATCH = 5000  # rows per transaction; about 0.1 s of SQLite's write lock
UNDO_BATCH = 500
SCALARS = PERSON_TEXT_FIELDS
# Rows are built as tuples in these column orders: dicts of every row were a tenth of an import.
CONTACT_COLUMNS = (
    "name",
    *SCALARS,
    "linkedin_url",
    "other_urls",
    "tier",
    "notes",
    "sources",
    "protected_fields",
    "import_run_id",
    # One time for both, so any later write to the contact shows (see `undo`).
    "created_at",
    "updated_at",
)
CHILD_COLUMNS: dict[type, tuple[str, ...]] = {
    ContactEmail: ("contact_id", "email", "label"),
    ContactPhone: ("contact_id", "e164", "label"),
    Position: (
        "contact_id",
        "ordinal",
        "title",
        "company",
        "start",
        "end",
        "location",
        "employment_type",
        "description",
    ),
    EducationEntry: ("contact_id", "ordinal", "school", "degree", "start", "end"),
    Skill: ("contact_id", "name"),
    ContactCategory: ("contact_id", "key", "reason", "source"),
}
INTERACTION_COLUMNS = (
    "contact_id",
    "kind",
    "occurred_at",
    "channel",
    "summary",
    "source_ref",
    "import_run_id",
)

# Called between batches with the number of rows written so far; raises to stop.
Checkpoint = Callable[[int], None]
Finish = Callable[[Session, Counter[str]], None]


def publish(
    store: Store,
    plan: ImportPlan,
    classifier: Classifier,
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
        keys = _insert_new_people(store, plan.new_people, classifier, source, run_id, check)
        _insert_interactions(store, plan.interactions, keys, run_id, check)
        check(len(keys) + len(plan.interactions))
        with transaction(store.sessions) as session:
            counts: Counter[str] = Counter(
                _merge_existing(session, plan.incoming, classifier, source)
            )
            counts["created"] = len(keys)
            finish(session, counts)
    except BaseException:
        discard_run(store, run_id)
        raise
    return counts


def _with_categories(record: ProfileRecord, classifier: Classifier) -> list[CategorySuggestion]:
    suggested = classifier.classify(record)
    known = {c.key for c in record.categories}
    return [*record.categories, *(c for c in suggested if c.key not in known)]


def _contact_row(
    record: ProfileRecord, source: str, run_id: int | None, inserted_at: datetime
) -> Row:
    """The contact's values in CONTACT_COLUMNS order."""
    notes = record.notes
    if record.labels:
        notes = "\n".join(n for n in (notes, f"Labels: {', '.join(record.labels)}") if n)
    return (
        record.name[:300] or (record.emails[0] if record.emails else "Unnamed"),
        record.honorific[:50],
        record.pronouns,
        record.headline,
        record.current_title,
        record.current_company,
        record.location,
        record.about,
        normalize_linkedin_url(record.linkedin_url) or None,
        list(dict.fromkeys(record.other_urls)),
        "unset",
        notes,
        [source],
        [],
        run_id,
        inserted_at,
        inserted_at,
    )


def _insert_new_people(
    store: Store,
    people: dict[int, ProfileRecord],
    classifier: Classifier,
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
        now = utcnow()
        rows = [_contact_row(record, source, run_id, now) for record in records]
        categories = [_with_categories(record, classifier) for record in records]
        with transaction(store.sessions) as session:
            ids = _insert_people_batch(session, rows, records, categories)
        keys.update((key, contact_id) for (key, _), contact_id in zip(batch, ids, strict=True))
    return keys


def _insert_people_batch(
    session: Session,
    rows: list[Row],
    records: list[ProfileRecord],
    categories: list[list[CategorySuggestion]],
) -> list[int]:
    count_change(session)  # Core inserts pass no ORM flush that would count them
    ids = insert_returning_ids(session, Contact.__table__, CONTACT_COLUMNS, rows)
    children = _child_rows(zip(ids, records, categories, strict=True))
    for model, child_rows in children.items():
        insert_rows(session, model.__table__, CHILD_COLUMNS[model], child_rows)
    return ids


def _insert_interactions(
    store: Store, staged: Spool, keys: dict[int, int], run_id: int, check: Checkpoint
) -> None:
    table = Interaction.__table__
    written = len(keys)
    for batch in staged.batches():
        check(written)
        rows = [
            (keys.get(key, key), kind, occurred_at, channel, summary, source_ref, run_id)
            for key, kind, occurred_at, channel, summary, source_ref in batch
        ]
        with transaction(store.sessions) as session:
            count_change(session)
            insert_rows(session, table, INTERACTION_COLUMNS, rows)
        written += len(rows)


def _child_rows(
    items: Iterable[tuple[int, ProfileRecord, list[CategorySuggestion]]],
) -> dict[type, list[Row]]:
    """Each child table's rows (in CHILD_COLUMNS order) for the given contacts."""
    emails: list[Row] = []
    phones: list[Row] = []
    positions: list[Row] = []
    education: list[Row] = []
    skills: list[Row] = []
    categories: list[Row] = []
    for contact_id, record, suggested in items:
        email_labels, phone_labels = record.email_labels, record.phone_labels
        emails += [(contact_id, e, email_labels.get(e, "")) for e in dict.fromkeys(record.emails)]
        phones += [(contact_id, p, phone_labels.get(p, "")) for p in dict.fromkeys(record.phones)]
        positions += [
            (
                contact_id,
                n,
                p.title,
                p.company,
                p.start,
                p.end,
                p.location,
                p.employment_type,
                p.description,
            )
            for n, p in enumerate(record.positions)
        ]
        education += [
            (contact_id, n, e.school, e.degree, e.start, e.end)
            for n, e in enumerate(record.education)
        ]
        if record.skills:
            unique = {s.casefold(): s for s in reversed(record.skills)}
            skills += [(contact_id, s[:200]) for s in unique.values()]
        categories += [(contact_id, c.key, c.reason[:500], "suggested") for c in suggested]
    return {
        ContactEmail: emails,
        ContactPhone: phones,
        Position: positions,
        EducationEntry: education,
        Skill: skills,
        ContactCategory: categories,
    }


def _merge_existing(
    session: Session, incoming: dict[int, list[ProfileRecord]], classifier: Classifier, source: str
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
            yield _merge_into(session, contact, incoming[contact.id], classifier, source)


def _merge_into(
    session: Session,
    contact: Contact,
    records: list[ProfileRecord],
    classifier: Classifier,
    source: str,
) -> str:
    """Fold imported records into a stored contact: "updated" (same source), "merged" (a new
    source for this person) or "unchanged"."""
    before = profile_record(contact)
    merged = before
    for record in records:
        merged = merge_profiles(merged, record, protected_fields=set(contact.protected_fields))
    if merged.to_json() == before.to_json() and merged.other_urls == before.other_urls:
        return "unchanged"
    _write_back(session, contact, before, merged, classifier)
    new_source = source not in contact.sources
    contact.sources = [*contact.sources, source] if new_source else contact.sources
    return "merged" if new_source else "updated"


def _write_back(
    session: Session,
    contact: Contact,
    before: ProfileRecord,
    merged: ProfileRecord,
    classifier: Classifier,
) -> None:
    for name in SCALARS:
        setattr(contact, name, getattr(merged, name))
    url = normalize_linkedin_url(merged.linkedin_url) or None
    if url and not contact.linkedin_url:
        contact.linkedin_url = url
    contact.other_urls = list(dict.fromkeys(merged.other_urls))
    # The user's categories stay, and one they took off this person is not put back.
    unwanted = {*contact.category_keys, *contact.declined_categories}
    categories = [c for c in _with_categories(merged, classifier) if c.key not in unwanted]
    new_rows = _child_rows([(contact.id, _added(before, merged), categories)])
    offset = {Position: len(contact.positions), EducationEntry: len(contact.education)}
    for model, rows in new_rows.items():
        for row in rows:
            values = dict(zip(CHILD_COLUMNS[model], row, strict=True))
            if model in offset:
                values["ordinal"] += offset[model]
            session.add(model(**values))


def _added(before: ProfileRecord, merged: ProfileRecord) -> ProfileRecord:
    """Only the list entries the merge added, as a record of their own."""
    return ProfileRecord(
        name=merged.name,
        headline=merged.headline,
        current_title=merged.current_title,
        current_company=merged.current_company,
        emails=[e for e in merged.emails if e not in before.emails],
        phones=[p for p in merged.phones if p not in before.phones],
        email_labels=merged.email_labels,
        phone_labels=merged.phone_labels,
        positions=merged.positions[len(before.positions) :],
        education=merged.education[len(before.education) :],
        skills=[
            s for s in merged.skills if s.casefold() not in {b.casefold() for b in before.skills}
        ],
    )
