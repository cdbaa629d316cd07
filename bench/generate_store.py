"""A store filled with generated contacts, interactions and goals, for the benchmarks that
measure the service and the command line on a realistic database (`bench/match.py`,
`bench/goal_page.py`)."""

from __future__ import annotations

import argparse
import random
from datetime import timedelta

from generate_people import NOW, TIERS, make_goals, make_profile, make_subject
from sqlalchemy import insert

from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    GoalContact,
    Interaction,
    Position,
    Skill,
)
from helper.store.goals import GoalInput, create_goal
from helper.store.me import update_me
from helper.vocabulary import CATEGORIES, GOAL_STAGES, INTERACTION_KINDS
from helper.web.session import solo_workspace


def contact_rows(rng: random.Random, count: int) -> dict[type, list[dict]]:
    rows: dict[type, list[dict]] = {
        Contact: [],
        Position: [],
        Skill: [],
        ContactEmail: [],
        ContactCategory: [],
    }
    for n in range(1, count + 1):
        profile = make_profile(rng)
        rows[Contact].append(
            {
                "id": n,
                "name": profile.name,
                "headline": profile.headline,
                "current_title": profile.current_title,
                "current_company": profile.current_company,
                "about": profile.about,
                "tier": rng.choice(TIERS),
                "other_urls": [],
                "sources": ["bench"],
                "protected_fields": [],
            }
        )
        for ordinal, p in enumerate(profile.positions):
            rows[Position].append(
                {"contact_id": n, "ordinal": ordinal, "title": p.title, "company": p.company}
                | {"start": p.start, "end": p.end}
            )
        for skill in dict.fromkeys(profile.skills):
            rows[Skill].append({"contact_id": n, "name": skill})
        local, _, domain = profile.emails[0].partition("@")
        rows[ContactEmail].append({"contact_id": n, "email": f"{local}.{n}@{domain}"})
        for key in rng.sample(CATEGORIES, rng.choice((0, 1, 1, 1, 2))):
            rows[ContactCategory].append(
                {"contact_id": n, "key": key, "reason": "bench", "source": "user"}
            )
    return rows


def interaction_rows(rng: random.Random, contacts: int, count: int) -> list[dict]:
    # A long tail, as in real mailboxes: a few people get most of the mail.
    weights = [1.0 / (rank + 1) for rank in range(contacts)]
    chosen = rng.choices(range(1, contacts + 1), weights=weights, k=count)
    return [
        {
            "contact_id": contact_id,
            "kind": rng.choice(INTERACTION_KINDS),
            "occurred_at": (NOW - timedelta(days=rng.uniform(0, 3 * 365))).replace(tzinfo=None),
            "channel": "email",
            "summary": make_subject(rng) if rng.random() < 0.6 else "",
            "source_ref": f"bench:{number}",
        }
        for number, contact_id in enumerate(chosen)
    ]


def fill(app, args: argparse.Namespace) -> None:
    rng = random.Random(6)
    store = solo_workspace(app).store
    with store.sessions() as session:
        for table, rows in contact_rows(rng, args.contacts).items():
            session.execute(insert(table), rows)
        session.execute(
            insert(Interaction), interaction_rows(rng, args.contacts, args.interactions)
        )
        update_me(session, {"name": "Bench User", "employers": ["Northwind"]})
        for spec in make_goals(rng, args.goals):
            goal = create_goal(
                session,
                GoalInput(
                    title=spec.title,
                    purpose=spec.purpose,
                    priority=spec.priority,
                    targets={"short": 5, "medium": 15, "long": 40},
                    strategy=spec.strategy,
                    scope=spec.scope,
                    keywords=spec.keywords,
                    organisations=spec.organisations,
                    categories=spec.categories,
                ),
            )
            for contact_id in rng.sample(range(1, args.contacts + 1), 12):
                session.add(
                    GoalContact(
                        goal_id=goal.id, contact_id=contact_id, stage=rng.choice(GOAL_STAGES)
                    )
                )
        session.commit()
