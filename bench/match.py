"""Benchmark: rank 30,000 generated contacts for 20 goals, against a naive per-contact loop.

Run: python bench/match.py [--contacts N] [--interactions N] [--goals N] [--seed N]

Prints the time to build the index once, to rank all contacts for every goal (top 50, as a goal
page shows them, and every match with its reasons), the slowest single goal, and the same
ranking done the naive way — each goal tokenising each contact and checking its keywords by
substring — measured in the same run, with the ratio. Not a test: the figures go in the issue.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helper.normalize import normalize_company
from helper.records import (
    ContactSnapshot,
    GoalSpec,
    MeProfile,
    Position,
    ProfileRecord,
    RelationshipStats,
)
from helper.strategy.matching import build_index, rank_contacts
from helper.strategy.progress import wanted_categories
from helper.vocabulary import CATEGORIES, PURPOSES


def words(text: str) -> list[str]:
    return text.split()


NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
PAGE_SIZE = 50

FIRST = words(
    "Amelia Oliver Priya Mohammed Sofía Lukas Chloé Mateo Aisha Kenji Hannah Ravi Zoë Jürgen "
    "Fatima Liam Olivia Noah Ines Tomasz Ada Grace Ethan Nadia Samuel Julia Marco Elena Omar Yuki"
)
LAST = words(
    "Smith Shah García Müller Dubois Rossi Okafor Chen Patel Novak Kim Jansen Haddad Evans "
    "O'Neil Fernández Nowak Brown Wilson Taylor Martin Adeyemi Schmidt Petrova Lee Khan Silva"
)
FIELDS = (
    "fintech",
    "payments",
    "renewable energy",
    "solar",
    "retail",
    "healthcare",
    "data science",
    "machine learning",
    "cybersecurity",
    "logistics",
    "e-commerce",
    "insurance",
    "education",
    "venture capital",
    "real estate",
    "biotech",
    "gaming",
    "public sector",
)
ROLES = (
    ("Software Engineer", ("Python", "Go", "Kubernetes", "AWS", "TypeScript")),
    ("Data Scientist", ("Machine Learning", "Python", "Statistics", "SQL", "Forecasting")),
    ("Product Manager", ("Roadmapping", "User Research", "Agile", "Analytics")),
    ("Recruiter", ("Recruitment", "Talent Acquisition", "Executive Search")),
    ("Accountant", ("Tax", "Audit", "Financial Reporting", "SEIS")),
    ("Solicitor", ("Corporate Law", "Contracts", "Employment Law")),
    ("Sales Director", ("Enterprise Sales", "Negotiation", "Account Management")),
    ("Marketing Manager", ("Brand Management", "SEO", "Content Strategy")),
    ("Investor", ("Venture Capital", "Due Diligence", "Angel Investing")),
    ("Consultant", ("Strategy", "Change Management", "Operations")),
    ("Engineer", ("Power Systems", "Grid Integration", "Energy Storage", "CAD")),
    ("Designer", ("Figma", "Design Systems", "Prototyping")),
    ("Coach", ("Leadership Coaching", "Mentoring", "Career Development")),
    ("Community Manager", ("Events", "Community Building", "Partnerships")),
    ("Plumber", ("Plumbing", "Boiler Repair", "Heating")),
)
SENIORITY = ("", "", "Senior ", "Lead ", "Head of ", "Principal ", "Junior ")
COMPANY_WORDS = words(
    "Northwind Contoso Fabrikam Globex Initech Umbrella Stark Wayne Acme Octopus Monzo Ocado "
    "Deliveroo Seedcamp Harnham Barclays Tesco Unilever Siemens Vestas Orsted Revolut Wise "
    "Starling Zopa Cazoo Babylon Darktrace Graphcore Improbable"
)
COMPANY_TAILS = ("", " Ltd", " Group", " Technology", " Energy", " Capital", " Labs", " plc")
TIERS = ("strengthen",) * 10 + ("maintain",) * 30 + ("let_go",) * 5 + ("unset",) * 55


def make_company(rng: random.Random) -> str:
    return rng.choice(COMPANY_WORDS) + rng.choice(COMPANY_TAILS)


def make_profile(rng: random.Random) -> ProfileRecord:
    role, skills = rng.choice(ROLES)
    title = rng.choice(SENIORITY) + role
    field_a, field_b = rng.sample(FIELDS, 2)
    company = make_company(rng)
    headline = rng.choice(
        (
            f"{title} at {company}",
            f"{title} | {field_a.title()} | {rng.choice(skills)}",
            f"Helping teams in {field_a} and {field_b}",
            f"{title} — {field_a} and {field_b}",
        )
    )
    about = " ".join(
        rng.sample(
            (
                f"I have spent years working in {field_a}.",
                f"Currently focused on {field_b} and {rng.choice(skills).lower()}.",
                "Always happy to talk to founders and operators.",
                f"Previously at {make_company(rng)}.",
                "Speaker, mentor and occasional writer.",
            ),
            rng.randint(1, 3),
        )
    )
    positions = [Position(title=title, company=company, start="2021", end="Present")]
    for year in range(rng.randint(0, 3)):
        positions.append(
            Position(title=rng.choice(ROLES)[0], company=make_company(rng), end=str(2020 - year))
        )
    first, last = rng.choice(FIRST), rng.choice(LAST)
    domain = re.sub(r"\W", "", company.lower()) + ".com"
    return ProfileRecord(
        name=f"{first} {last}",
        headline=headline,
        current_title=title,
        current_company=company,
        about=about,
        emails=[f"{first.lower()}.{last.lower()}@{domain}"],
        positions=positions,
        skills=[*rng.sample(skills, rng.randint(1, len(skills))), field_a.title()],
    )


def make_contacts(rng: random.Random, count: int, interactions: int) -> list[ContactSnapshot]:
    contacts = [
        ContactSnapshot(
            id=number + 1,
            profile=make_profile(rng),
            categories=rng.sample(CATEGORIES, rng.choice((0, 1, 1, 1, 2))),
            tier=rng.choice(TIERS),
        )
        for number in range(count)
    ]
    # Interactions follow a long tail: a few people get most of the mail.
    weights = [1.0 / (rank + 1) for rank in range(count)]
    for contact in rng.choices(contacts, weights=weights, k=interactions):
        add_interaction(contact.stats, rng)
    return contacts


def add_interaction(stats: RelationshipStats, rng: random.Random) -> None:
    when = NOW - timedelta(days=rng.uniform(0, 3 * 365))
    kind = rng.choice(("sent", "received", "received", "met"))
    setattr(stats, kind, getattr(stats, kind) + 1)
    stats.first_contact = min(stats.first_contact or when, when)
    stats.last_contact = max(stats.last_contact or when, when)


def make_goals(rng: random.Random, count: int) -> list[GoalSpec]:
    return [
        GoalSpec(
            id=number + 1,
            title=f"Goal {number + 1}",
            purpose=rng.choice(PURPOSES),
            priority=rng.randint(1, 5),
            strategy=rng.choice(("cement_existing", "develop_new", "both")),
            scope=rng.choice(("internal", "external", "both")),
            keywords=rng.sample(FIELDS, rng.randint(1, 4)),
            organisations=rng.sample(COMPANY_WORDS, rng.randint(0, 3)),
            categories=rng.sample(CATEGORIES, rng.randint(0, 3)),
        )
        for number in range(count)
    ]


def naive_rank(goal: GoalSpec, contacts: Sequence[ContactSnapshot]) -> list[tuple[float, int]]:
    """The baseline: every contact re-read for every goal, keywords found by substring."""
    wanted = set(wanted_categories(goal))
    targets = [normalize_company(name) for name in goal.organisations]
    keywords = [keyword.lower() for keyword in goal.keywords]
    scored = []
    for contact in contacts:
        if contact.tier == "let_go":
            continue
        profile = contact.profile
        text = " ".join(
            [profile.headline, profile.about, profile.current_title, *profile.skills]
            + [f"{p.title} {p.company}" for p in profile.positions]
        ).lower()
        words = set(re.findall(r"\w+", text))
        keyword_hits = sum(1 for k in keywords if k in text and k.split()[0] in words)
        companies = {normalize_company(p.company) for p in profile.positions}
        org_hits = sum(1 for t in targets if any(c.startswith(t) for c in companies))
        category_hits = len(wanted.intersection(contact.categories))
        score = keyword_hits + 2 * org_hits + category_hits
        if score:
            scored.append((score, contact.id))
    scored.sort(reverse=True)
    return scored[:PAGE_SIZE]


def timed(action: Callable[[], object]) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, result): on a shared machine the CPU time
    shows what the code costs when the wall time also counts other processes."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def line(label: str, wall_s: float, cpu_s: float, note: str = "") -> None:
    print(f"{label:<44} {wall_s:8.3f} s wall {cpu_s:8.3f} s CPU  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=50_000)
    parser.add_argument("--goals", type=int, default=20)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    contacts = make_contacts(rng, args.contacts, args.interactions)
    goals = make_goals(rng, args.goals)
    me = MeProfile(name="Bench User", employers=["Northwind"], domains=["northwind.com"])
    print(f"{len(contacts):,} contacts, {args.interactions:,} interactions, {len(goals)} goals")
    print(f"load average before: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")

    build_wall, build_cpu, index = timed(lambda: build_index(contacts))
    line("build_index, once", build_wall, build_cpu)

    def rank_all(limit: int | None) -> list[object]:
        return [
            rank_contacts(goal, contacts, me, now=NOW, index=index, limit=limit) for goal in goals
        ]

    page_wall, page_cpu, _ = timed(lambda: rank_all(PAGE_SIZE))
    line(f"rank all goals, top {PAGE_SIZE} with reasons", page_wall, page_cpu, "(target < 2 s)")
    slowest = max(
        timed(lambda g=g: rank_contacts(g, contacts, me, now=NOW, index=index, limit=PAGE_SIZE))[0]
        for g in goals
    )
    print(f"{'slowest single goal, top ' + str(PAGE_SIZE):<44} {slowest * 1000:8.1f} ms wall")
    full_wall, full_cpu, everything = timed(lambda: rank_all(None))
    line("rank all goals, every match with reasons", full_wall, full_cpu)
    matched = sorted(len(suggestions) for suggestions in everything)
    print(f"matches per goal: min {matched[0]:,}, median {matched[len(matched) // 2]:,}")
    naive_wall, naive_cpu, _ = timed(lambda: [naive_rank(goal, contacts) for goal in goals])
    line("naive per-contact loop, all goals", naive_wall, naive_cpu)
    print(
        f"ratio naive / indexed, top {PAGE_SIZE}: {naive_wall / page_wall:.1f}x wall, "
        f"{naive_cpu / page_cpu:.1f}x CPU"
    )
    print(f"load average after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


if __name__ == "__main__":
    main()
