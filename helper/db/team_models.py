"""The team's own tables, in the PostgreSQL schema `team`: who may sign in, their sign-in
sessions and attempts, the one-time links that set a password, and the team index each member
publishes from their book. Every member's book lives in a schema of its own (`helper.db.books`),
so nothing here points into a book and no book table points here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from helper.db.models import NAMING_CONVENTION, utcnow

TEAM_SCHEMA = "team"


class TeamBase(DeclarativeBase):
    metadata = MetaData(schema=TEAM_SCHEMA, naming_convention=NAMING_CONVENTION)


class Member(TeamBase):
    """A person who may sign in; their book is the schema `helper.db.books.book_schema(id)`."""

    __tablename__ = "member"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    # Empty until the member sets one through their one-time link.
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    # What teammates may see of this member's book (vocabulary.INDEX_SHARING).
    index_sharing: Mapped[str] = mapped_column(String(20), default="off")
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PasswordLink(TeamBase):
    """A one-time link that sets a member's password; only its SHA-256 is kept."""

    __tablename__ = "password_link"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class SignInAttempt(TeamBase):
    """One failed sign-in, counted against the address typed and the client's address."""

    __tablename__ = "sign_in_attempt"
    __table_args__ = (
        Index("ix_sign_in_attempt_email_at", "email", "at"),
        Index("ix_sign_in_attempt_client_at", "client", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SignInSession(TeamBase):
    """A signed-in browser: the cookie holds a random id, the table its SHA-256, so signing
    out, disabling a member or signing in again ends it on the server, not only in the cookie."""

    __tablename__ = "sign_in_session"
    __table_args__ = (Index("ix_sign_in_session_member_id", "member_id"),)

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)


class IndexEntry(TeamBase):
    """One person in one member's book as the team may see them, published by the member's
    own setting: never notes, mail subjects, drafts or goals."""

    __tablename__ = "index_entry"
    __table_args__ = (
        # With the company: the names a target's first word stands for, read from the index.
        Index("ix_index_entry_company_head", "company_head", "company"),
        Index("ix_index_entry_name_key", "name_key"),
        Index("ix_index_entry_name_last", "name_last"),
        # A teammate's strongest relationships first, read in order: a goal's "Through your
        # team" stops at the first few that match.
        Index("ix_index_entry_member_id_strength", "member_id", "strength"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    # Digests of the LinkedIn address, emails and name at company: one person across books.
    identity_keys: Mapped[str] = mapped_column(Text, default="")
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300))
    name_last: Mapped[str] = mapped_column(String(100), default="")
    company: Mapped[str] = mapped_column(String(300), default="")
    company_key: Mapped[str] = mapped_column(String(300), default="")
    company_head: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(300), default="")
    # 0-100; None when the member shares names only.
    strength: Mapped[float | None] = mapped_column(Float)
    last_touch_month: Mapped[str] = mapped_column(String(7), default="")  # "2026-11"
    # Space-separated category keys: matched against a goal's wanted categories, never shown.
    categories: Mapped[str] = mapped_column(String(300), default="")
    # The same for every entry of the member's book that names the same person (they share
    # an identity key), so a teammate's people are counted once each.
    person_key: Mapped[str] = mapped_column(String(20), default="")


# A category's entries found by key, not by reading the whole table: a goal's wanted categories
# are matched against the keys as an array (`&&`).
Index(
    "ix_index_entry_categories",
    func.string_to_array(IndexEntry.categories, " "),
    postgresql_using="gin",
)


class PublishedBook(TeamBase):
    """Where a member's index entries stand: the book's change count they were made from."""

    __tablename__ = "published_book"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True
    )
    change_count: Mapped[int] = mapped_column(Integer, default=-1)
    sharing: Mapped[str] = mapped_column(String(20), default="off")
    published_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
