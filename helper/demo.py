"""The demo store: clearly fictional people (example.com / .test addresses, 555 numbers)
across all nine categories, three goals and one event, so every page has something to show."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from helper.db import transaction
from helper.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    Event,
    EventContact,
    Goal,
    GoalContact,
    Interaction,
    Position,
    Skill,
)
from helper.normalize import normalize_name
from helper.store.me import update_me

# name, title, company, categories, tier, skills
DEMO_PEOPLE: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "Priya Raman",
        "Engineering Manager",
        "Fictional Bank Ltd",
        "colleague mentor",
        "strengthen",
        "Leadership; Payments",
    ),
    (
        "Tomás Álvarez",
        "Senior Data Engineer",
        "Fictional Bank Ltd",
        "colleague",
        "maintain",
        "Spark; Python",
    ),
    (
        "Hannah Okafor",
        "Product Designer",
        "Northwind Demo Co",
        "colleague",
        "maintain",
        "Figma; Research",
    ),
    (
        "Jonas Lindqvist",
        "Staff Engineer",
        "Northwind Demo Co",
        "colleague specialist",
        "maintain",
        "Kubernetes; Go",
    ),
    ("Mei Chen", "VP Engineering", "Contoso Demo Ltd", "mentor", "strengthen", "Scaling teams"),
    (
        "Daniel Mensah",
        "Executive Coach",
        "Brightpath Coaching (demo)",
        "mentor",
        "strengthen",
        "Coaching; Career transitions",
    ),
    (
        "Sofia Rossi",
        "Angel Investor",
        "Independent",
        "mentor introducer",
        "strengthen",
        "Seed investing; Fintech",
    ),
    (
        "Arjun Nair",
        "Chief Operating Officer",
        "Fabrikam Demo plc",
        "mentor",
        "maintain",
        "Operations",
    ),
    (
        "Olivia Bennett",
        "Head of Procurement",
        "Tailspin Demo Retail",
        "customer",
        "strengthen",
        "Vendor management",
    ),
    (
        "Lucas Martin",
        "IT Director",
        "Wingtip Demo Hotels",
        "customer",
        "maintain",
        "Cloud migration",
    ),
    (
        "Aisha Rahman",
        "Operations Lead",
        "Adatum Demo Logistics",
        "customer",
        "maintain",
        "Supply chain",
    ),
    ("Ben Carter", "Finance Director", "Litware Demo Inc", "customer", "let_go", "FP&A"),
    (
        "Chloe Dubois",
        "Account Manager",
        "Proseware Demo Cloud",
        "supplier",
        "maintain",
        "SaaS; Partnerships",
    ),
    ("Ravi Patel", "Founder", "Patel Print Works (demo)", "supplier", "maintain", "Printing"),
    ("Grace Kim", "Partner Manager", "Lucerne Demo Publishing", "supplier", "unset", "Content"),
    ("Emma Walsh", "Teacher", "Hillside Demo School", "friend_family", "maintain", "Education"),
    (
        "Sam Walsh",
        "Paramedic",
        "Demo Ambulance Service",
        "friend_family",
        "maintain",
        "Emergency care",
    ),
    (
        "Noah Fischer",
        "Architect",
        "Fischer & Partner (demo)",
        "friend_family",
        "unset",
        "Urban design",
    ),
    (
        "Leila Haddad",
        "Data Protection Specialist",
        "Privacy Works Demo",
        "specialist",
        "strengthen",
        "GDPR; Privacy law",
    ),
    (
        "Kenji Watanabe",
        "Machine Learning Researcher",
        "Demo AI Lab",
        "specialist",
        "maintain",
        "NLP; PyTorch",
    ),
    (
        "Fatima Zahra",
        "Security Consultant",
        "Blue Yonder Demo Security",
        "specialist",
        "maintain",
        "Threat modelling",
    ),
    ("Marco Bianchi", "Cloud Architect", "Trey Demo Research", "specialist", "unset", "AWS; Azure"),
    (
        "Rachel Green",
        "Senior Technical Recruiter",
        "Northbridge Talent (demo)",
        "recruiter",
        "strengthen",
        "Engineering hiring",
    ),
    (
        "Omar Farouk",
        "Talent Acquisition Partner",
        "Fictional Bank Ltd",
        "recruiter colleague",
        "maintain",
        "Sourcing",
    ),
    (
        "Isabel Moreno",
        "Executive Search Consultant",
        "Crestline Search (demo)",
        "recruiter",
        "maintain",
        "Executive search",
    ),
    ("Tom Hughes", "Headhunter", "Apex Demo Partners", "recruiter", "unset", "Fintech hiring"),
    (
        "Nadia Petrova",
        "Community Organiser",
        "Fintech Founders Meetup (demo)",
        "club",
        "maintain",
        "Events",
    ),
    (
        "George Adams",
        "Membership Director",
        "Demo Chamber of Commerce",
        "club",
        "maintain",
        "Membership",
    ),
    (
        "Yuki Tanaka",
        "Programme Lead",
        "Institute of Demo Engineers",
        "club",
        "unset",
        "Professional development",
    ),
    ("Elena Popescu", "Chair", "Women in Tech Demo Club", "club", "strengthen", "Mentoring"),
    (
        "William Clarke",
        "Chartered Accountant",
        "Clarke & Co Accountants (demo)",
        "introducer",
        "strengthen",
        "Tax; Start-ups",
    ),
    (
        "Sarah O'Neill",
        "Solicitor",
        "O'Neill Demo Law LLP",
        "introducer",
        "maintain",
        "Corporate law",
    ),
    (
        "David Osei",
        "Relationship Manager",
        "Demo Business Bank",
        "introducer",
        "maintain",
        "SME banking",
    ),
    (
        "Margaret Lowe",
        "Non-Executive Director",
        "Several demo boards",
        "introducer mentor",
        "strengthen",
        "Governance",
    ),
    ("Peter Novak", "Corporate Lawyer", "Novak Demo Legal", "introducer", "unset", "M&A"),
    ("Lina Berg", "Product Manager", "Contoso Demo Ltd", "colleague", "maintain", "Roadmaps"),
    (
        "Ahmed Khan",
        "Fintech Founder",
        "Ledgerly (demo)",
        "customer specialist",
        "strengthen",
        "Payments; Fundraising",
    ),
    (
        "Julia Novak",
        "Head of Partnerships",
        "Tailwind Demo Pay",
        "customer",
        "maintain",
        "Partnerships",
    ),
    ("Chris Doyle", "Plumber", "Doyle Demo Plumbing", "friend_family", "unset", "Plumbing"),
    (
        "Anna Schmidt",
        "Conference Producer",
        "Demo FinTech Week",
        "club supplier",
        "maintain",
        "Events",
    ),
)

DEMO_GOALS = (
    (
        "Move into an engineering leadership role",
        "career",
        1,
        "recruiter mentor colleague introducer",
    ),
    (
        "Raise a seed round for a payments side project",
        "sponsorship",
        2,
        "mentor introducer customer",
    ),
    ("Understand the open-banking market", "industry_insight", 3, "specialist colleague club"),
)


def _slug(name: str) -> str:
    plain = normalize_name(name).replace(" ", ".")
    return "".join(ch for ch in plain if ch.isascii() and (ch.isalnum() or ch == "."))


def _person(index: int, row: tuple[str, str, str, str, str, str], now: datetime) -> Contact:
    name, title, company, categories, tier, skills = row
    contact = Contact(
        name=name,
        headline=f"{title} at {company}",
        current_title=title,
        current_company=company,
        location=("London, UK", "Manchester, UK", "Dublin, Ireland", "Berlin, Germany")[index % 4],
        linkedin_url=f"https://www.linkedin.com/in/demo-{_slug(name).replace('.', '-')}/",
        tier=tier,
        sources=["demo"],
        notes="Fictional person from the demo store.",
    )
    contact.emails = [ContactEmail(email=f"{_slug(name)}@example.com")]
    contact.positions = [Position(ordinal=0, title=title, company=company, start="2021")]
    contact.skills = [Skill(name=s.strip()) for s in skills.split(";")]
    contact.categories = [
        ContactCategory(key=key, reason="demo data", source="user") for key in categories.split()
    ]
    if index % 3 != 2:
        contact.interactions = [
            Interaction(
                kind=("email_sent", "email_received")[n % 2],
                occurred_at=now - timedelta(days=7 * (index % 9) + 30 * n),
                channel="email",
                summary=f"Demo email {n + 1}",
                source_ref=f"demo:{index}:{n}",
            )
            for n in range(1 + index % 4)
        ]
    return contact


def seed_demo_store(factory: sessionmaker[Session]) -> None:
    """Fill an empty demo store; a demo store that has contacts is left as it is."""
    with transaction(factory) as session:
        if session.scalar(select(func.count(Contact.id))):
            return
        now = datetime(2026, 11, 20, 9, 0)
        people = [_person(i, row, now) for i, row in enumerate(DEMO_PEOPLE)]
        session.add_all(people)
        _seed_me(session)
        _seed_goals(session, people)
        _seed_event(session, people, now)


def _seed_me(session: Session) -> None:
    update_me(
        session,
        {
            "name": "Alex Example",
            "headline": "Senior Software Engineer at Fictional Bank Ltd",
            "employers": ["Fictional Bank Ltd"],
            "former_employers": ["Northwind Demo Co", "Contoso Demo Ltd"],
            "emails": ["alex@example.com"],
            "pitch": (
                "I build payment systems that stay up on the busiest day of the year. For six "
                "years I have led small teams shipping reliable fintech products, and I am now "
                "looking to grow into engineering leadership."
            ),
            "offer": "Reviews of payment architectures, and introductions to fintech engineers.",
            "timezone": "Europe/London",
        },
    )


def _seed_goals(session: Session, people: list[Contact]) -> None:
    for title, purpose, priority, categories in DEMO_GOALS:
        goal = Goal(
            title=title,
            purpose=purpose,
            priority=priority,
            short_target=3,
            medium_target=8,
            long_target=15,
            short_ends=date(2027, 1, 31),
            medium_ends=date(2027, 6, 30),
            long_ends=date(2027, 12, 31),
            categories=categories.split(),
            keywords=["payments", "fintech"]
            if purpose != "career"
            else ["engineering", "leadership"],
        )
        session.add(goal)
        wanted = set(goal.categories)
        for person in people:
            if wanted & {c.key for c in person.categories} and person.tier != "let_go":
                session.add(GoalContact(goal=goal, contact=person, stage="suggested", score=0.5))


def _seed_event(session: Session, people: list[Contact], now: datetime) -> None:
    event = Event(
        name="Demo FinTech Week 2026",
        kind="conference",
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3) + timedelta(hours=8),
        timezone="Europe/London",
        place="ExCeL London (fictional edition)",
        notes="Talks on open banking; met three people worth following up.",
    )
    event.attendees = [
        EventContact(contact=people[36], note="Talked about their seed round."),
        EventContact(contact=people[26], note="Invited me to speak at the next meetup."),
        EventContact(contact=people[39], note="Runs the conference; wants speakers."),
    ]
    session.add(event)
