"""`outreach-helper sync`: open follow-ups pushed to a real Radicale 3 CalDAV server (RFC 4791),
and the one-line reasons when the password, the server or the calendar is wrong."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest

pytest.importorskip("radicale", reason="radicale (the test extra) runs the CalDAV server")
caldav = pytest.importorskip("caldav")

from helper.cli import main  # noqa: E402
from helper.db.models import FollowUp  # noqa: E402
from helper.store import open_store  # noqa: E402
from helper.store.calendar_sync import SECRET_FILE, SETTINGS_FILE  # noqa: E402
from helper.store.contacts import ContactInput, create_contact  # noqa: E402
from helper.store.followups import mark_done, reschedule  # noqa: E402
from helper.store.me import update_me  # noqa: E402

USER, PASSWORD, CALENDAR = "ann", "s3cret", "Follow-ups"
FOREIGN_UID = "dentist-1@example.org"
FOREIGN_EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone else//EN\r\n"
    "BEGIN:VEVENT\r\nUID:dentist-1@example.org\r\nDTSTAMP:20261101T090000Z\r\n"
    "DTSTART:20261204T090000Z\r\nDURATION:PT1H\r\nSUMMARY:Dentist\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"radicale exited: {server.stderr.read().decode(errors='replace')}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answers, if only to refuse an anonymous request
        except OSError:
            time.sleep(0.1)
    pytest.fail("radicale did not start within 20 seconds")


@pytest.fixture
def radicale_server(tmp_path):
    """A Radicale 3 server on a free local port, with user ann (password s3cret) owning an
    empty calendar "Follow-ups"; yields its URL, and stops it after the test."""
    users = tmp_path / "radicale-users"
    users.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [
        sys.executable, "-m", "radicale", "--config", "",
        "--server-hosts", f"127.0.0.1:{port}",
        "--storage-filesystem-folder", str(tmp_path / "radicale-collections"),
        "--auth-type", "htpasswd",
        "--auth-htpasswd-filename", str(users),
        "--auth-htpasswd-encryption", "plain",
    ]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_serving(url, server)
        _principal(url).make_calendar(name=CALENDAR)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr is not None:
            server.stderr.close()


def _principal(url: str, password: str = PASSWORD):
    return caldav.DAVClient(url=url, username=USER, password=password).get_principal()


def _server_events(url: str) -> dict[str, object]:
    """The calendar's VEVENTs as the server holds them, by UID."""
    calendar = _principal(url).calendar(name=CALENDAR)
    found = {}
    for resource in calendar.get_events():
        component = resource.icalendar_component
        found[str(component["uid"])] = component
    return found


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """The store the `runner` fixture points at, with the user's time zone set."""
    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        update_me(session, {"timezone": "Europe/London", "name": "Sam Lee"})
        session.commit()
    store.close()
    return tmp_path / "data"


def _add_followups(data_dir: Path) -> tuple[int, int]:
    store = open_store(data_dir)
    with store.sessions() as session:
        priya = create_contact(session, ContactInput(name="Priya Raman"))
        li = create_contact(session, ContactInput(name="Li Wei"))
        first = FollowUp(contact=priya, title="Thank Priya", due_at=datetime(2026, 12, 7, 9))
        second = FollowUp(contact=li, title="Send Li the deck", due_at=datetime(2026, 12, 8, 9))
        session.add_all([first, second])
        session.commit()
        ids = first.id, second.id
    store.close()
    return ids


def _change(data_dir: Path, followup_id: int, action) -> None:
    store = open_store(data_dir)
    with store.sessions() as session:
        action(session, session.get(FollowUp, followup_id))
        session.commit()
    store.close()


def _setup(runner, url: str, *extra: str, password: str = PASSWORD):
    return runner.invoke(
        main,
        ["sync", "setup", "--url", url, "--user", USER, *extra],
        env={"OUTREACH_HELPER_DAV_PASSWORD": password},
    )


def _sync_json(runner) -> dict[str, list[str]]:
    result = runner.invoke(main, ["sync", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _utc(component, name: str) -> datetime:
    return component.decoded(name).astimezone(UTC)


def test_a_sync_creates_moves_and_removes_our_events_and_leaves_others_alone(
    runner, data_dir, radicale_server
):
    setup = _setup(runner, radicale_server, "--calendar", CALENDAR)
    assert setup.exit_code == 0, setup.output
    _principal(radicale_server).calendar(name=CALENDAR).add_event(FOREIGN_EVENT)
    first, second = _add_followups(data_dir)
    uids = [f"followup-{first}@outreach-helper.local", f"followup-{second}@outreach-helper.local"]

    assert _sync_json(runner) == {"created": uids, "updated": [], "removed": [], "conflicts": []}
    events = _server_events(radicale_server)
    assert set(events) == {*uids, FOREIGN_UID}
    assert _utc(events[uids[0]], "dtstart") == datetime(2026, 12, 7, 9, tzinfo=UTC)
    assert _utc(events[uids[1]], "dtstart") == datetime(2026, 12, 8, 9, tzinfo=UTC)
    assert int(events[uids[0]]["sequence"]) == 0

    _change(data_dir, first, lambda session, f: reschedule(session, f, datetime(2026, 12, 9, 14)))
    assert _sync_json(runner)["updated"] == [uids[0]]
    moved = _server_events(radicale_server)[uids[0]]
    assert _utc(moved, "dtstart") == datetime(2026, 12, 9, 14, tzinfo=UTC)
    assert int(moved["sequence"]) == 1

    _change(data_dir, second, lambda session, f: mark_done(session, f))
    removed = {"created": [], "updated": [], "removed": [uids[1]], "conflicts": []}
    assert _sync_json(runner) == removed
    assert set(_server_events(radicale_server)) == {uids[0], FOREIGN_UID}

    again = runner.invoke(main, ["sync"])
    assert again.exit_code == 0, again.output
    assert "0 created, 0 updated, 0 removed, 1 unchanged" in again.stderr


def test_the_pushed_resources_carry_no_method(runner, data_dir, radicale_server):
    """RFC 4791 §4.1: a calendar object resource must not hold METHOD."""
    assert _setup(runner, radicale_server, "--calendar", CALENDAR).exit_code == 0
    _add_followups(data_dir)
    _sync_json(runner)
    resources = _principal(radicale_server).calendar(name=CALENDAR).get_events()
    assert len(resources) == 2
    assert all("METHOD" not in resource.icalendar_instance for resource in resources)


def test_setup_keeps_the_settings_and_password_readable_by_the_user_only(
    runner, data_dir, radicale_server
):
    result = _setup(runner, radicale_server, "--calendar", CALENDAR)
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    settings = (data_dir / SETTINGS_FILE).read_text(encoding="utf-8")
    assert f'url = "{radicale_server}"' in settings
    assert PASSWORD not in settings
    assert (data_dir / SECRET_FILE).read_text(encoding="utf-8") == PASSWORD
    if os.name == "posix":
        for name in (SETTINGS_FILE, SECRET_FILE):
            assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600


def test_a_wrong_password_exits_1_with_one_line_and_keeps_the_settings(
    runner, data_dir, radicale_server
):
    assert _setup(runner, radicale_server, "--calendar", CALENDAR).exit_code == 0
    before = (data_dir / SETTINGS_FILE).read_bytes(), (data_dir / SECRET_FILE).read_bytes()
    result = _setup(runner, radicale_server, "--calendar", CALENDAR, password="wrong")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "refused user 'ann' and this password" in result.stderr
    assert "wrong" not in result.stderr
    after = (data_dir / SETTINGS_FILE).read_bytes(), (data_dir / SECRET_FILE).read_bytes()
    assert after == before


def test_a_failed_sync_changes_nothing_in_the_store(runner, data_dir, radicale_server):
    assert _setup(runner, radicale_server, "--calendar", CALENDAR).exit_code == 0
    first, _second = _add_followups(data_dir)
    (data_dir / SECRET_FILE).write_text("wrong", encoding="utf-8")
    result = runner.invoke(main, ["sync", "--json"])
    assert result.exit_code == 1
    assert "refused user 'ann'" in result.stderr
    assert result.stdout == ""
    store = open_store(data_dir)
    with store.sessions() as session:
        assert session.get(FollowUp, first).fingerprint == ""
    store.close()
    assert _server_events(radicale_server) == {}


def test_an_unreachable_server_is_one_line(runner, data_dir):
    result = _setup(runner, f"http://127.0.0.1:{_free_port()}/", "--calendar", CALENDAR)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "cannot be reached" in result.stderr
    assert not (data_dir / SETTINGS_FILE).exists()


def test_an_unknown_or_missing_calendar_lists_the_ones_there_are(runner, data_dir, radicale_server):
    unknown = _setup(runner, radicale_server, "--calendar", "Work")
    assert unknown.exit_code == 1
    assert "no calendar named 'Work' on the server; its calendars: 'Follow-ups'" in unknown.stderr
    missing = _setup(runner, radicale_server)
    assert missing.exit_code == 2
    assert "your calendars: Follow-ups" in missing.stderr
    assert not (data_dir / SETTINGS_FILE).exists()


def test_sync_before_setup_says_what_to_run(runner, data_dir):
    result = runner.invoke(main, ["sync"])
    assert result.exit_code == 1
    assert "run `outreach-helper sync setup`" in result.stderr
