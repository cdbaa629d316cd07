"""The demo store: clearly fictional people (example.com / .test addresses, 555 numbers)
across all nine categories, three goals and one event, so every page has something to show."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from helper.db import transaction
from helper.db.models import (
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
from helper.store.convert import me_profile
from helper.store.followups import decide_suggestion
from helper.store.goals import goal_spec
from helper.store.me import get_me, update_me
from helper.store.snapshots import load_snapshots
from helper.strategy.matching import build_index, rank_contacts

DEMO_PEOPLE_FILE = Path(__file__).with_name("demo_people.csv")


def demo_people() -> list[tuple[str, str, str, str, str, str]]:
    """name, title, company, categories (space-separated), tier, skills (";"-separated)."""
    with DEMO_PEOPLE_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [tuple(row) for row in rows[1:]]  # type: ignore[misc]


# Title, purpose, priority, wanted categories, and the aim drafts say.
DEMO_GOALS = (
    (
        "Move into an engineering leadership role",
        "career",
        1,
        "recruiter mentor colleague introducer",
        "a move into engineering leadership",
    ),
    (
        "Raise a seed round for a payments side project",
        "sponsorship",
        2,
        "mentor introducer customer",
        "raising a seed round for a payments side project",
    ),
    (
        "Understand the open-banking market",
        "industry_insight",
        3,
        "specialist colleague club",
        "understanding where open banking is heading",
    ),
)
# What demo mail was about, by the person's first category: drafts quote a subject.
DEMO_SUBJECTS = {
    "colleague": ("Design review notes", "Re: On-call rota"),
    "mentor": ("Thanks for the advice on the team reorg", "Re: Coffee next week?"),
    "customer": ("Questions about the payments API", "Re: Pilot timeline"),
    "supplier": ("Renewal quote for 2027", "Re: Support ticket"),
    "friend_family": ("Sunday lunch", "Re: Photos"),
    "specialist": ("Your talk on model monitoring", "Re: Slides"),
    "recruiter": ("Engineering manager roles in fintech", "Re: Your CV"),
    "club": ("Speaker slot in March", "Re: Membership renewal"),
    "introducer": ("An introduction to a payments founder", "Re: Thank you"),
}


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
                summary=DEMO_SUBJECTS[categories.split()[0]][n % 2],
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
        people = [_person(i, row, now) for i, row in enumerate(demo_people())]
        session.add_all(people)
        _seed_me(session)
        _seed_goals(session, now)
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
            "offer": "reviews of payment architectures, and introductions to fintech engineers",
            "timezone": "Europe/London",
        },
    )


def _seed_goals(session: Session, now: datetime) -> None:
    for title, purpose, priority, categories, aim in DEMO_GOALS:
        goal = Goal(
            title=title,
            purpose=purpose,
            priority=priority,
            aim=aim,
            aim_checked=True,
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
    session.flush()
    _start_pipelines(session, now)


# The pipeline each demo goal starts with: its best suggestions, moved on this far, so every
# stage of a goal that is under way shows.
DEMO_STAGES = ("met", "replied", "contacted", "contacted", "shortlisted", "shortlisted")


def _start_pipelines(session: Session, now: datetime) -> None:
    """Put each goal's best suggestions in its pipeline, with the reasons the ranking gave,
    as a user who has started working on it would have."""
    index = build_index(load_snapshots(session))
    me = me_profile(get_me(session))
    for goal in session.scalars(select(Goal).order_by(Goal.id)):
        ranking = rank_contacts(goal_spec(goal), index, me, now=now, limit=len(DEMO_STAGES))
        best = ranking.suggestions
        for stage, suggestion in zip(DEMO_STAGES, best, strict=False):
            session.add(
                GoalContact(
                    goal=goal,
                    contact_id=suggestion.contact_id,
                    stage=stage,
                    score=suggestion.score,
                    reasons=suggestion.reasons,
                )
            )


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
    session.flush()
    # The thank-yous are accepted, so the follow-up list and the calendar export have
    # something to show; the rest of the plan stays suggested, to show how a plan is decided.
    for link in event.attendees:
        decide_suggestion(session, event, link.contact_id, "thank_you")
