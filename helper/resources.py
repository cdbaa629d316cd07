"""Where the files that live beside the code are found.

The page and message templates sit at the top of a source checkout (`templates/`), beside the
package; a built wheel carries them inside it as `helper/templates/`, so an installed copy and
a checkout both find them. The browser extension (`extension_bridge/`) is loaded unpacked from
the checkout, so it is found there only. The Alembic revisions ship inside the package
(`helper/db/migrations/`); their newest one is read here without Alembic or SQLAlchemy, so the
command line can tell a current store from an older one before loading either."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _templates_dir() -> Path:
    installed = PACKAGE_DIR / "templates"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "templates"


TEMPLATES_DIR = _templates_dir()
EXTENSION_DIR = PACKAGE_DIR.parent / "extension_bridge"
MESSAGE_TEMPLATES_DIR = TEMPLATES_DIR / "messages"
MIGRATIONS_DIR = PACKAGE_DIR / "db" / "migrations"
TEAM_MIGRATIONS_DIR = PACKAGE_DIR / "db" / "team_migrations"
# `revision = "0005"` / `down_revision = "0004"` lines as Alembic's script template writes them.
_REVISION_LINE = re.compile(r'^(revision|down_revision) = (?:"([^"]+)"|(None))$', re.MULTILINE)


def head_in_scripts(migrations_dir: Path = MIGRATIONS_DIR) -> str | None:
    """The newest revision of `migrations_dir` (a single store's, or the team schema's) read
    from the scripts' `revision` lines without Alembic; None
    unless every script has plain lines and exactly one revision is nobody's parent (a merge
    or an unusual script leaves the decision to Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in migrations_dir.joinpath("versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        found = {name: value or None for name, value, _none in _REVISION_LINE.findall(text)}
        if set(found) != {"revision", "down_revision"} or found["revision"] is None:
            return None
        revisions.add(found["revision"])
        if found["down_revision"] is not None:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
