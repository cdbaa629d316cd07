"""Where the user's own message templates live: `<data folder>/templates/messages/`, copies of
the built-in `templates/messages/` that win over them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session


def message_overrides(data_dir: str | Path) -> Path:
    """The user's copies of templates/messages/, which win over the built-in ones."""
    return Path(data_dir) / "templates" / "messages"


def session_overrides(session: Session) -> Path | None:
    """The message overrides of the store this session works on (None without a folder)."""
    data_dir = session.info.get("data_dir")
    return message_overrides(data_dir) if data_dir is not None else None
