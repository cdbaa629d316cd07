"""Generated people and goals for the matching benchmarks (`bench/match.py`,
`bench/goal_page.py`): profiles with titles, fields, companies and skills drawn from fixed
lists, a long tail of interactions (some with a subject), and goals of every purpose."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta

from helper.records import (
    ContactSnapshot,
    GoalSpec,
    Position,
    ProfileRecord,
    RelationshipStats,
)
from helper.vocabulary import CATEGORIES, PURPOSES


def words(text: str) -> list[str]:
    return text.split()


NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

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


SUBJECTS = (
    "Re: intro to the {field} team",
    "Coffee next week?",
    "Fwd: {field} roles in London",
    "Notes from our call about {field}",
    "Invitation: {field} meetup",
    "Thanks for today",
)


def make_subject(rng: random.Random) -> str:
    """A mail subject, naming a field two times in three."""
    return rng.choice(SUBJECTS).format(field=rng.choice(FIELDS))
