"""`outreach-helper sync`: open follow-ups pushed to a real Radicale 3 CalDAV server (RFC 4791),
and the one-line reasons when the password, the server or the calendar is wrong."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

caldav = pytest.importorskip("caldav")

from helper.cli import main  # noqa: E402
from helper.db.models import FollowUp  # noqa: E402
from helper.store.contacts import ContactInput, create_contact  # noqa: E402
from helper.store.followups import mark_done, reschedule  # noqa: E402
from helper.store.opening import open_store  # noqa: E402
from helper.store.sync.settings import SECRET_FILE, SETTINGS_FILE  # noqa: E402
from tests.conftest import DAV_PASSWORD, DAV_USER, free_port, sync_json, sync_setup  # noqa: E402

USER, PASSWORD, CALENDAR = DAV_USER, DAV_PASSWORD, "Follow-ups"
FOREIGN_UID = "dentist-1@example.org"
FOREIGN_EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone else//EN\r\n"
    "BEGIN:VEVENT\r\nUID:dentist-1@example.org\r\nDTSTAMP:20261101T090000Z\r\n"
    "DTSTART:20261204T090000Z\r\nDURATION:PT1H\r\nSUMMARY:Dentist\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture
def calendar_url(radicale_server) -> str:
    """The server's address, ann having an empty calendar "Follow-ups"."""
    _principal(radicale_server.url).make_calendar(name=CALENDAR)
    return radicale_server.url


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


def _add_followups(sync_data_dir: Path) -> tuple[int, int]:
    store = open_store(sync_data_dir)
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


def _change(sync_data_dir: Path, followup_id: int, action) -> None:
    store = open_store(sync_data_dir)
    with store.sessions() as session:
        action(session, session.get(FollowUp, followup_id))
        session.commit()
    store.close()


def _utc(component, name: str) -> datetime:
    return component.decoded(name).astimezone(UTC)


def test_a_sync_creates_moves_and_removes_our_events_and_leaves_others_alone(
    runner, sync_data_dir, calendar_url
):
    setup = sync_setup(runner, calendar_url, "--calendar", CALENDAR)
    assert setup.exit_code == 0, setup.output
    _principal(calendar_url).calendar(name=CALENDAR).add_event(FOREIGN_EVENT)
    first, second = _add_followups(sync_data_dir)
    uids = [f"followup-{first}@outreach-helper.local", f"followup-{second}@outreach-helper.local"]

    assert sync_json(runner) == {"created": uids, "updated": [], "removed": [], "conflicts": []}
    events = _server_events(calendar_url)
    assert set(events) == {*uids, FOREIGN_UID}
    assert _utc(events[uids[0]], "dtstart") == datetime(2026, 12, 7, 9, tzinfo=UTC)
    assert _utc(events[uids[1]], "dtstart") == datetime(2026, 12, 8, 9, tzinfo=UTC)
    assert int(events[uids[0]]["sequence"]) == 0

    _change(
        sync_data_dir, first, lambda session, f: reschedule(session, f, datetime(2026, 12, 9, 14))
    )
    assert sync_json(runner)["updated"] == [uids[0]]
    moved = _server_events(calendar_url)[uids[0]]
    assert _utc(moved, "dtstart") == datetime(2026, 12, 9, 14, tzinfo=UTC)
    assert int(moved["sequence"]) == 1

    _change(sync_data_dir, second, lambda session, f: mark_done(session, f))
    removed = {"created": [], "updated": [], "removed": [uids[1]], "conflicts": []}
    assert sync_json(runner) == removed
    assert set(_server_events(calendar_url)) == {uids[0], FOREIGN_UID}

    again = runner.invoke(main, ["sync"])
    assert again.exit_code == 0, again.output
    assert "0 created, 0 updated, 0 removed, 1 unchanged" in again.stderr


def test_the_pushed_resources_carry_no_method(runner, sync_data_dir, calendar_url):
    """RFC 4791 §4.1: a calendar object resource must not hold METHOD."""
    assert sync_setup(runner, calendar_url, "--calendar", CALENDAR).exit_code == 0
    _add_followups(sync_data_dir)
    sync_json(runner)
    resources = _principal(calendar_url).calendar(name=CALENDAR).get_events()
    assert len(resources) == 2
    assert all("METHOD" not in resource.icalendar_instance for resource in resources)


def test_setup_keeps_the_settings_and_password_readable_by_the_user_only(
    runner, sync_data_dir, calendar_url
):
    result = sync_setup(runner, calendar_url, "--calendar", CALENDAR)
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    settings = (sync_data_dir / SETTINGS_FILE).read_text(encoding="utf-8")
    assert f'url = "{calendar_url}"' in settings
    assert PASSWORD not in settings
    assert (sync_data_dir / SECRET_FILE).read_text(encoding="utf-8") == PASSWORD
    if os.name == "posix":
        for name in (SETTINGS_FILE, SECRET_FILE):
            assert stat.S_IMODE((sync_data_dir / name).stat().st_mode) == 0o600


def test_a_wrong_password_exits_1_with_one_line_and_keeps_the_settings(
    runner, sync_data_dir, calendar_url
):
    assert sync_setup(runner, calendar_url, "--calendar", CALENDAR).exit_code == 0
    before = (
        (sync_data_dir / SETTINGS_FILE).read_bytes(),
        (sync_data_dir / SECRET_FILE).read_bytes(),
    )
    result = sync_setup(runner, calendar_url, "--calendar", CALENDAR, password="wrong")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "refused user 'ann' and this password" in result.stderr
    assert "wrong" not in result.stderr
    after = (sync_data_dir / SETTINGS_FILE).read_bytes(), (sync_data_dir / SECRET_FILE).read_bytes()
    assert after == before


def test_a_failed_sync_changes_nothing_in_the_store(runner, sync_data_dir, calendar_url):
    assert sync_setup(runner, calendar_url, "--calendar", CALENDAR).exit_code == 0
    first, _second = _add_followups(sync_data_dir)
    (sync_data_dir / SECRET_FILE).write_text("wrong", encoding="utf-8")
    result = runner.invoke(main, ["sync", "--json"])
    assert result.exit_code == 1
    assert "refused user 'ann'" in result.stderr
    assert result.stdout == ""
    store = open_store(sync_data_dir)
    with store.sessions() as session:
        assert session.get(FollowUp, first).fingerprint == ""
    store.close()
    assert _server_events(calendar_url) == {}


def test_an_unreachable_server_is_one_line(runner, sync_data_dir):
    result = sync_setup(runner, f"http://127.0.0.1:{free_port()}/", "--calendar", CALENDAR)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "cannot be reached" in result.stderr
    assert not (sync_data_dir / SETTINGS_FILE).exists()


def test_an_unknown_or_missing_calendar_lists_the_ones_there_are(
    runner, sync_data_dir, calendar_url
):
    unknown = sync_setup(runner, calendar_url, "--calendar", "Work")
    assert unknown.exit_code == 1
    assert "no calendar named 'Work' on the server; its calendars: 'Follow-ups'" in unknown.stderr
    missing = sync_setup(runner, calendar_url)
    assert missing.exit_code == 2
    assert "your calendars: Follow-ups" in missing.stderr
    assert not (sync_data_dir / SETTINGS_FILE).exists()


def test_sync_before_setup_says_what_to_run(runner, sync_data_dir):
    result = runner.invoke(main, ["sync"])
    assert result.exit_code == 1
    assert "run `outreach-helper sync setup`" in result.stderr
