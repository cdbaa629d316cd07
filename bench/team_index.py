"""Benchmark: the team index of a team of 20 members, each with a book of 30,000 generated
contacts (600,000 index entries).

Set-up: one pool of generated people (the bench generators' names, titles, categories,
interactions and emails, with LinkedIn addresses and a long tail of companies beside the
generator's well-known ones such as Monzo) is made once in a schema of its own; each member's
book keeps a random 30,000 of them, so any two books share about a quarter of their people as
real teams do, with the member's own tiers, a share of the interactions and some LinkedIn
addresses left out. Only the tables publishing reads are copied (contacts, emails, categories,
interactions). Every book is then published (`publish_book`): "strength" for most members,
"names" for a few; the time of each publication is printed.

Then the median of 20 runs of: "who knows someone at X" (`search_team`) for a frequent company
and a rare one, target under 200 ms; a goal page's "Through your team" (`teammates_for_goal`,
two target organisations and one wanted category), target under 300 ms; beside the floor, a
bare indexed `SELECT` of one index entry on the same database, with the ratios. Not a test: the
figures go in the issue.

The database is made by the benchmark and dropped at the end (--keep keeps it; --reuse runs the
measurements on a kept one). A database that already exists is never touched without --reuse.

Run: python bench/team_index.py [URL] [--members N] [--contacts N] [--keep] [--reuse]
(URL, or OUTREACH_HELPER_BENCH_DATABASE_URL, defaults to a database outreach_bench_team on the
local PostgreSQL.)
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, insert, make_url, select, text
from sqlalchemy.pool import NullPool

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate_store import contact_rows, interaction_rows

from helper.db import transaction
from helper.db.models import Contact, ContactCategory, ContactEmail, Interaction
from helper.db.team_models import IndexEntry, Member
from helper.people.team_view import read_team_query
from helper.store.opening import open_store
from helper.store.team.directory import Team, open_team
from helper.store.team.index import search_team, teammates_for_goal
from helper.store.team.members import add_member
from helper.store.team.publishing import publish_member

DEFAULT_URL = "postgresql+psycopg://outreach:outreach@127.0.0.1:5432/outreach_bench_team"
POOL_SCHEMA = "bench_pool"
RUNS = 20
SEARCH_TARGET_MS = 200
GOAL_TARGET_MS = 300
# Members who share names only (1-based places in the team); the others share strength.
NAMES_ONLY = (4, 11, 17)
FREQUENT = "who knows someone at Monzo"
RARE_COMPANY = "Pellucid Robotics Ltd"
RARE = "who knows someone at Pellucid Robotics"
GOAL_ORGANISATIONS = ["Monzo", "Revolut"]
GOAL_CATEGORIES = ["recruiter"]
# Share of contacts at one of the generator's well-known companies; the rest at a long tail.
WELL_KNOWN_SHARE = 0.3
SYLLABLES = "ka lo mi ren tor vel quin zar bro den fal gri hux jen lum nor pax sil tev wim"
TAIL_WORDS = ("", " Ltd", " Group", " Labs", " Partners", " Studio", " Systems", " & Co")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default=None)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--contacts", type=int, default=30_000, help="per book")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse", action="store_true", help="measure an existing database")
    args = parser.parse_args()
    url = args.url or os.environ.get("OUTREACH_HELPER_BENCH_DATABASE_URL") or DEFAULT_URL
    created = prepare_database(url, args.reuse)
    try:
        with tempfile.TemporaryDirectory() as folder:
            team = open_team(Path(folder), url)
            try:
                if created:
                    set_up(team, url, Path(folder), args.members, args.contacts)
                report(team)
            finally:
                team.close()
    finally:
        if created and not args.keep:
            drop_database(url)
        elif created:
            print(f"kept {make_url(url).render_as_string(hide_password=True)}")


def prepare_database(url: str, reuse: bool) -> bool:
    """Create the bench database; True when made here, False when an existing one is reused."""
    name = make_url(url).database
    with _server(url) as server:
        exists = server.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if exists and not reuse:
            raise SystemExit(
                f"The database {name} exists: the benchmark uses a database it makes itself "
                "(drop it, choose another name, or pass --reuse to measure a kept one)."
            )
        if not exists:
            if reuse:
                raise SystemExit(f"There is no database {name} to reuse.")
            server.execute(text(f'CREATE DATABASE "{name}"'))
    return not exists


def drop_database(url: str) -> None:
    with _server(url) as server:
        server.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}"'))


def _server(url: str):
    """A connection to the server's maintenance database, outside any transaction."""
    engine = create_engine(
        make_url(url).set(database="postgres"), poolclass=NullPool, isolation_level="AUTOCOMMIT"
    )
    return engine.connect()


def set_up(team: Team, url: str, data_dir: Path, members: int, contacts: int) -> None:
    started = time.perf_counter()
    pool_size = contacts * 4
    fill_pool(data_dir, url, pool_size, contacts * 5 // 3)
    print(f"pool of {pool_size:,} generated people in {time.perf_counter() - started:.1f} s")
    rng = random.Random(11)
    member_ids = []
    with transaction(team.sessions) as session:
        for place in range(1, members + 1):
            link = add_member(session, f"member{place:02}@example.com", f"Member {place:02}")
            link.member.index_sharing = "names" if place in NAMES_ONLY else "strength"
            member_ids.append(link.member.id)
    copier = create_engine(url, poolclass=NullPool)
    print(
        f"{'book':<10} {'sharing':<9} {'entries':>8} {'open s':>7} {'copy s':>7} {'publish s':>10}"
    )
    publish_times = []
    for place, member_id in enumerate(member_ids, start=1):
        opened = time.perf_counter()
        book = team.open_book(member_id)  # makes the schema and its tables
        copied = time.perf_counter()
        keep = rng.sample(range(1, pool_size + 1), contacts)
        with copier.begin() as connection:
            copy_book(connection, f"book_{member_id}", keep, seed=place / (members + 1))
        published = time.perf_counter()
        publish_member(team, book, member_id)
        done = time.perf_counter()
        book.close()
        publish_times.append(done - published)
        with team.sessions() as session:
            entries = session.scalar(
                select(text("count(*)"))
                .select_from(IndexEntry)
                .where(IndexEntry.member_id == member_id)
            )
        sharing = "names" if place in NAMES_ONLY else "strength"
        print(
            f"book_{member_id:<5} {sharing:<9} {entries:>8,} {copied - opened:>7.2f}"
            f" {published - copied:>7.2f} {done - published:>10.2f}"
        )
    with copier.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {POOL_SCHEMA} CASCADE"))
        connection.execute(text("ANALYZE team.index_entry"))
    copier.dispose()
    print(
        f"publish per book: median {statistics.median(publish_times):.2f} s, "
        f"min {min(publish_times):.2f} s, max {max(publish_times):.2f} s; "
        f"set-up in all {time.perf_counter() - started:.0f} s; load average {load_average()}"
    )


def fill_pool(data_dir: Path, url: str, size: int, per_book_interactions: int) -> None:
    """Generated people in a schema of their own, which each book copies a part of."""
    rng = random.Random(6)
    rows = contact_rows(rng, size)
    tail = long_tail_companies(rng, 5000)
    tail_weights = [1.0 / (rank + 30) for rank in range(len(tail))]
    for row, email in zip(rows[Contact], rows[ContactEmail], strict=True):
        if rng.random() >= WELL_KNOWN_SHARE:
            company = rng.choices(tail, weights=tail_weights)[0]
            row["current_company"] = company
            local = email["email"].partition("@")[0]
            email["email"] = f"{local}@{re.sub(r'[^a-z]', '', company.lower())}.com"
        slug = re.sub(r"[^a-z]+", "-", row["name"].lower()).strip("-")
        row["linkedin_url"] = f"https://www.linkedin.com/in/{slug}-{row['id']}/"
    for row in rng.sample(rows[Contact], 3):
        row["current_company"] = RARE_COMPANY
    # A book keeps a quarter of the pool, so the pool has four books' interactions.
    interactions = interaction_rows(rng, size, per_book_interactions * 4)
    store = open_store(data_dir / "pool", url=url, schema=POOL_SCHEMA)
    try:
        with store.sessions() as session:
            for table in (Contact, ContactEmail, ContactCategory):
                for start in range(0, len(rows[table]), 20_000):
                    session.execute(insert(table), rows[table][start : start + 20_000])
            for start in range(0, len(interactions), 20_000):
                session.execute(insert(Interaction), interactions[start : start + 20_000])
            session.commit()
    finally:
        store.close()


def long_tail_companies(rng: random.Random, count: int) -> list[str]:
    syllables = SYLLABLES.split()
    names: dict[str, None] = {}
    while len(names) < count:
        word = "".join(rng.sample(syllables, rng.choice((2, 2, 3)))).title()
        names[word + rng.choice(TAIL_WORDS)] = None
    return list(names)


def copy_book(connection, schema: str, keep: list[int], seed: float) -> None:
    """The pool's people in `keep`, with this member's own tiers, part of the interactions
    and some LinkedIn addresses unknown to them."""
    connection.execute(text("SELECT setseed(:seed)"), {"seed": seed})
    ids = {"ids": keep}
    connection.execute(
        text(
            f"INSERT INTO {schema}.contact SELECT * FROM {POOL_SCHEMA}.contact WHERE id = ANY(:ids)"
        ),
        ids,
    )
    connection.execute(
        text(
            f"UPDATE {schema}.contact SET tier = (ARRAY['strengthen', 'maintain', 'let_go',"
            " 'unset', 'unset'])[1 + floor(random() * 5)::int], linkedin_url = CASE WHEN"
            " random() < 0.2 THEN NULL ELSE linkedin_url END"
        )
    )
    for table, extra in (
        ("contact_email", ""),
        ("contact_category", ""),
        ("interaction", " AND random() < 0.7"),
    ):
        connection.execute(
            text(
                f"INSERT INTO {schema}.{table} SELECT * FROM {POOL_SCHEMA}.{table}"
                f" WHERE contact_id = ANY(:ids){extra}"
            ),
            ids,
        )
    for table in ("contact", "contact_email", "contact_category", "interaction"):
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{schema}.{table}', 'id'),"
                f" (SELECT coalesce(max(id), 0) + 1 FROM {schema}.{table}), false)"
            )
        )


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    action()  # warm caches, as a second visit would
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def report(team: Team) -> None:
    with team.sessions() as session:
        viewer = session.scalar(select(Member.id).order_by(Member.id).limit(1))
        entries = session.scalar(select(text("count(*)")).select_from(IndexEntry))
        members = session.scalar(select(text("count(*)")).select_from(Member))
        some_entry = session.scalar(select(IndexEntry.id).order_by(IndexEntry.id.desc()).limit(1))
    frequent, rare = read_team_query(FREQUENT), read_team_query(RARE)

    def floor() -> None:
        with team.engine.connect() as connection:
            connection.execute(
                text("SELECT * FROM team.index_entry WHERE id = :id"), {"id": some_entry}
            ).all()

    def search(query):
        def run():
            with team.sessions() as session:
                return search_team(session, query, viewer)

        return run

    def goal():
        with team.sessions() as session:
            return teammates_for_goal(session, viewer, GOAL_ORGANISATIONS, GOAL_CATEGORIES)

    found_frequent, found_rare, reach = search(frequent)(), search(rare)(), goal()
    floor_ms = median_ms(floor)
    rows = [
        ("floor: bare indexed SELECT of one entry", floor_ms, None),
        (f"search '{FREQUENT}'", median_ms(search(frequent)), SEARCH_TARGET_MS),
        (f"search '{RARE}'", median_ms(search(rare)), SEARCH_TARGET_MS),
        (
            f"goal: {' + '.join(GOAL_ORGANISATIONS)}, {' + '.join(GOAL_CATEGORIES)}",
            median_ms(goal),
            GOAL_TARGET_MS,
        ),
    ]
    print(f"{members} members, {entries:,} index entries; viewer member {viewer}; median of {RUNS}")
    print(f"{'case':<58} {'ms':>8} {'x floor':>8} {'target':>8}  verdict")
    for label, ms, target in rows:
        verdict = "" if target is None else ("met" if ms < target else "NOT MET")
        shown = "" if target is None else f"< {target}"
        print(f"{label:<58} {ms:>8.1f} {ms / floor_ms:>8.1f} {shown:>8}  {verdict}")
    print(
        f"found: {summary(found_frequent)} at Monzo; {summary(found_rare)} at Pellucid; "
        f"goal: {len(reach)} teammates, {sum(r.total for r in reach):,} people "
        f"(first: {reach[0].member_name if reach else '-'}, {reach[0].total if reach else 0:,})"
    )
    print(f"load average {load_average()}")


def summary(people) -> str:
    knowers = sum(len(p.known_by) for p in people)
    return f"{len(people)} people shown ({knowers} knowers)"


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    main()
