"""Benchmark: the goal page on a store of 30,000 generated contacts, 50,000 interactions and
20 goals.

Prints the median of 20 goal-page requests (one per goal, after a warm-up request that builds
the contact index), beside the time of ranking alone with the cached index, and the floor: a
bare `SELECT` of one page of contacts on the same database, with the ratios. Also the cold first
request (loading every contact and building the index), the cache's version check, the due list
and the dashboard. Then the goal page after one contact edited and after one interaction logged
(the index brought up to date for that contact), beside the goal page after a write that does
not say which contacts it touched (the index built anew), measured in the same run. Target: a
goal page under 200 ms. Not a test: the figures go in the issue.

Run: python bench/goal_page.py [--contacts N] [--interactions N] [--goals N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate_store import fill

from helper import create_app
from helper.db import count_change
from helper.db.models import Contact, Interaction
from helper.store.convert import me_profile
from helper.store.goal_views import this_hour
from helper.store.goals import goal_spec, list_goals
from helper.store.me import get_me
from helper.strategy.matching import rank_contacts
from helper.web.goals import match_cache
from helper.web.session import solo_workspace

TARGET_MS = 200
RUNS = 20


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    action()  # warm caches, as a user's second visit would
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def once_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=50_000)
    parser.add_argument("--goals", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"DATA_DIR": Path(folder)})
        started = time.perf_counter()
        fill(app, args)
        print(
            f"{args.contacts:,} contacts, {args.interactions:,} interactions, {args.goals} goals"
            f" (store filled in {time.perf_counter() - started:.1f} s); median of {RUNS} runs"
        )
        report(app)


def report(app) -> None:
    client = app.test_client()
    store = solo_workspace(app).store
    cold_ms = once_ms(lambda: get(client, "/goals/1"))  # loads every contact, builds the index
    with store.sessions() as session:
        goals = list_goals(session)
        specs = [goal_spec(goal) for goal in goals]
        me = me_profile(get_me(session))
        data = cache_of(app).get(session)
        session.commit()
    now = this_hour()

    def floor() -> None:
        with store.engine.connect() as connection:
            connection.execute(text("SELECT * FROM contact ORDER BY name, id LIMIT 50")).all()

    # Each goal once: its first visit ranks; a repeat visit reuses the ranking.
    first_urls = iter(f"/goals/{goal.id}" for goal in goals[1:] + goals * RUNS)
    specs_cycle = iter(specs * (RUNS + 2))
    floor_ms = median_ms(floor)
    version_ms = median_ms(lambda: version_check(app))
    rank_ms = median_ms(lambda: rank_contacts(next(specs_cycle), data.index, me, now=now, limit=50))
    page_ms = median_ms(lambda: get(client, next(first_urls)), runs=len(goals) - 2)
    repeat_ms = median_ms(lambda: get(client, "/goals/1"))
    rows = [
        ("bare SELECT of one page of contacts", floor_ms),
        ("cache version check (one query)", version_ms),
        ("ranking alone, cached index, top 50", rank_ms),
        ("goal page, first visit of each goal", page_ms),
        ("goal page, repeat visit", repeat_ms),
    ]
    print(f"{'case':<44} {'ms':>9} {'x floor':>8}  verdict")
    for label, ms in rows:
        verdict = ("ok" if ms < TARGET_MS else "TOO SLOW") if label.startswith("goal page") else ""
        print(f"{label:<44} {ms:>9.1f} {ms / floor_ms:>8.1f}  {verdict}")
    print(f"{'due list page':<44} {median_ms(lambda: get(client, '/due')):>9.1f}")
    dashboard_ms = median_ms(lambda: get(client, "/"), 5)
    print(f"{'dashboard (this week over all goals)':<44} {dashboard_ms:>9.1f}")
    print(f"{'first goal page: load and index contacts':<44} {cold_ms:>9.1f}")
    print(
        f"goal page / ranking alone: {page_ms / rank_ms:.2f}x; target < {TARGET_MS} ms; "
        f"load average {' '.join(Path('/proc/loadavg').read_text().split()[:3])}"
    )
    after_changes(app, client, [goal.id for goal in goals])


def after_changes(app, client, goal_ids: list[int]) -> None:
    """The first goal page after one write: an edit or an interaction brings the index up to
    date for one contact; a write that names no contacts builds it anew. Each on another goal
    and contact, so no ranking is reused."""
    store, cache = solo_workspace(app).store, cache_of(app)
    with store.sessions() as session:
        ids = list(session.scalars(select(Contact.id).order_by(Contact.id)))
    rng = random.Random(4)
    urls = iter(f"/goals/{goal_id}" for goal_id in goal_ids * RUNS)

    def edit() -> None:
        with store.sessions() as session:
            contact = session.get(Contact, rng.choice(ids))
            contact.headline = f"{contact.headline} | Kafka streaming lead"
            session.commit()

    def interaction() -> None:
        with store.sessions() as session:
            session.add(
                Interaction(contact_id=rng.choice(ids), kind="met", summary="Data platform chat")
            )
            session.commit()

    def unnamed() -> None:
        with store.sessions() as session:
            count_change(session)
            session.commit()

    cases = [
        ("goal page after one contact edited", edit, 5),
        ("goal page after one interaction logged", interaction, 5),
        ("goal page after an unnamed write (full rebuild)", unnamed, 2),
    ]
    builds, updates = cache.builds, cache.updates
    for label, change, runs in cases:
        samples = []
        for _ in range(runs):
            change()
            samples.append(once_ms(lambda: get(client, next(urls))))
        print(f"{label:<48} {statistics.median(samples):>9.1f}  (median of {runs})")
    print(
        f"index updates {cache.updates - updates}, full builds {cache.builds - builds}; "
        f"load average {' '.join(Path('/proc/loadavg').read_text().split()[:3])}"
    )


def get(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, url


def cache_of(app):
    with app.app_context():
        return match_cache()


def version_check(app) -> None:
    with solo_workspace(app).store.sessions() as session:
        cache_of(app).get(session)


if __name__ == "__main__":
    main()
