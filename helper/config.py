"""Settings, declared once as data: name, default, help. The README lists every one of them."""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from helper.private_files import FOLDER_MODE

APP_NAME = "outreach-helper"
DATA_DIR_ENV = "OUTREACH_HELPER_DATA_DIR"
DATABASE_URL_ENV = "DATABASE_URL"
DATABASE_FILE = "outreach.sqlite3"
DEMO_DATABASE_FILE = "demo.sqlite3"
# The largest integer SQLite stores (and PostgreSQL's bigint): a larger id names no row, and
# the driver raises OverflowError rather than find nothing.
LARGEST_ROW_ID = 2**63 - 1
# How long a SQLite connection waits for another writer before it gives up.
DEFAULT_BUSY_TIMEOUT_MS = 5000
SECRET_KEY_FILE = "secret_key"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        DATA_DIR_ENV, "the platform's user data folder", "Folder for the store, key and backups."
    ),
    Setting(DATABASE_URL_ENV, "SQLite file in the data folder", "Any SQLAlchemy database URL."),
    Setting("MAX_UPLOAD_MB", 200, "Largest file the Import page accepts, in megabytes."),
    Setting("MAX_PASTE_MB", 20, "Largest pasted profile or form body, in megabytes."),
    Setting("CONTACTS_PER_PAGE", 50, "Rows on one page of the contact list."),
    Setting("SQLITE_BUSY_TIMEOUT_MS", 5000, "How long a writer waits for SQLite's lock."),
)
SETTING_DEFAULTS: dict[str, object] = {
    s.name: s.default for s in SETTINGS if isinstance(s.default, int)
}


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder `data_dir_path` names, created if missing."""
    path = data_dir_path(explicit)
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    return path


def data_dir_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir`, then `OUTREACH_HELPER_DATA_DIR`, then the platform's user data folder."""
    chosen = explicit or os.environ.get(DATA_DIR_ENV)
    if not chosen:
        # Loaded only when no folder is named: importing platformdirs took 3 ms of the start-up
        # of a command given `--data-dir`.
        from platformdirs import user_data_dir

        chosen = user_data_dir(APP_NAME, appauthor=False)
    return Path(chosen).expanduser().resolve()


def database_url(data_dir: Path, *, demo: bool = False) -> str:
    """`DATABASE_URL` when set (never for the demo store), else a SQLite file in `data_dir`."""
    override = os.environ.get(DATABASE_URL_ENV)
    if override and not demo:
        return override
    filename = DEMO_DATABASE_FILE if demo else DATABASE_FILE
    return f"sqlite:///{data_dir / filename}"


def load_secret_key(data_dir: Path) -> str:
    """The per-install secret, generated on first run and readable by the owner only."""
    path = data_dir / SECRET_KEY_FILE
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback IP literals; never for names that merely start
    with "127." (`127.0.0.1.evil.example` is somebody else's name)."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
