"""Benchmark: the Possible duplicates search on 30,000 generated contacts, against comparing
every two people at each company (what the search did before it blocked on names).

The people are `generate_people`'s: 30 given names and 27 surnames at a few hundred
employers, so many share a name by chance and every employer has a hundred or more. The
baseline compares only by the same-URL, same-email and similar-name evidence; the search
also looks for nicknames, initials and one employer written two ways, and must still be a
small fraction of the baseline. Run: `python bench/duplicates.py [--contacts N]`.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate_people import make_profile

from helper.people import find_duplicate_pairs
from helper.people.identity import _evidence, _Keys
from helper.records import ProfileRecord
from helper.store.gc_pause import cyclic_gc_paused


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
    keys = [_Keys.of(record) for _, record in records]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=30_000)
    args = parser.parse_args()
    records = people(args.contacts)
    baseline, old_pairs = seconds(lambda: every_pair_per_company(records))
    search, pairs = seconds(lambda: find_duplicate_pairs(records))
    print(f"{args.contacts:,} contacts")
    print(f"every pair per company (baseline): {baseline:6.2f} s, {old_pairs:,} pairs")
    print(f"find_duplicate_pairs:               {search:6.2f} s, {len(pairs):,} pairs")
    print(f"ratio:                              {search / baseline:6.2f} x the baseline")


if __name__ == "__main__":
    main()
