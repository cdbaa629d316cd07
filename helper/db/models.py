"""The ORM models: one class per entity of the data model. Alembic revisions are the schema's
source of truth; a test checks these models and `alembic upgrade head` agree.

No `from __future__ import annotations` here: SQLAlchemy then had to evaluate each of the
models' 212 annotations from its string, about 10 ms of every command's start-up. Annotations
naming a model declared further down are quoted instead."""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _json_list() -> Any:
    return mapped_column(JSON, nullable=False, default=list)


class Me(Base):
    __tablename__ = "me"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    headline: Mapped[str] = mapped_column(String(500), default="")
    employers: Mapped[list[str]] = _json_list()
    former_employers: Mapped[list[str]] = _json_list()
    emails: Mapped[list[str]] = _json_list()
    domains: Mapped[list[str]] = _json_list()
    schools: Mapped[list[str]] = _json_list()
    location: Mapped[str] = mapped_column(String(200), default="")
    pitch: Mapped[str] = mapped_column(Text, default="")
    offer: Mapped[str] = mapped_column(Text, default="")
    signature: Mapped[str] = mapped_column(Text, default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    linkedin_url: Mapped[str] = mapped_column(String(300), default="")
    linkedin_note_limit: Mapped[int] = mapped_column(Integer, default=300)
    # Relationship cadences: ideal days between touches per tier, and when "due"
    # turns "overdue" as a percentage of the ideal period.
    strengthen_days: Mapped[int] = mapped_column(Integer, default=14, server_default="14")
    maintain_days: Mapped[int] = mapped_column(Integer, default=90, server_default="90")
    overdue_percent: Mapped[int] = mapped_column(Integer, default=150, server_default="150")
    # Days to wait for a reply before chasing, per channel; a channel left out takes the
    # default (helper.store.chases).
    chase_days: Mapped[dict[str, int]] = mapped_column(
        JSON, nullable=False, default=dict, server_default="{}"
    )
    # The secret in the calendar subscription URL; empty until first requested.
    calendar_token: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # The short-lived code the browser extension is paired with.
    pairing_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    pairing_expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Contact(Base):
    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    # "Dr", "Prof. Dr.": kept out of the name, for a formal greeting.
    honorific: Mapped[str] = mapped_column(String(50), default="", server_default="")
    pronouns: Mapped[str] = mapped_column(String(50), default="")
    headline: Mapped[str] = mapped_column(String(500), default="")
    current_title: Mapped[str] = mapped_column(String(300), default="")
    current_company: Mapped[str] = mapped_column(String(300), default="")
    location: Mapped[str] = mapped_column(String(300), default="")
    about: Mapped[str] = mapped_column(Text, default="")
    linkedin_url: Mapped[str | None] = mapped_column(String(500), unique=True)
    other_urls: Mapped[list[str]] = _json_list()
    tier: Mapped[str] = mapped_column(String(20), default="unset", index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[list[str]] = _json_list()
    protected_fields: Mapped[list[str]] = _json_list()
    # Categories the user took off this contact: never suggested for it again.
    declined_categories: Mapped[list[str]] = mapped_column(
        JSON, nullable=False, default=list, server_default="[]"
    )
    # The import that created this contact: a run that never finished is taken back by it.
    import_run_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Indexed: the match cache asks for the newest change on every goal page.
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, index=True
    )

    emails: Mapped[list["ContactEmail"]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactEmail.id"
    )
    phones: Mapped[list["ContactPhone"]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactPhone.id"
    )
    positions: Mapped[list["Position"]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="Position.ordinal"
    )
    education: Mapped[list["EducationEntry"]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="EducationEntry.ordinal"
    )
    skills: Mapped[list["Skill"]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="Skill.id"
    )
    categories: Mapped[list["ContactCategory"]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactCategory.key"
    )
    interactions: Mapped[list["Interaction"]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="Interaction.occurred_at"
    )

    @property
    def category_keys(self) -> list[str]:
        return [c.key for c in self.categories]


class _ContactChild:
    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )


class ContactEmail(_ContactChild, Base):
    __tablename__ = "contact_email"

    email: Mapped[str] = mapped_column(String(320), unique=True)
    label: Mapped[str] = mapped_column(String(50), default="")
    contact: Mapped[Contact] = relationship(back_populates="emails")


class ContactPhone(_ContactChild, Base):
    __tablename__ = "contact_phone"
    __table_args__ = (UniqueConstraint("contact_id", "e164"),)

    e164: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(50), default="")
    contact: Mapped[Contact] = relationship(back_populates="phones")


class Position(_ContactChild, Base):
    __tablename__ = "position"

    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300), default="")
    company: Mapped[str] = mapped_column(String(300), default="")
    start: Mapped[str] = mapped_column(String(40), default="")
    end: Mapped[str] = mapped_column(String(40), default="")
    location: Mapped[str] = mapped_column(String(300), default="")
    employment_type: Mapped[str] = mapped_column(String(60), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[Contact] = relationship(back_populates="positions")


class EducationEntry(_ContactChild, Base):
    __tablename__ = "education"

    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    school: Mapped[str] = mapped_column(String(300), default="")
    degree: Mapped[str] = mapped_column(String(300), default="")
    start: Mapped[str] = mapped_column(String(40), default="")
    end: Mapped[str] = mapped_column(String(40), default="")
    contact: Mapped[Contact] = relationship(back_populates="education")


class Skill(_ContactChild, Base):
    __tablename__ = "skill"
    __table_args__ = (UniqueConstraint("contact_id", "name"),)

    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[Contact] = relationship(back_populates="skills")


class ContactCategory(_ContactChild, Base):
    """A category on a contact; `source` is "user" for the user's choice, which a later
    import never replaces, or "suggested" with the classifier's reason."""

    __tablename__ = "contact_category"
    __table_args__ = (
        UniqueConstraint("contact_id", "key"),
        Index("ix_contact_category_key_contact", "key", "contact_id"),
    )

    key: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(500), default="")
    source: Mapped[str] = mapped_column(String(20), default="user")
    contact: Mapped[Contact] = relationship(back_populates="categories")


class CategoryLesson(Base):
    """How strongly one word of a headline suggests one category, learned from the user's
    corrections (`helper.people.lessons`): positive when they added it, negative when they
    removed it."""

    __tablename__ = "category_lesson"

    word: Mapped[str] = mapped_column(String(100), primary_key=True)
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    weight: Mapped[int] = mapped_column(Integer, default=0)


class Interaction(Base):
    __tablename__ = "interaction"
    __table_args__ = (Index("ix_interaction_contact_when", "contact_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    occurred_at: Mapped[datetime | None] = mapped_column(DateTime)
    channel: Mapped[str] = mapped_column(String(30), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    source_ref: Mapped[str | None] = mapped_column(String(500), unique=True)
    import_run_id: Mapped[int | None] = mapped_column(Integer, index=True)
    contact: Mapped[Contact] = relationship(back_populates="interactions")


class Goal(Base):
    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(String(40))
    priority: Mapped[int] = mapped_column(Integer, default=3)
    short_target: Mapped[int] = mapped_column(Integer, default=0)
    medium_target: Mapped[int] = mapped_column(Integer, default=0)
    long_target: Mapped[int] = mapped_column(Integer, default=0)
    short_ends: Mapped[date | None] = mapped_column(Date)
    medium_ends: Mapped[date | None] = mapped_column(Date)
    long_ends: Mapped[date | None] = mapped_column(Date)
    strategy: Mapped[str] = mapped_column(String(30), default="both")
    scope: Mapped[str] = mapped_column(String(30), default="both")
    keywords: Mapped[list[str]] = _json_list()
    organisations: Mapped[list[str]] = _json_list()
    categories: Mapped[list[str]] = _json_list()
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # What drafts for this goal say (the keywords above are for matching only): the aim in the
    # user's words, and a pitch, offer and ask that replace Me's when set. An aim filled in by
    # an upgrade is unchecked until the user saves the goal's form.
    aim: Mapped[str] = mapped_column(String(300), default="")
    aim_checked: Mapped[bool] = mapped_column(Boolean, default=True)
    pitch: Mapped[str] = mapped_column(Text, default="")
    offer: Mapped[str] = mapped_column(Text, default="")
    ask: Mapped[str] = mapped_column(Text, default="")

    links: Mapped[list["GoalContact"]] = relationship(
        back_populates="goal", cascade="all, delete-orphan"
    )


class GoalContact(Base):
    __tablename__ = "goal_contact"
    __table_args__ = (UniqueConstraint("goal_id", "contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(20), default="suggested")
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[str]] = _json_list()
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    goal: Mapped[Goal] = relationship(back_populates="links")
    contact: Mapped[Contact] = relationship()


class Event(Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30), default="other")
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    place: Mapped[str] = mapped_column(String(300), default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    attendees: Mapped[list["EventContact"]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )


class EventContact(Base):
    __tablename__ = "event_contact"
    __table_args__ = (UniqueConstraint("event_id", "contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    event: Mapped[Event] = relationship(back_populates="attendees")
    contact: Mapped[Contact] = relationship()


class FollowUp(Base):
    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="SET NULL"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(30), default="check_in")
    title: Mapped[str] = mapped_column(String(300), default="")
    due_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    channel: Mapped[str] = mapped_column(String(30), default="email")
    draft: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    recurrence: Mapped[str] = mapped_column(String(200), default="")
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    contact: Mapped[Contact] = relationship()


class Draft(Base):
    __tablename__ = "draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[list[str]] = _json_list()
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    copied_at: Mapped[datetime | None] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)


class ImportRun(Base):
    __tablename__ = "import_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(40), default="")
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(20), default="running")
    # The lock file a running import holds, so a later start can tell a live run from a
    # crashed one: the operating system releases the lock however the process ends.
    lock_name: Mapped[str | None] = mapped_column(String(64))
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    merged: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    interactions: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    problem_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    problems: Mapped[list[dict[str, str]]] = _json_list()
    skipped_reasons: Mapped[dict[str, int]] = mapped_column(
        JSON, nullable=False, default=dict, server_default="{}"
    )
    message: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)


class NotSamePerson(Base):
    """Two contacts the user said are different people: never proposed as duplicates again."""

    __tablename__ = "not_same_person"
    __table_args__ = (UniqueConstraint("first_id", "second_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    second_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MergeRecord(Base):
    """A merge, with a snapshot of both contacts as they were, so it can be undone."""

    __tablename__ = "merge_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    survivor_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class BridgeToken(Base):
    """A paired browser extension: only the token's SHA-256 is kept, with its exact origin."""

    __tablename__ = "bridge_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    origin: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class ChangeCounter(Base):
    """One row counting the writes to what goal matching reads (contacts and their rows,
    history, events): the matching index is rebuilt when it moves. Counts, newest ids and
    times cannot tell every edit (an edit in place, an id SQLite hands out again)."""

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(primary_key=True)
    contacts: Mapped[int] = mapped_column(Integer, default=0)


class ContactChange(Base):
    """Which contacts each counted write touched (`change` is the counter's value after it),
    so that the matching index re-reads only those; no contact (NULL) when the write did not
    say, and the index is built anew. Only the newest changes are kept."""

    __tablename__ = "contact_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    change: Mapped[int] = mapped_column(Integer, index=True)
    contact_id: Mapped[int | None] = mapped_column(Integer)


class SyncedResource(Base):
    """A follow-up (kind `event`) or contact (`card`) pushed to the user's own calendar or
    address book server: where it is, the server's ETag for what was written and what version
    of it that was, so an edit made on the phone shows as a moved ETag and is never overwritten
    unseen. In `conflict`, the server's version waits beside ours for the user to choose. No
    foreign key: a row outlives its contact or follow-up until the next sync removes the copy
    on the server."""

    __tablename__ = "synced_resource"
    __table_args__ = (UniqueConstraint("kind", "local_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    local_id: Mapped[int] = mapped_column(Integer)
    uid: Mapped[str] = mapped_column(String(200))
    href: Mapped[str] = mapped_column(String(2000))
    etag: Mapped[str] = mapped_column(String(300), default="")
    version: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(20), default="synced")
    server_etag: Mapped[str] = mapped_column(String(300), default="")
    server_text: Mapped[str] = mapped_column(Text, default="")
    conflict_since: Mapped[datetime | None] = mapped_column(DateTime)
