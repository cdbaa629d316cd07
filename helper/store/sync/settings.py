"""Where a sync pushes to, and the app password it signs in with.

The settings live in `<data dir>/sync.toml` and the password in `<data dir>/sync.secret`,
both readable by the user only. The password is never printed and is not part of the store,
so no export or backup of the store carries it.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from helper.errors import SyncFailed
from helper.private_files import replaced_whole
from helper.vocabulary import CATEGORIES, TIERS

SETTINGS_FILE = "sync.toml"
SECRET_FILE = "sync.secret"
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
_SETUP = "run `outreach-helper sync setup` or open Me → Sync"


@dataclass(frozen=True)
class SyncSettings:
    """Where to push: the server's address and the user name on it, the calendar that takes
    the follow-ups and the address book that takes the contacts (by display name; "" for
    none), which contacts go (those in any of `categories` or `tiers`, all when both are
    empty), and the contacts server's own address for providers that serve contacts from
    another host (iCloud, Fastmail; "" when it is `url`)."""

    url: str
    user: str
    calendar: str = ""
    address_book: str = ""
    categories: tuple[str, ...] = field(default=())
    tiers: tuple[str, ...] = field(default=())
    contacts_url: str = ""

    @property
    def address_book_server(self) -> str:
        return self.contacts_url or self.url

    def __post_init__(self) -> None:
        unknown = [key for key in self.categories if key not in CATEGORIES]
        unknown += [key for key in self.tiers if key not in TIERS]
        if unknown:
            raise SyncFailed(f"no category or tier is called {unknown[0]!r}")

    @property
    def destination(self) -> str:
        """What a sync pushes where, in words."""
        parts = []
        if self.calendar:
            parts.append(f"follow-ups to the calendar “{self.calendar}”")
        if self.address_book:
            chosen = [CATEGORIES.label(k) for k in self.categories]
            chosen += [TIERS.label(k) for k in self.tiers]
            who = f"contacts ({', '.join(chosen)})" if chosen else "all contacts"
            parts.append(f"{who} to the address book “{self.address_book}”")
        return " and ".join(parts) if parts else "nothing yet"

    def picks_contact(self, categories: list[str], tier: str) -> bool:
        if not self.categories and not self.tiers:
            return True
        return tier in self.tiers or any(key in self.categories for key in categories)


def check_shared_server_address(url: str) -> None:
    """On a server shared by a team, refuse a sync address that reaches the server's own
    machine (loopback) or its cloud's metadata service (link-local), where a member could
    otherwise make it sign in on their behalf; the team's own intranet hosts stay allowed."""
    host = urlsplit(url).hostname or ""
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise SyncFailed(f"the server name {host!r} is not known") from error
    for *_rest, address in found:
        ip = ipaddress.ip_address(str(address[0]).split("%", 1)[0])
        if ip.is_loopback or ip.is_link_local or ip.is_unspecified:
            raise SyncFailed(
                f"a team server does not sync with {host!r}: it is this machine or its "
                "network's own service address"
            )


def save_settings(data_dir: Path, settings: SyncSettings) -> Path:
    """Write `sync.toml`, readable by the user only, replacing any earlier one."""
    lines = [
        f"url = {_toml_string('url', settings.url)}",
        f"user = {_toml_string('user', settings.user)}",
        f"calendar = {_toml_string('calendar', settings.calendar)}",
        f"address_book = {_toml_string('address book', settings.address_book)}",
        f"categories = {json.dumps(list(settings.categories))}",
        f"tiers = {json.dumps(list(settings.tiers))}",
        f"contacts_url = {_toml_string('contacts address', settings.contacts_url)}",
    ]
    return write_private(data_dir / SETTINGS_FILE, "\n".join(lines) + "\n")


def has_settings(data_dir: Path) -> bool:
    return (data_dir / SETTINGS_FILE).is_file()


def load_settings(data_dir: Path) -> SyncSettings:
    path = data_dir / SETTINGS_FILE
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise SyncFailed(f"sync is not set up: {_SETUP}") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SyncFailed(f"{path} is unreadable: {_SETUP}") from error
    try:
        return SyncSettings(
            url=str(document["url"]),
            user=str(document["user"]),
            calendar=str(document.get("calendar", "")),
            address_book=str(document.get("address_book", "")),
            categories=tuple(str(key) for key in document.get("categories", [])),
            tiers=tuple(str(key) for key in document.get("tiers", [])),
            contacts_url=str(document.get("contacts_url", "")),
        )
    except KeyError as error:
        raise SyncFailed(f"{path} lacks {error.args[0]}: {_SETUP}") from error


def save_password(data_dir: Path, password: str) -> Path:
    return write_private(data_dir / SECRET_FILE, password)


def load_password(data_dir: Path) -> str:
    try:
        return (data_dir / SECRET_FILE).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise SyncFailed(f"no password saved: {_SETUP}") from error


def _toml_string(what: str, value: str) -> str:
    """A TOML basic string; JSON's escapes (without ensure_ascii) are all valid TOML ones."""
    if _CONTROLS.search(value):
        raise SyncFailed(f"the {what} cannot hold control characters")
    return json.dumps(value, ensure_ascii=False)


def write_private(path: Path, text: str) -> Path:
    """Write beside `path` in a file made 0600 before anything is in it, then rename, so the
    content is never readable by others, even for a moment, and never half-written."""
    with replaced_whole(path) as partial:
        partial.write_text(text, encoding="utf-8")
    return path
