"""`outreach-helper events`, `events add`, `followups` and `export ics` on the command line."""

import json
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from helper.cli import main

pytestmark = pytest.mark.usefixtures("plans_made_on_the_event_evening")


def run_json(runner, *args):
    result = runner.invoke(main, [*args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def add_contact(runner, tmp_path: Path, name: str, email: str = "") -> int:
    """A contact through the store the CLI uses (there is no `contacts add` command)."""
    from helper.store.contacts import ContactInput, create_contact
    from helper.store.opening import open_store

    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        contact = create_contact(
            session, ContactInput(name=name, emails=[email] if email else [], tier="maintain")
        )
        session.commit()
        contact_id = contact.id
    store.engine.dispose()
    return contact_id


def add_expo(runner, *extra: str) -> dict:
    return run_json(
        runner,
        "events",
        "add",
        "--name",
        "Fintech Expo",
        "--kind",
        "exhibition",
        "--start",
        "2026-11-20T18:00",
        "--end",
        "2026-11-20T21:00",
        "--timezone",
        "Europe/London",
        *extra,
        "--json",
    )


def test_events_add_with_the_plan_accepted_prints_the_event_and_its_follow_ups(runner, tmp_path):
    priya = add_contact(runner, tmp_path, "Priya Raman", "priya@example.com")
    li = add_contact(runner, tmp_path, "Li Wei")
    document = add_expo(runner, "--met", str(priya), "--met", str(li), "--accept-plan")
    assert document["id"] == 1
    assert (document["start"], document["end"]) == (
        "2026-11-20T18:00:00+00:00",
        "2026-11-20T21:00:00+00:00",
    )
    assert [m["name"] for m in document["met"]] == ["Priya Raman", "Li Wei"]
    assert [(f["contact_id"], f["kind"], f["channel"]) for f in document["followups"]] == [
        (priya, "thank_you", "email"),
        (priya, "check_in", "email"),
        (priya, "cadence", "email"),
        (li, "thank_you", "linkedin_message"),
        (li, "check_in", "linkedin_message"),
        (li, "cadence", "linkedin_message"),
    ]
    assert document["suggested"] == []


def test_events_add_without_accepting_only_suggests_the_plan(runner, tmp_path):
    priya = add_contact(runner, tmp_path, "Priya Raman")
    document = add_expo(runner, "--met", str(priya))
    assert document["followups"] == []
    assert [s["kind"] for s in document["suggested"]] == ["thank_you", "check_in", "cadence"]
    assert document["suggested"][2]["recurrence"] == "FREQ=MONTHLY;INTERVAL=3"
    assert run_json(runner, "followups", "--json") == []
    assert [e["name"] for e in run_json(runner, "events", "--json")] == ["Fintech Expo"]


def test_followups_lists_open_ones_with_the_contract_fields_and_filters_by_day(runner, tmp_path):
    priya = add_contact(runner, tmp_path, "Priya Raman", "priya@example.com")
    add_expo(runner, "--met", str(priya), "--accept-plan")
    everything = run_json(runner, "followups", "--json")
    assert [f["kind"] for f in everything] == ["thank_you", "check_in", "cadence"]
    assert set(everything[0]) >= {
        "id", "contact_id", "contact_name", "due", "channel", "kind", "title", "status",
        "recurrence",
    }  # fmt: skip
    assert everything[0]["contact_name"] == "Priya Raman"
    soon = run_json(runner, "followups", "--due-before", "2026-11-24", "--json")
    assert [f["title"] for f in soon] == ["Thank Priya Raman"]


def test_export_ics_writes_every_open_follow_up_to_a_file_both_parsers_read(runner, tmp_path):
    priya = add_contact(runner, tmp_path, "Priya Raman", "priya@example.com")
    add_expo(runner, "--met", str(priya), "--accept-plan")
    out = tmp_path / "follow-ups.ics"
    result = runner.invoke(main, ["export", "ics", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Exported 3 open follow-ups" in result.stderr
    data = out.read_bytes()
    assert len(Calendar.from_ical(data).walk("VEVENT")) == 3
    assert len(vobject.readOne(data.decode("utf-8")).vevent_list) == 3


def test_bad_input_fails_with_a_one_line_reason(runner, tmp_path):
    bad_start = runner.invoke(
        main, ["events", "add", "--name", "X", "--kind", "other", "--start", "tomorrow"]
    )
    assert bad_start.exit_code == 1
    assert "--start: 'tomorrow' is not an ISO date and time" in bad_start.stderr
    missing = runner.invoke(
        main,
        ["events", "add", "--name", "X", "--kind", "other", "--start", "2026-12-01", "--met", "7"],
    )
    assert missing.exit_code == 1
    assert missing.stderr.strip().splitlines()[-1] == "Error: there is no contact with id 7"
    assert run_json(runner, "events", "--json") == []


def exported_summaries(runner, tmp_path: Path, *options: str) -> list[str]:
    out = tmp_path / "selection.ics"
    result = runner.invoke(main, ["export", "ics", *options, "--out", str(out)])
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(out.read_bytes())
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


def test_export_ics_selects_one_event_or_a_range_of_due_days(runner, tmp_path):
    priya = add_contact(runner, tmp_path, "Priya Raman", "priya@example.com")
    li = add_contact(runner, tmp_path, "Li Wei")
    expo = add_expo(runner, "--met", str(priya), "--accept-plan")
    run_json(
        runner,
        "events",
        "add",
        "--name",
        "Meetup",
        "--kind",
        "meetup",
        "--start",
        "2026-12-10T18:00",
        "--timezone",
        "Europe/London",
        "--met",
        str(li),
        "--accept-plan",
        "--json",
    )
    assert len(exported_summaries(runner, tmp_path)) == 6
    assert (
        exported_summaries(runner, tmp_path, "--event", str(expo["id"]))
        == ["Follow up: Priya Raman (Email)"] * 3
    )
    thank_you_day = expo["followups"][0]["due"][:10]
    in_range = exported_summaries(runner, tmp_path, "--from", thank_you_day, "--to", thank_you_day)
    assert in_range == ["Follow up: Priya Raman (Email)"]


def test_event_and_date_options_belong_to_the_ics_export_only(runner):
    result = runner.invoke(main, ["export", "csv", "--event", "1"])
    assert result.exit_code == 2
    assert "apply to the ics export only" in result.output


def test_an_event_in_the_year_9999_is_refused_with_the_years_that_work(runner):
    result = runner.invoke(
        main, ["events", "add", "--name", "Far", "--kind", "other", "--start", "9999-12-31T09:00"]
    )
    assert result.exit_code == 1
    assert "outside the years 1900 to 2999" in result.output
    assert run_json(runner, "events", "--json") == []
