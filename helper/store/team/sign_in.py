"""Signing in to a team server: rate-limited password checks and server-side sessions."""

from __future__ import annotations

import hmac
import math
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from helper.db.models import utcnow
from helper.db.team_models import Member, SignInAttempt, SignInSession
from helper.errors import SignInRefused
from helper.normalize import normalize_email
from helper.store.team.members import HASHER, password_matches, token_digest

# OWASP's Authentication Cheat Sheet: throttle per account and per client; a person who
# mistypes a few times is not locked out for long.
ATTEMPT_WINDOW = timedelta(minutes=15)
FAILURES_PER_ACCOUNT = 5
FAILURES_PER_CLIENT = 20
SESSION_DAYS = 14
# Verified when the address is unknown, so an unknown address takes as long as a wrong password.
_DUMMY_HASH = HASHER.hash(secrets.token_urlsafe(16))
WRONG = "That email address and password do not match an active account on this team."


def sign_in(
    session: Session, email: str, password: str, client: str, now: datetime | None = None
) -> Member:
    """The member whose credentials these are; SignInRefused (one reason, not saying which
    part was wrong) otherwise. Failures are counted; too many in ATTEMPT_WINDOW refuse even
    the right password until the window has passed."""
    moment = now or utcnow()
    address = normalize_email(email) or email.strip().lower()[:320]
    client = client[:64]
    _refuse_when_throttled(session, address, client, moment)
    member = session.scalar(select(Member).where(Member.email == address))
    if member is None:
        password_matches(Member(password_hash=_DUMMY_HASH), password)
    ok = member is not None and member.disabled_at is None and password_matches(member, password)
    if not ok:
        session.add(SignInAttempt(email=address, client=client, at=moment))
        session.flush()
        raise SignInRefused(WRONG)
    assert member is not None
    if HASHER.check_needs_rehash(member.password_hash):
        member.password_hash = HASHER.hash(password)
    session.execute(delete(SignInAttempt).where(SignInAttempt.email == address))
    return member


def _refuse_when_throttled(session: Session, email: str, client: str, now: datetime) -> None:
    since = now - ATTEMPT_WINDOW
    for column, value, limit in (
        (SignInAttempt.email, email, FAILURES_PER_ACCOUNT),
        (SignInAttempt.client, client, FAILURES_PER_CLIENT),
    ):
        failures = select(func.count(), func.min(SignInAttempt.at)).where(
            column == value, SignInAttempt.at > since
        )
        count, oldest = session.execute(failures).one()
        if count >= limit:
            wait = math.ceil(((oldest + ATTEMPT_WINDOW) - now).total_seconds() / 60)
            raise SignInRefused(
                f"Too many failed sign-ins: try again in {max(wait, 1)} minutes, or ask your "
                "team's admin for a link to set a new password."
            )


def start_session(session: Session, member: Member, now: datetime | None = None) -> str:
    """A new session for `member`: the token goes in the cookie, its digest in the table."""
    token = secrets.token_urlsafe(32)
    session.add(
        SignInSession(
            token_sha256=token_digest(token), member_id=member.id, created_at=now or utcnow()
        )
    )
    session.flush()
    return token


def member_of_session(session: Session, token: str, now: datetime | None = None) -> Member | None:
    """The active member a live session token belongs to, else None."""
    if not token:
        return None
    digest = token_digest(token)
    found = session.get(SignInSession, digest)
    if found is None or not hmac.compare_digest(found.token_sha256, digest):
        return None
    if found.ended_at is not None or found.created_at < (now or utcnow()) - timedelta(
        days=SESSION_DAYS
    ):
        return None
    member = session.get(Member, found.member_id)
    if member is None or member.disabled_at is not None:
        return None
    return member


def end_session(session: Session, token: str) -> None:
    found = session.get(SignInSession, token_digest(token)) if token else None
    if found is not None and found.ended_at is None:
        found.ended_at = utcnow()
        session.flush()
