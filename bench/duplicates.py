"""Benchmark: the Possible duplicates search on 30,000 generated contacts, against comparing
every two people at each company, and the store's search after an import against searching
the whole store again.

The people are `generate_people`'s: 30 given names and 27 surnames at a few hundred
employers, so many share a name by chance and every employer has a hundred or more. The
baseline compares only by the same-URL, same-email and similar-name evidence; the search
also looks for nicknames, initials and one employer written two ways, and must still be a
small fraction of the baseline. In the store (`generate_store`'s rows, whose emails are
partly non-ASCII), the first search reads and compares everyone; after an import of a few
hundred people and some edits, only those are compared, and the pairs must be the ones a
full search finds. Run: `python bench/duplicates.py [--contacts N] [--imported N]`.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate_people import make_profile
from generate_store import contact_rows
from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from helper.db import count_change
from helper.db.models import Contact, ContactEmail, Position
from helper.people import IdentityKeys, find_duplicate_pairs
from helper.people.identity import _evidence
from helper.records import ProfileRecord
from helper.store.duplicate_cache import DuplicateCache
from helper.store.gc_pause import cyclic_gc_paused
from helper.store.opening import open_store


def people(count: int) -> list[tuple[int, ProfileRecord]]:
    rng = random.Random(6)
    made = []
    for number in range(count):
        profile = make_profile(rng)
        profile.emails = [f"person{number}@example.com"]
        made.append((number, profile))
    return made


def every_pair_per_company(records: list[tuple[int, ProfileRecord]]) -> int:
    """The baseline: each two people who share a current employer, compared."""
    keys = [IdentityKeys.of(record) for _, record in records]
    by_company: dict[str, list[int]] = defaultdict(list)
    for position, key in enumerate(keys):
        for company in key.companies:
            by_company[company].append(position)
    return sum(
        _evidence(keys[a], keys[b]) is not None
        for members in by_company.values()
        for a, b in itertools.combinations(members, 2)
    )


def seconds(action) -> tuple[float, object]:
    """How long `action` takes with the collector paused, as the duplicates page runs it."""
    with cyclic_gc_paused():
        start = time.perf_counter()
        result = action()
        return time.perf_counter() - start, result


def fill(session: Session, contacts: int, first_id: int = 1) -> None:
    """`contacts` generated people from `first_id` on, written as an import writes them."""
    rows = contact_rows(random.Random(first_id), contacts)
    for table in (Contact, Position, ContactEmail):
        for row in rows[table]:
            key = "id" if table is Contact else "contact_id"
            row[key] += first_id - 1
            if table is ContactEmail:  # unique across batches, as the store requires
                row["email"] = f"{first_id}.{row['email']}"
        session.execute(insert(table), rows[table])
    count_change(session)
    session.commit()


def edit_some(session: Session, count: int) -> None:
    """Rename `count` people and move as many to another employer, as edits would."""
    for contact_id in range(1, 2 * count + 1, 2):
        session.execute(update(Contact).where(Contact.id == contact_id).values(name="Ada Lovelace"))
        moved = Contact.id == contact_id + 1
        session.execute(update(Contact).where(moved).values(current_company="Contoso"))
    count_change(session)
    session.commit()


def store_search(contacts: int, imported: int) -> None:
    """The store's search: the first time, unchanged, and after an import and edits."""
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder))
        cache = DuplicateCache()
        with store.sessions() as session:
            fill(session, contacts)
            first, pairs = seconds(lambda: cache.pairs(session))
            again, _ = seconds(lambda: cache.pairs(session))
            fill(session, imported, first_id=contacts + 1)
            edit_some(session, imported // 10)
            after, kept = seconds(lambda: cache.pairs(session))
            full, fresh = seconds(lambda: DuplicateCache().pairs(session))
        store.close()
    assert kept == fresh, "the search after an import differs from a full search"
    print(f"store, first search (read and compare all): {first:6.2f} s, {len(pairs):,} pairs")
    print(f"store, nothing changed:                     {again:6.2f} s")
    print(f"store, after {imported:,} imported and edits:      {after:6.2f} s, {len(kept):,} pairs")
    print(f"store, searched whole again:                {full:6.2f} s")
    print(f"ratio:                                      {after / full:6.2f} x the whole search")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--imported", type=int, default=300)
    args = parser.parse_args()
    records = people(args.contacts)
    baseline, old_pairs = seconds(lambda: every_pair_per_company(records))
    search, pairs = seconds(lambda: find_duplicate_pairs(records))
    print(f"{args.contacts:,} contacts")
    print(f"every pair per company (baseline):          {baseline:6.2f} s, {old_pairs:,} pairs")
    print(f"find_duplicate_pairs:                       {search:6.2f} s, {len(pairs):,} pairs")
    print(f"ratio:                                      {search / baseline:6.2f} x the baseline")
    store_search(args.contacts, args.imported)


if __name__ == "__main__":
    main()
