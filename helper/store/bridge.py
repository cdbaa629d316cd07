"""The browser extension's pairing: a short code shown on "Me", exchanged once for a
long random token bound to the extension's exact origin; and what the extension reads.

Only the token's SHA-256 is stored, so a copy of the database cannot talk to the bridge.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from helper.db.models import BridgeToken, Contact, Goal, GoalContact
from helper.drafting import Draft as ComposedDraft
from helper.errors import NotFound, OutreachError
from helper.normalize import normalize_linkedin_url
from helper.records import ProfileRecord
from helper.store.convert import contact_json
from helper.store.drafts import DraftRequest, compose_for, drafts_for, measure, preferred_channel
from helper.store.me import get_me
from helper.store.profiles import SavedProfile, preview_profile, save_profile
from helper.vocabulary import CATEGORIES, CHANNELS, GOAL_STAGES

# No 0/O, 1/I/L: the code is read off one screen and typed into another.
PAIRING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PAIRING_CODE_LENGTH = 8
PAIRING_LIFETIME = timedelta(minutes=10)
# Chromium extension ids are 32 letters a-p; Firefox gives each install a random UUID, so the
# origin is pinned exactly and never matched by pattern: allow-listing every moz-extension://
# origin let any installed extension read ActivityWatch's data (aw-server-rust#637).
EXTENSION_ORIGIN = re.compile(
    r"chrome-extension://[a-p]{32}"
    r"|moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)


class PairingRefused(OutreachError):
    """A pairing code or origin that cannot be paired."""


@dataclass(frozen=True)
class PairingCode:
    code: str
    expires_at: datetime


def _now(now: datetime | None) -> datetime:
    """Naive UTC, as the models store it."""
    return (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def is_extension_origin(origin: str) -> bool:
    return EXTENSION_ORIGIN.fullmatch(origin) is not None


def display_code(code: str) -> str:
    """`ABCD2345` -> `ABCD-2345`: two halves are easier to copy by eye."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def _typed_code(text: str) -> str:
    return re.sub(r"[\s-]", "", text).upper()


def new_pairing_code(session: Session, now: datetime | None = None) -> PairingCode:
    """A fresh code replacing any earlier one; it pairs one extension within ten minutes."""
    me = get_me(session)
    me.pairing_code = "".join(secrets.choice(PAIRING_ALPHABET) for _ in range(PAIRING_CODE_LENGTH))
    me.pairing_expires_at = _now(now) + PAIRING_LIFETIME
    session.flush()
    return PairingCode(me.pairing_code, me.pairing_expires_at)


def current_pairing_code(session: Session, now: datetime | None = None) -> PairingCode | None:
    """The code still waiting to be used, if any."""
    me = get_me(session)
    if not me.pairing_code or me.pairing_expires_at is None:
        return None
    if me.pairing_expires_at <= _now(now):
        return None
    return PairingCode(me.pairing_code, me.pairing_expires_at)


def default_label(origin: str) -> str:
    return "Firefox extension" if origin.startswith("moz-extension:") else "Chromium extension"


def pair(session: Session, code: str, origin: str, now: datetime | None = None) -> str:
    """Exchange the pairing code for a new token bound to `origin`; the code is used up."""
    if not is_extension_origin(origin):
        raise PairingRefused(
            "Pairing is only possible from the Outreach Helper browser extension "
            f"(the request came from {origin or 'no origin'})."
        )
    waiting = current_pairing_code(session, now)
    typed = _typed_code(code)
    if waiting is None or not hmac.compare_digest(typed.encode(), waiting.code.encode()):
        raise PairingRefused(
            "That pairing code is wrong or has expired: make a new one on the Me page."
        )
    me = get_me(session)
    me.pairing_code, me.pairing_expires_at = "", None
    token = secrets.token_urlsafe(32)
    session.add(
        BridgeToken(
            token_sha256=token_digest(token),
            origin=origin,
            label=default_label(origin),
            created_at=_now(now),
        )
    )
    session.flush()
    return token


def check_token(
    session: Session, token: str, origin: str, now: datetime | None = None
) -> BridgeToken | None:
    """The live pairing for this token, its last use recorded; None otherwise. An empty
    `origin` (a GET, which browsers send without one) skips the origin comparison."""
    if not token:
        return None
    digest = token_digest(token)
    found = session.scalar(select(BridgeToken).where(BridgeToken.token_sha256 == digest))
    # Compared again in constant time so the index lookup is not the only check on the secret.
    if found is None or not hmac.compare_digest(found.token_sha256, digest):
        return None
    if found.revoked_at is not None or (origin and not hmac.compare_digest(found.origin, origin)):
        return None
    found.last_used_at = _now(now)
    session.flush()
    return found


def is_paired_origin(session: Session, origin: str) -> bool:
    """Whether an unrevoked token is bound to `origin` (for answering CORS preflights)."""
    statement = select(BridgeToken.id).where(
        BridgeToken.origin == origin, BridgeToken.revoked_at.is_(None)
    )
    return session.scalar(statement.limit(1)) is not None


def list_tokens(session: Session) -> list[BridgeToken]:
    """Paired extensions, live ones first, newest first."""
    statement = select(BridgeToken).order_by(
        BridgeToken.revoked_at.is_not(None), BridgeToken.created_at.desc(), BridgeToken.id.desc()
    )
    return list(session.scalars(statement))


def revoke_token(session: Session, token_id: int, now: datetime | None = None) -> BridgeToken:
    found = session.get(BridgeToken, token_id)
    if found is None:
        raise NotFound(f"there is no paired extension with id {token_id}")
    if found.revoked_at is None:
        found.revoked_at = _now(now)
        session.flush()
    return found


def capture_profile(session: Session, record: ProfileRecord, page_url: str) -> SavedProfile:
    """Save a profile sent from its page: a new contact or a merge into the stored person,
    with the stored categories kept and the classifier's suggestions added."""
    if not record.linkedin_url:
        record.linkedin_url = normalize_linkedin_url(page_url) or ""
    preview = preview_profile(session, record)
    return save_profile(session, record, preview.checked_categories)


def find_by_profile_url(session: Session, url: str) -> Contact:
    normalized = normalize_linkedin_url(url)
    if normalized is None:
        raise OutreachError(f"{url!r} is not a LinkedIn profile address.")
    contact = session.scalar(select(Contact).where(Contact.linkedin_url == normalized))
    if contact is None:
        raise NotFound("This person is not in Outreach Helper yet.")
    return contact


def _goals_json(session: Session, contact_id: int) -> list[dict]:
    rows = session.execute(
        select(Goal, GoalContact.stage)
        .join(GoalContact, GoalContact.goal_id == Goal.id)
        .where(GoalContact.contact_id == contact_id)
        .order_by(Goal.priority, Goal.id)
    )
    return [
        {
            "id": goal.id,
            "title": goal.title,
            "purpose": goal.purpose,
            "stage": stage,
            "stage_label": GOAL_STAGES.label(stage),
        }
        for goal, stage in rows
    ]


def _draft_json(session: Session, contact: Contact, goals: list[dict]) -> dict:
    """The newest saved draft, else one composed now for the preferred channel."""
    saved = drafts_for(session, contact.id)
    if saved:
        draft = saved[0]
        length, limit = measure(session, draft.channel, draft.body)
        composed = ComposedDraft(
            draft.channel, draft.subject, draft.body, list(draft.questions), length, limit
        )
    else:
        request = DraftRequest(
            contact.id, preferred_channel(session, contact), goals[0]["id"] if goals else None
        )
        composed = compose_for(session, request)
    return {**composed.to_json(), "channel_label": CHANNELS.label(composed.channel)}


def known_person(session: Session, url: str) -> dict:
    """What the popup shows for a stored person: contact, categories, goals, current draft."""
    contact = find_by_profile_url(session, url)
    goals = _goals_json(session, contact.id)
    categories = [
        {"key": c.key, "label": CATEGORIES.short_label(c.key), "reason": c.reason}
        for c in contact.categories
    ]
    return {
        "contact": contact_json(contact),
        "categories": categories,
        "goals": goals,
        "draft": _draft_json(session, contact, goals),
    }
