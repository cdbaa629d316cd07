"""The people of a team server: adding them with a one-time link to set their password,
listing, disabling and removing them. Passwords are hashed with Argon2id (argon2-cffi, the
RFC 9106 recommendation); links and sessions are random tokens kept only as SHA-256 digests."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from helper.db.models import utcnow
from helper.db.team_models import Member, PasswordLink, SignInSession
from helper.errors import NotFound, SignInRefused
from helper.normalize import normalize_email
from helper.vocabulary import INDEX_SHARING

LINK_DAYS = 7
# NIST SP 800-63B §5.1.1.2: at least 8 characters; long passphrases must be accepted.
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 1000
HASHER = PasswordHasher()


@dataclass(frozen=True)
class NewLink:
    """A one-time link's secret, shown once: only its digest is stored."""

    member: Member
    token: str
    expires_at: datetime


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def canonical_email(email: str) -> str:
    address = normalize_email(email)
    if address is None:
        raise SignInRefused(f"{email.strip() or 'An empty address'} is not an email address.")
    return address


def add_member(session: Session, email: str, name: str, *, admin: bool = False) -> NewLink:
    """A new member, who sets their password through the returned link."""
    address = canonical_email(email)
    if not name.strip():
        raise SignInRefused("Give the person's name, as teammates will see it.")
    if session.scalar(select(Member.id).where(Member.email == address)) is not None:
        raise SignInRefused(f"{address} is already on the team.")
    member = Member(email=address, name=name.strip(), is_admin=admin)
    session.add(member)
    session.flush()
    return new_password_link(session, member)


def new_password_link(session: Session, member: Member, now: datetime | None = None) -> NewLink:
    """A link that lets `member` set a password once, valid for LINK_DAYS; earlier unused
    links of theirs stop working."""
    moment = now or utcnow()
    session.execute(
        update(PasswordLink)
        .where(PasswordLink.member_id == member.id, PasswordLink.used_at.is_(None))
        .values(used_at=moment)
    )
    token = secrets.token_urlsafe(32)
    expires = moment + timedelta(days=LINK_DAYS)
    session.add(
        PasswordLink(token_sha256=token_digest(token), member_id=member.id, expires_at=expires)
    )
    session.flush()
    return NewLink(member, token, expires)


def member_for_link(session: Session, token: str, now: datetime | None = None) -> Member:
    """The member a live one-time link belongs to; SignInRefused when used or expired."""
    link = session.get(PasswordLink, token_digest(token))
    if link is None or not hmac.compare_digest(link.token_sha256, token_digest(token)):
        raise SignInRefused("This link is not valid. Ask your team's admin for a new one.")
    if link.used_at is not None or link.expires_at < (now or utcnow()):
        raise SignInRefused(
            "This link was used or has expired. Ask your team's admin for a new one."
        )
    member = session.get(Member, link.member_id)
    if member is None or member.disabled_at is not None:
        raise SignInRefused("This account is disabled. Ask your team's admin.")
    return member


def set_password_with_link(session: Session, token: str, password: str) -> Member:
    """Use a one-time link: the password is set, the link spent, every session ended."""
    member = member_for_link(session, token)
    check_password_rules(password)
    member.password_hash = HASHER.hash(password)
    session.execute(
        update(PasswordLink)
        .where(PasswordLink.token_sha256 == token_digest(token))
        .values(used_at=utcnow())
    )
    end_sessions(session, member.id)
    return member


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise SignInRefused(f"Choose a password of at least {MIN_PASSWORD_CHARS} characters.")
    if len(password) > MAX_PASSWORD_CHARS:
        raise SignInRefused(f"Choose a password of at most {MAX_PASSWORD_CHARS} characters.")


def password_matches(member: Member, password: str) -> bool:
    if not member.password_hash:
        return False
    try:
        return HASHER.verify(member.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def end_sessions(session: Session, member_id: int) -> None:
    session.execute(
        update(SignInSession)
        .where(SignInSession.member_id == member_id, SignInSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


def list_members(session: Session) -> list[Member]:
    return list(session.scalars(select(Member).order_by(func.lower(Member.name), Member.id)))


def get_member(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise NotFound(f"There is no team member {member_id}.")
    return member


def active_member(session: Session, member_id: int) -> Member | None:
    member = session.get(Member, member_id)
    return member if member is not None and member.disabled_at is None else None


def member_by_email(session: Session, email: str) -> Member:
    address = canonical_email(email)
    member = session.scalar(select(Member).where(Member.email == address))
    if member is None:
        raise NotFound(f"{address} is not on the team.")
    return member


def set_disabled(session: Session, member: Member, disabled: bool, *, by: Member | None) -> None:
    """Disable (sessions end at once) or enable a member; the last active admin stays."""
    if disabled:
        check_removable(session, member, by)
        member.disabled_at = member.disabled_at or utcnow()
        end_sessions(session, member.id)
    else:
        member.disabled_at = None
    session.flush()


def set_index_sharing(session: Session, member: Member, sharing: str) -> None:
    if sharing not in INDEX_SHARING:
        raise SignInRefused(f"{sharing!r} is not a sharing choice: use {', '.join(INDEX_SHARING)}.")
    member.index_sharing = sharing
    session.flush()


def remove_member(session: Session, member: Member, *, by: Member | None) -> None:
    """Delete the member's account (their sessions, links and index entries go with it);
    the caller deletes or hands over their book first."""
    check_removable(session, member, by)
    session.execute(delete(Member).where(Member.id == member.id))
    session.flush()


def check_removable(session: Session, member: Member, by: Member | None) -> None:
    """Nobody disables or removes themselves, and the last active admin stays."""
    if by is not None and by.id == member.id:
        raise SignInRefused("You cannot disable or remove yourself; ask another admin.")
    if not member.is_admin or member.disabled_at is not None:
        return
    others = select(func.count(Member.id)).where(
        Member.is_admin.is_(True), Member.disabled_at.is_(None), Member.id != member.id
    )
    if not session.scalar(others):
        raise SignInRefused(
            f"{member.name} is the team's last admin: make someone else admin first."
        )
