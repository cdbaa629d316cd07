"""Benchmark: contact pages on a store of 30,000 generated contacts with about four
interactions each.

Prints the median of 20 requests for the contacts page, a search, a filtered page and each
order of the list, beside the floor: a bare `SELECT` of one page of rows on the same database.
Target: each page under 150 ms. Run: `python bench/pages.py [--contacts N]`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from helper import create_app
from helper.db import count_change
from helper.db.models import Contact, ContactCategory, ContactEmail, Interaction
from helper.vocabulary import CATEGORIES, TIERS
from helper.web.session import solo_workspace

FIRST = ["Ada", "Grace", "Alan", "Priya", "Tomás", "Mei", "Olu", "Sven", "Aisha", "Ravi", "Jo"]
LAST = ["Lovelace", "Hopper", "Turing", "Raman", "Álvarez", "Chen", "Okafor", "Berg", "Khan"]
TITLES = ["Engineer", "Recruiter", "Accountant", "Founder", "Designer", "Solicitor", "Coach"]
COMPANIES = ["Monzo", "Contoso", "Fabrikam", "Northwind", "Tailspin", "Litware", "Adatum"]
TARGET_MS = 150
RUNS = 20


def fill(app, count: int) -> None:
    rng = random.Random(7)
    contacts, emails, categories, interactions = [], [], [], []
    start = datetime(2024, 1, 1)
    for n in range(1, count + 1):
        title, company = rng.choice(TITLES), rng.choice(COMPANIES)
        contacts.append(
            {
                "id": n,
                "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}",
                "headline": f"{title} at {company}",
                "current_title": title,
                "current_company": company,
                "tier": rng.choice(TIERS),
                "other_urls": [],
                "sources": ["bench"],
                "protected_fields": [],
            }
        )
        emails.append({"contact_id": n, "email": f"person{n}@example.com"})
        for key in rng.sample(CATEGORIES, rng.randint(1, 2)):
            categories.append({"contact_id": n, "key": key, "reason": "bench", "source": "user"})
        # Some people you never wrote to; the others a few times over two years.
        for _ in range(rng.choice((0, 0, 1, 3, 5, 8, 12))):
            when = start + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            interactions.append({"contact_id": n, "kind": "email_sent", "occurred_at": when})
    with solo_workspace(app).store.sessions() as session:
        session.execute(insert(Contact), contacts)
        session.execute(insert(ContactEmail), emails)
        session.execute(insert(ContactCategory), categories)
        session.execute(insert(Interaction), interactions)
        session.commit()


def median_ms(action) -> float:
    action()  # warm caches, as a user's second visit would
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


CASES = {
    "contacts page": "/contacts",
    "contacts page 300": "/contacts?page=300",
    "search 'monzo'": "/contacts?q=monzo",
    "filter recruiter+strengthen": "/contacts?category=recruiter&tier=strengthen",
    "sort company": "/contacts?sort=company",
    "sort last contact": "/contacts?sort=last_contact",
    "sort last contact page 300": "/contacts?sort=last_contact&page=300",
    "sort next due": "/contacts?sort=next_due",
    "sort next due page 300": "/contacts?sort=next_due&page=300",
    "recruiter by next due": "/contacts?category=recruiter&sort=next_due",
}


def page_fetch(client, url: str):
    def fetch() -> None:
        response = client.get(url)
        assert response.status_code == 200, url

    return fetch


def fetch_after_an_edit(app, client, url: str):
    """The page right after a write, when the orders in time are worked out again."""

    def fetch() -> None:
        with solo_workspace(app).store.sessions() as session:
            count_change(session)
            session.commit()
        page_fetch(client, url)()

    return fetch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=30_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"DATA_DIR": Path(folder)})
        fill(app, args.contacts)
        client = app.test_client()
        engine = solo_workspace(app).store.engine

        def floor() -> None:
            with engine.connect() as connection:
                connection.execute(
                    text("SELECT * FROM contact ORDER BY name, id LIMIT 50 OFFSET 0")
                ).all()

        floor_ms = median_ms(floor)
        print(f"{args.contacts:,} contacts; median of {RUNS} runs; target < {TARGET_MS} ms")
        print(f"{'case':<30} {'ms':>8} {'x floor':>8}  verdict")
        print(f"{'bare SELECT of one page':<30} {floor_ms:>8.1f} {1.0:>8.1f}")
        measured = {name: page_fetch(client, url) for name, url in CASES.items()}
        measured["next due after an edit"] = fetch_after_an_edit(
            app, client, "/contacts?sort=next_due"
        )
        for name, fetch in measured.items():
            ms = median_ms(fetch)
            verdict = "ok" if ms < TARGET_MS else "TOO SLOW"
            print(f"{name:<30} {ms:>8.1f} {ms / floor_ms:>8.1f}  {verdict}")


if __name__ == "__main__":
    main()
