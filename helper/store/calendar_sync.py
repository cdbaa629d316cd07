"""Open follow-ups pushed to the user's own calendar server over CalDAV (RFC 4791).

Each open follow-up is one calendar object resource holding one VEVENT, written by the same
code as the .ics export (`followup_entries`, `build_calendar`), so it keeps the UID and the
SEQUENCE rules of the export: a changed follow-up reaches the server with a higher SEQUENCE,
and a done or dropped one has its resource deleted. Only resources whose UID is in our
namespace (`followup-N@outreach-helper.local`) are ever written or deleted; whatever else the
calendar holds is the user's and left alone.

The settings (server, user name, calendar) live in `<data dir>/sync.toml` and the app password
in `<data dir>/sync.secret`, both readable by the user only; the password is never printed and
is not part of the store, so no export or backup of the store carries it.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icalendar import Calendar
from sqlalchemy.orm import Session

from helper.errors import SyncFailed
from helper.exporters.ics import UID_DOMAIN, build_calendar
from helper.private_files import create_private_file, make_private
from helper.store.exports.calendar import FollowUpRange, followup_entries, select_followups

SETTINGS_FILE = "sync.toml"
SECRET_FILE = "sync.secret"
DEFAULT_CALENDAR = "Follow-ups"
# A server that has not answered in this long is treated as out of reach.
TIMEOUT_SECONDS = 20
_OUR_UID = re.compile(rf"followup-\d+@{re.escape(UID_DOMAIN)}")
# RFC 4791 §4.1: a calendar object resource must not carry METHOD, which the export's
# PUBLISH feed has; it is always this exact line, as every user text is escaped onto one line.
_METHOD_LINE = b"\r\nMETHOD:PUBLISH\r\n"
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class SyncSettings:
    """Where to push: the CalDAV address, the user name, and the calendar's display name."""

    url: str
    user: str
    calendar: str = DEFAULT_CALENDAR


@dataclass
class SyncReport:
    """The UIDs a push created, updated, removed and left as they were."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, list[str]]:
        # Conflicts (an event edited on the server) are not detected yet: always empty.
        return {
            "created": self.created,
            "updated": self.updated,
            "removed": self.removed,
            "conflicts": [],
        }


# Settings and password files ------------------------------------------------------------


def save_settings(data_dir: Path, settings: SyncSettings) -> Path:
    """Write `sync.toml`, readable by the user only, replacing any earlier one."""
    lines = [f"{key} = {_toml_string(key, value)}" for key, value in _settings_items(settings)]
    return _write_private(data_dir / SETTINGS_FILE, "\n".join(lines) + "\n")


def load_settings(data_dir: Path) -> SyncSettings:
    path = data_dir / SETTINGS_FILE
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise SyncFailed("sync is not set up: run `outreach-helper sync setup`") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SyncFailed(f"{path} is unreadable: run `outreach-helper sync setup`") from error
    try:
        return SyncSettings(
            url=str(document["url"]),
            user=str(document["user"]),
            calendar=str(document.get("calendar") or DEFAULT_CALENDAR),
        )
    except KeyError as error:
        raise SyncFailed(
            f"{path} lacks {error.args[0]}: run `outreach-helper sync setup`"
        ) from error


def save_password(data_dir: Path, password: str) -> Path:
    return _write_private(data_dir / SECRET_FILE, password)


def load_password(data_dir: Path) -> str:
    try:
        return (data_dir / SECRET_FILE).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise SyncFailed("no password saved: run `outreach-helper sync setup`") from error


def _settings_items(settings: SyncSettings) -> list[tuple[str, str]]:
    return [("url", settings.url), ("user", settings.user), ("calendar", settings.calendar)]


def _toml_string(key: str, value: str) -> str:
    """A TOML basic string; JSON's escapes (without ensure_ascii) are all valid TOML ones."""
    if _CONTROLS.search(value):
        raise SyncFailed(f"the {key} cannot hold control characters")
    return json.dumps(value, ensure_ascii=False)


def _write_private(path: Path, text: str) -> Path:
    """Write beside `path` in a file made 0600 before anything is in it, then rename, so the
    content is never readable by others, even for a moment, and never half-written."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)
    try:
        partial.write_text(text, encoding="utf-8")
        make_private(partial)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


# The server ----------------------------------------------------------------------------


def calendar_names(settings: SyncSettings, password: str) -> list[str]:
    """The display names of the user's calendars on the server: checks the connection."""
    with _server_errors(settings):
        principal = _client(settings, password).get_principal()
        return [_display_name(calendar) for calendar in principal.get_calendars()]


def push_followups(session: Session, settings: SyncSettings, password: str) -> SyncReport:
    """Make the chosen calendar hold one VEVENT per open follow-up, and no other of ours.

    The server is reached and the calendar found before any follow-up is stamped, so a
    failure there changes nothing locally; a failure later raises, and the caller's
    transaction rolls the stamps back (the next push writes the same SEQUENCE again).
    """
    with _server_errors(settings):
        calendar = _open_calendar(settings, password)
        on_server = _our_resources(calendar)
        followups = select_followups(session, FollowUpRange())
        report = SyncReport()
        for entry in followup_entries(session, followups):
            _put(calendar, on_server.pop(entry.uid, None), build_calendar([entry]), report)
        for uid, resource in sorted(on_server.items()):
            resource.delete()
            report.removed.append(uid)
        return report


def _put(calendar: Any, existing: Any, ics: bytes, report: SyncReport) -> None:
    """Create or overwrite one resource; SEQUENCE is ours, so caldav must not raise it."""
    data = ics.replace(_METHOD_LINE, b"\r\n", 1).decode("utf-8")
    component = _first_event(data)
    uid, sequence = str(component["uid"]), int(component.get("sequence", 0))
    if existing is None:
        calendar.add_event(data, increase_seqno=False)
        report.created.append(uid)
        return
    if _sequence_of(existing) == sequence:
        report.unchanged.append(uid)
        return
    existing.data = data
    existing.save(increase_seqno=False)
    report.updated.append(uid)


def _our_resources(calendar: Any) -> dict[str, Any]:
    """The calendar's events whose UID is ours, by UID (RFC 4791 §7.8 calendar-query)."""
    found: dict[str, Any] = {}
    for resource in calendar.get_events():
        uid = str(resource.icalendar_component.get("uid", ""))
        if _OUR_UID.fullmatch(uid):
            found[uid] = resource
    return found


def _sequence_of(resource: Any) -> int:
    return int(resource.icalendar_component.get("sequence", 0))


def _first_event(data: str) -> Any:
    return Calendar.from_ical(data).walk("VEVENT")[0]


def _open_calendar(settings: SyncSettings, password: str) -> Any:
    principal = _client(settings, password).get_principal()
    calendars = principal.get_calendars()
    names = [_display_name(calendar) for calendar in calendars]
    for calendar, name in zip(calendars, names, strict=True):
        if name == settings.calendar:
            return calendar
    raise calendar_missing(settings.calendar, names)


def calendar_missing(name: str, names: list[str]) -> SyncFailed:
    listed = ", ".join(repr(n) for n in names) if names else "none"
    return SyncFailed(f"no calendar named {name!r} on the server; its calendars: {listed}")


def _display_name(calendar: Any) -> str:
    return str(calendar.get_display_name() or calendar.url)


def _client(settings: SyncSettings, password: str) -> Any:
    # caldav (and niquests under it) take about half a second to import, so they load only
    # when a command talks to the server.
    from caldav import DAVClient

    return DAVClient(
        url=settings.url, username=settings.user, password=password, timeout=TIMEOUT_SECONDS
    )


@contextmanager
def _server_errors(settings: SyncSettings) -> Iterator[None]:
    """Turn what the server or the network says into a one-line reason the user can act on."""
    # Loaded lazily for the same reason as `_client`.
    from caldav.lib import error as dav_error
    from caldav.lib.http_sync import requests as http

    where = settings.url
    try:
        yield
    except dav_error.AuthorizationError as error:
        raise SyncFailed(
            f"the server refused user {settings.user!r} and this password", location=where
        ) from error
    except http.exceptions.SSLError as error:
        raise SyncFailed(
            "the server's certificate is not trusted (expired, self-signed or for another name)",
            location=where,
        ) from error
    except (http.exceptions.ConnectionError, http.exceptions.Timeout, OSError) as error:
        raise SyncFailed(
            "the server cannot be reached: check the address and your connection", location=where
        ) from error
    except dav_error.DAVError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise SyncFailed(f"the server answered with an error: {reason}", location=where) from error
