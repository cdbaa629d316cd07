"""The one "Me" row: the user's own profile, and how ready it is for steps 5-6 of the method."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from helper.db.models import Me

# A 60-second pitch is about 130-150 spoken words (speech runs 120-160 words a minute).
PITCH_MAX_WORDS = 150
ME_LIST_FIELDS = ("employers", "former_employers", "emails", "domains", "schools")


@dataclass(frozen=True)
class ReadinessItem:
    label: str
    ready: bool
    detail: str
    field: str


def get_me(session: Session) -> Me:
    """The user's profile row, created empty on first use."""
    me = session.scalar(select(Me).order_by(Me.id).limit(1))
    if me is None:
        me = Me()
        session.add(me)
        session.flush()
    return me


def update_me(session: Session, changes: dict[str, object]) -> Me:
    me = get_me(session)
    for name, value in changes.items():
        if not hasattr(Me, name) or name in ("id", "updated_at"):
            raise ValueError(f"'Me' has no field {name!r}")
        if name in ME_LIST_FIELDS:
            value = list(dict.fromkeys(v for v in value if v))  # type: ignore[union-attr]
        setattr(me, name, value)
    session.flush()
    return me


def readiness(me: Me) -> list[ReadinessItem]:
    """The checklist for steps 5-6: each item says what is missing and which field fixes it."""
    words = len(me.pitch.split())
    if not words:
        pitch = ReadinessItem("60-second pitch", False, "Write your 60-second pitch.", "pitch")
    elif words > PITCH_MAX_WORDS:
        pitch = ReadinessItem(
            "60-second pitch",
            False,
            f"Your pitch has {words} words; cut it to at most {PITCH_MAX_WORDS} "
            "so it fits 60 seconds.",
            "pitch",
        )
    else:
        pitch = ReadinessItem("60-second pitch", True, f"{words} words, fits 60 seconds.", "pitch")
    return [
        pitch,
        _present(
            me.offer, "What you can offer", "State what you can offer the people you meet.", "offer"
        ),
        _present(
            me.signature, "Email signature", "Add the signature your emails end with.", "signature"
        ),
        _present(
            me.linkedin_url,
            "Your LinkedIn profile URL",
            "Add your own LinkedIn profile URL so drafts and contacts can point to it.",
            "linkedin_url",
        ),
    ]


def _present(value: str, label: str, missing: str, field: str) -> ReadinessItem:
    if value.strip():
        return ReadinessItem(label, True, "Done.", field)
    return ReadinessItem(label, False, missing, field)
