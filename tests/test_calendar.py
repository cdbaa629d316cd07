"""helper.exporters.ics: exported .ics files read back the same through icalendar and vobject.

vobject is the second, independent parser: its own tokenizer and unescaping, and it builds time
zones from the file's VTIMEZONE. (allenporter's `ical` was tried too: it splits CATEGORIES on
escaped commas, so it cannot check that a comma inside a category stays inside it.)
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject
from dateutil.rrule import rrulestr
from dateutil.tz import tzical
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from helper.errors import OutreachError
from helper.exporters.ics import (
    PRODID,
    CalendarEntry,
    build_calendar,
    describe_followup,
    entry_fingerprint,
    followup_uid,
    summary_for,
)

NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
INJECTION = "Met at the expo.\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:Injected"
TRICKY_TEXTS = [
    "Coffee, then lunch; maybe drinks",
    "Path C:\\New folder\\notes and a trailing backslash \\",
    "Line one\nLine two\r\nLine three",
    "Emoji 😀🎉 and accents: Zoë, Ñandú, 中文",
    "Literal \\n and \\N are not line breaks",
    "\tindented with a tab",
    "  leading and trailing spaces  ",
]


def _entry(**changes: object) -> CalendarEntry:
    values: dict[str, object] = {
        "uid": followup_uid(42),
        "summary": summary_for("Priya Raman", "linkedin_message"),
        "start": datetime(2026, 12, 1, 9, 0, tzinfo=LONDON),
        "description": "Thanks for the chat about supply chains.",
        "url": "https://www.linkedin.com/in/priya-raman",
        "categories": ["Find a new role"],
    }
    values.update(changes)
    return CalendarEntry(**values)  # type: ignore[arg-type]


def _expected_text(text: str) -> str:
    """What RFC 5545 can carry: CRLF and lone CR read as LF, control characters but TAB dropped."""
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in unified if c in "\t\n" or not (ord(c) < 0x20 or ord(c) == 0x7F))


def _by_icalendar(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


def _vobject_calendar(data: bytes) -> Any:
    return vobject.readOne(data.decode("utf-8"), validate=True)


def _by_vobject(data: bytes) -> list:
    return list(_vobject_calendar(data).contents.get("vevent", []))


def _vobject_text(component: object, name: str) -> str:
    prop = getattr(component, name, None)
    return "" if prop is None else prop.value


def _raw_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[: -len(b"\r\n")].split(b"\r\n")


def _count_begin_vevent(data: bytes) -> int:
    return sum(1 for line in _raw_lines(data) if line == b"BEGIN:VEVENT")


def _assert_wire_format(data: bytes) -> None:
    for line in _raw_lines(data):
        assert len(line) <= 75, line
        assert b"\r" not in line and b"\n" not in line, line
        line.decode("utf-8")  # a fold never splits a UTF-8 sequence (RFC 5545 §3.1)


def _assert_round_trip(data: bytes, *, summary: str, description: str) -> None:
    (by_icalendar,) = _by_icalendar(data)
    (by_vobject,) = _by_vobject(data)
    assert str(by_icalendar["SUMMARY"]) == summary
    assert str(by_icalendar.get("DESCRIPTION", "")) == description
    assert _vobject_text(by_vobject, "summary") == summary
    assert _vobject_text(by_vobject, "description") == description


def test_the_calendar_names_its_product_version_scale_and_method() -> None:
    data = build_calendar([_entry()], now=NOW)

    lines = _raw_lines(data)
    assert lines[0] == b"BEGIN:VCALENDAR"
    assert b"PRODID:-//Outreach Helper//Follow-ups//EN" in lines
    assert b"VERSION:2.0" in lines
    assert b"CALSCALE:GREGORIAN" in lines
    assert b"METHOD:PUBLISH" in lines
    assert b"X-WR-CALNAME:Outreach Helper follow-ups" in lines
    assert Calendar.from_ical(data)["PRODID"] == PRODID


def test_a_follow_up_is_one_vevent_with_uid_stamp_sequence_summary_and_url() -> None:
    data = build_calendar([_entry(sequence=3)], now=NOW)

    (event,) = _by_icalendar(data)
    assert str(event["UID"]) == "followup-42@outreach-helper.local"
    assert event.decoded("DTSTAMP") == datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
    assert event["SEQUENCE"] == 3
    assert str(event["SUMMARY"]) == "Follow up: Priya Raman (LinkedIn)"
    assert str(event["URL"]) == "https://www.linkedin.com/in/priya-raman"
    assert b"DTSTAMP:20261126T083000Z" in _raw_lines(data)
    assert event.decoded("DURATION") == timedelta(minutes=30)
    assert _vobject_calendar(data).vevent.url.value == event["URL"]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_special_characters_round_trip_through_both_parsers(text: str) -> None:
    data = build_calendar([_entry(summary=text, description=text)], now=NOW)

    expected = text.replace("\r\n", "\n")
    _assert_wire_format(data)
    _assert_round_trip(data, summary=expected, description=expected)


def test_a_literal_backslash_n_is_escaped_not_turned_into_a_line_break() -> None:
    data = build_calendar([_entry(summary="C:\\New folder")], now=NOW)

    assert b"SUMMARY:C:\\\\New folder" in _raw_lines(data)


def test_a_lone_carriage_return_reads_back_as_a_line_break() -> None:
    data = build_calendar([_entry(summary="one\rtwo", description="a\rb\r\nc")], now=NOW)

    _assert_round_trip(data, summary="one\ntwo", description="a\nb\nc")


def test_control_characters_other_than_tab_are_dropped() -> None:
    data = build_calendar([_entry(description="bell\x07 nul\x00 tab\t del\x7f")], now=NOW)

    _assert_round_trip(
        data, summary="Follow up: Priya Raman (LinkedIn)", description="bell nul tab\t del"
    )


def test_a_two_thousand_character_draft_round_trips_unchanged_in_short_lines() -> None:
    draft = ("Dear Priya, é😀; thanks, again\\ " * 80)[:2000]
    assert len(draft) == 2000

    data = build_calendar([_entry(description=draft)], now=NOW)

    _assert_wire_format(data)
    _assert_round_trip(data, summary="Follow up: Priya Raman (LinkedIn)", description=draft)


def test_every_line_of_a_mixed_export_is_at_most_75_octets_and_ends_with_crlf() -> None:
    entries = [
        _entry(uid=followup_uid(1), description="ü" * 500, location="Café ☕ " * 30),
        _entry(uid=followup_uid(2), start=date(2026, 12, 2), categories=["x" * 200]),
        _entry(uid=followup_uid(3), start=datetime(2026, 7, 1, 9, tzinfo=ZoneInfo("Asia/Tokyo"))),
    ]

    data = build_calendar(entries, name="Ñ" * 100, now=NOW)

    _assert_wire_format(data)
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_a_note_imitating_end_vevent_stays_inside_one_description() -> None:
    entries = [
        _entry(uid=followup_uid(1)),
        _entry(uid=followup_uid(2), description=INJECTION, location=INJECTION),
        _entry(uid=followup_uid(3), categories=[INJECTION]),
    ]

    data = build_calendar(entries, now=NOW)

    expected = INJECTION.replace("\r\n", "\n")
    assert _count_begin_vevent(data) == 3
    assert len(_by_icalendar(data)) == 3
    assert len(_by_vobject(data)) == 3
    assert [str(e["UID"]) for e in _by_icalendar(data)] == [
        "followup-1@outreach-helper.local",
        "followup-2@outreach-helper.local",
        "followup-3@outreach-helper.local",
    ]
    assert str(_by_icalendar(data)[1]["DESCRIPTION"]) == expected
    assert _by_vobject(data)[1].location.value == expected
    assert _by_vobject(data)[2].categories.value == [expected]


def test_the_calendar_name_is_escaped_in_x_wr_calname_and_name() -> None:
    name = "Jobs, leads; and\r\nEND:VCALENDAR\\"

    data = build_calendar([_entry()], name=name, now=NOW)

    lines = _raw_lines(data)
    assert b"X-WR-CALNAME:Jobs\\, leads\\; and\\nEND:VCALENDAR\\\\" in lines
    assert b"NAME:Jobs\\, leads\\; and\\nEND:VCALENDAR\\\\" in lines
    assert lines.count(b"END:VCALENDAR") == 1
    assert _vobject_calendar(data).x_wr_calname.value == "Jobs, leads; and\nEND:VCALENDAR\\"


def test_uids_are_stable_across_exports() -> None:
    entries = [_entry(uid=followup_uid(7)), _entry(uid=followup_uid(8), start=date(2026, 12, 3))]

    first = build_calendar(entries, now=NOW)
    later = build_calendar(entries, now=NOW + timedelta(days=3))

    assert [str(e["UID"]) for e in _by_icalendar(first)] == [
        "followup-7@outreach-helper.local",
        "followup-8@outreach-helper.local",
    ]
    assert [e.uid.value for e in _by_vobject(later)] == [
        str(e["UID"]) for e in _by_icalendar(first)
    ]
    assert re.sub(rb"DTSTAMP:\w+", b"", first) == re.sub(rb"DTSTAMP:\w+", b"", later)


def test_an_edited_entry_keeps_its_uid_and_carries_the_callers_higher_sequence() -> None:
    original = _entry(sequence=0)
    edited = replace(original, description="New draft after the call.")
    assert entry_fingerprint(edited) != entry_fingerprint(original)
    bumped = replace(edited, sequence=original.sequence + 1)

    (before,) = _by_icalendar(build_calendar([original], now=NOW))
    (after,) = _by_icalendar(build_calendar([bumped], now=NOW))

    assert str(after["UID"]) == str(before["UID"]) == "followup-42@outreach-helper.local"
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert str(after["DESCRIPTION"]) == "New draft after the call."


def test_the_fingerprint_ignores_uid_and_sequence() -> None:
    entry = _entry()

    moved = replace(entry, uid="other@example.com", sequence=9)

    assert entry_fingerprint(moved) == entry_fingerprint(entry)
    assert re.fullmatch(r"[0-9a-f]{64}", entry_fingerprint(entry))


@pytest.mark.parametrize(
    "change",
    [
        {"summary": "Follow up: Priya Raman (Email)"},
        {"start": datetime(2026, 12, 1, 10, 0, tzinfo=LONDON)},
        {"start": datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Europe/Dublin"))},
        {"categories": ["Find a new role", "Hiring"]},
        {"rrule": "FREQ=WEEKLY;INTERVAL=2"},
        {"alarm_minutes_before": 60},
        {"url": "https://www.linkedin.com/in/someone-else"},
    ],
)
def test_the_fingerprint_changes_with_what_a_calendar_shows(change: dict[str, object]) -> None:
    entry = _entry()

    assert entry_fingerprint(replace(entry, **change)) != entry_fingerprint(entry)


def test_equal_rrules_in_text_and_mapping_form_have_one_fingerprint() -> None:
    as_text = _entry(rrule="FREQ=WEEKLY;INTERVAL=2")
    as_mapping = _entry(rrule={"FREQ": "WEEKLY", "INTERVAL": 2})

    assert entry_fingerprint(as_text) == entry_fingerprint(as_mapping)


@pytest.mark.parametrize(
    ("local", "zone", "utc", "offset", "zone_abbreviation"),
    [
        (datetime(2026, 7, 14, 9, 0), "Europe/London", datetime(2026, 7, 14, 8, 0), "+0100", "BST"),
        (datetime(2026, 1, 14, 9, 0), "Europe/London", datetime(2026, 1, 14, 9, 0), "+0000", "GMT"),
        (
            datetime(2026, 7, 14, 9, 0),
            "America/Los_Angeles",
            datetime(2026, 7, 14, 16, 0),
            "-0700",
            "PDT",
        ),
    ],
)
def test_a_zoned_follow_up_carries_its_vtimezone_and_the_right_utc_instant(
    local: datetime, zone: str, utc: datetime, offset: str, zone_abbreviation: str
) -> None:
    data = build_calendar([_entry(start=local.replace(tzinfo=ZoneInfo(zone)))], now=NOW)

    stamp = local.strftime("%Y%m%dT%H%M%S").encode()
    assert b"DTSTART;TZID=" + zone.encode() + b":" + stamp in _raw_lines(data)
    (vtimezone,) = Calendar.from_ical(data).walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == zone
    # dateutil reads the VTIMEZONE rules alone, not its own copy of the IANA database.
    from_rules = tzical(io.StringIO(vtimezone.to_ical().decode())).get(zone)
    assert local.replace(tzinfo=from_rules).astimezone(UTC) == utc.replace(tzinfo=UTC)
    assert local.replace(tzinfo=from_rules).strftime("%z %Z") == f"{offset} {zone_abbreviation}"
    (event,) = _by_icalendar(data)
    assert event.decoded("DTSTART").astimezone(UTC) == utc.replace(tzinfo=UTC)
    (by_vobject,) = _by_vobject(data)
    assert by_vobject.dtstart.value.astimezone(UTC) == utc.replace(tzinfo=UTC)


def test_london_in_summer_and_winter_share_one_vtimezone() -> None:
    entries = [
        _entry(uid=followup_uid(1), start=datetime(2026, 7, 14, 9, tzinfo=LONDON)),
        _entry(uid=followup_uid(2), start=datetime(2026, 1, 14, 9, tzinfo=LONDON)),
    ]

    data = build_calendar(entries, now=NOW)

    assert [str(tz["TZID"]) for tz in Calendar.from_ical(data).walk("VTIMEZONE")] == [
        "Europe/London"
    ]


def test_a_naive_time_is_placed_in_the_named_time_zone() -> None:
    entry = _entry(start=datetime(2026, 7, 14, 9, 0), timezone="America/Los_Angeles")

    (event,) = _by_icalendar(build_calendar([entry], now=NOW))

    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 7, 14, 16, 0, tzinfo=UTC)


def test_an_aware_time_is_shown_in_the_named_time_zone() -> None:
    entry = _entry(start=datetime(2026, 7, 14, 8, 0, tzinfo=UTC), timezone="Europe/London")

    data = build_calendar([entry], now=NOW)

    assert b"DTSTART;TZID=Europe/London:20260714T090000" in _raw_lines(data)


def test_a_fixed_offset_time_is_written_in_utc() -> None:
    plus_two = timezone(timedelta(hours=2))

    data = build_calendar([_entry(start=datetime(2026, 7, 14, 9, tzinfo=plus_two))], now=NOW)

    assert b"DTSTART:20260714T070000Z" in _raw_lines(data)
    assert not Calendar.from_ical(data).walk("VTIMEZONE")


def test_an_all_day_entry_uses_value_date_and_needs_no_vtimezone() -> None:
    data = build_calendar([_entry(start=date(2026, 12, 2), end=date(2026, 12, 3))], now=NOW)

    lines = _raw_lines(data)
    assert b"DTSTART;VALUE=DATE:20261202" in lines
    assert b"DTEND;VALUE=DATE:20261203" in lines
    assert not any(line.startswith(b"DURATION") for line in lines)
    assert not Calendar.from_ical(data).walk("VTIMEZONE")
    assert _by_vobject(data)[0].dtstart.value == date(2026, 12, 2)


@pytest.mark.parametrize(
    ("rrule", "expected"),
    [
        (
            "FREQ=WEEKLY;INTERVAL=2",
            [date(2026, 12, 1), date(2026, 12, 15), date(2026, 12, 29), date(2027, 1, 12)],
        ),
        (
            "FREQ=MONTHLY;INTERVAL=3",
            [date(2026, 12, 1), date(2027, 3, 1), date(2027, 6, 1), date(2027, 9, 1)],
        ),
    ],
)
def test_a_cadence_rrule_expands_to_the_expected_dates(rrule: str, expected: list[date]) -> None:
    data = build_calendar([_entry(rrule=rrule)], now=NOW)

    (event,) = _by_icalendar(data)
    assert b"RRULE:" + rrule.encode() in _raw_lines(data)
    written = event["RRULE"].to_ical().decode()
    occurrences = rrulestr(written, dtstart=event.decoded("DTSTART"))[:4]
    assert [o.date() for o in occurrences] == expected
    assert {(o.hour, o.minute) for o in occurrences} == {(9, 0)}


def test_an_rrule_mapping_is_written_as_rfc_5545_text() -> None:
    data = build_calendar([_entry(rrule={"freq": "weekly", "interval": 2})], now=NOW)

    assert b"RRULE:FREQ=WEEKLY;INTERVAL=2" in _raw_lines(data)


def test_a_reminder_is_a_display_alarm_minutes_before_the_start() -> None:
    data = build_calendar([_entry(alarm_minutes_before=30)], now=NOW)

    (event,) = _by_icalendar(data)
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-30)
    assert str(alarm["DESCRIPTION"]) == "Follow up: Priya Raman (LinkedIn)"
    assert b"TRIGGER:-PT30M" in _raw_lines(data)


def test_no_reminder_means_no_valarm() -> None:
    data = build_calendar([_entry(alarm_minutes_before=None)], now=NOW)

    assert b"BEGIN:VALARM" not in data


def test_entries_become_todos_on_request_with_a_due_time() -> None:
    start = datetime(2026, 12, 1, 9, tzinfo=LONDON)
    entries = [
        _entry(uid=followup_uid(1), end=start + timedelta(hours=1), status="needs-action"),
        _entry(uid=followup_uid(2), as_todo=False),
    ]

    data = build_calendar(entries, use_todo=True, now=NOW)

    todos = Calendar.from_ical(data).walk("VTODO")
    assert [str(t["UID"]) for t in todos] == [followup_uid(1), followup_uid(2)]
    assert todos[0].decoded("DUE") == start + timedelta(hours=1)
    assert str(todos[0]["STATUS"]) == "NEEDS-ACTION"
    assert _count_begin_vevent(data) == 0
    assert len(_vobject_calendar(data).contents["vtodo"]) == 2


def test_one_entry_can_ask_to_be_a_todo_among_events() -> None:
    entries = [_entry(uid=followup_uid(1)), _entry(uid=followup_uid(2), as_todo=True)]

    data = build_calendar(entries, now=NOW)

    assert _count_begin_vevent(data) == 1
    assert len(Calendar.from_ical(data).walk("VTODO")) == 1


def test_location_and_categories_with_commas_round_trip() -> None:
    entry = _entry(location="Hall 3, Stand 12; ExCeL", categories=["Find a role, soon", "Hiring"])

    data = build_calendar([entry], now=NOW)

    (event,) = _by_icalendar(data)
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Find a role, soon", "Hiring"]
    assert str(event["LOCATION"]) == "Hall 3, Stand 12; ExCeL"
    (by_vobject,) = _by_vobject(data)
    assert by_vobject.categories.value == ["Find a role, soon", "Hiring"]
    assert by_vobject.location.value == "Hall 3, Stand 12; ExCeL"


@pytest.mark.parametrize(
    ("channel", "summary"),
    [
        ("linkedin_message", "Follow up: Priya Raman (LinkedIn)"),
        ("linkedin_connect", "Follow up: Priya Raman (LinkedIn)"),
        ("linkedin_inmail", "Follow up: Priya Raman (LinkedIn InMail)"),
        ("email", "Follow up: Priya Raman (Email)"),
        ("x_dm", "Follow up: Priya Raman (X)"),
        ("in_person", "Follow up: Priya Raman (In person)"),
        ("video_call", "Follow up: Priya Raman (Video call)"),
    ],
)
def test_the_summary_names_the_contact_and_the_channel(channel: str, summary: str) -> None:
    assert summary_for("Priya Raman", channel) == summary


def test_the_summary_puts_a_multi_line_name_on_one_line() -> None:
    assert summary_for("  Priya\r\n Raman ", "email") == "Follow up: Priya Raman (Email)"
    assert summary_for("", "email") == "Follow up: (no name) (Email)"


def test_an_unknown_channel_is_refused_by_name() -> None:
    with pytest.raises(OutreachError, match="unknown channel 'fax'"):
        summary_for("Priya Raman", "fax")


def test_the_description_holds_the_draft_the_questions_and_the_profile() -> None:
    text = describe_followup(
        "Hi Priya,\nthanks for your time.",
        ["How did the pilot go?", " ", "Who else should I meet?"],
        "https://www.linkedin.com/in/priya-raman",
    )

    assert text == (
        "Hi Priya,\nthanks for your time.\n\n"
        "Questions:\n- How did the pilot go?\n- Who else should I meet?\n\n"
        "Profile: https://www.linkedin.com/in/priya-raman"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"uid": " "}, "a follow-up needs a UID"),
        ({"sequence": -1}, "SEQUENCE cannot be negative"),
        ({"timezone": "Mars/Olympus_Mons"}, "unknown time zone"),
        ({"start": datetime(2026, 12, 1, 9)}, "a time without a time zone needs `timezone`"),
        ({"end": datetime(2026, 12, 1, 8, tzinfo=LONDON)}, "the end must come after the start"),
        ({"end": date(2026, 12, 2)}, "the end must come after the start"),
        (
            {"end": datetime(2026, 12, 1, 10, tzinfo=LONDON), "duration": timedelta(hours=1)},
            "give an end or a duration, not both",
        ),
        ({"duration": timedelta(0)}, "the duration must be positive"),
        ({"rrule": "FREQ=FORTNIGHTLY"}, "unreadable RRULE"),
        ({"rrule": "FREQ=WEEKLY;SOMETIMES=1"}, "unreadable RRULE"),
        ({"rrule": "INTERVAL=2"}, "an RRULE needs FREQ"),
        ({"status": "DONE"}, "STATUS must be one of TENTATIVE, CONFIRMED, CANCELLED"),
        ({"url": "javascript:alert(1)"}, "the URL must be an http\\(s\\) address"),
        ({"url": "https://example.com/a b"}, "the URL must be an http\\(s\\) address"),
        ({"alarm_minutes_before": -5}, "a reminder must come before the start"),
    ],
)
def test_a_bad_entry_is_refused_with_a_specific_error(
    change: dict[str, object], message: str
) -> None:
    with pytest.raises(OutreachError, match=message) as caught:
        build_calendar([_entry(**change)], now=NOW)

    if "uid" not in change:
        assert caught.value.location == "follow-up 'followup-42@outreach-helper.local'"


def test_two_entries_with_one_uid_are_refused() -> None:
    with pytest.raises(OutreachError, match="two follow-ups share one UID"):
        build_calendar([_entry(), _entry(summary="again")], now=NOW)


def test_a_stamp_without_a_time_zone_is_refused() -> None:
    with pytest.raises(OutreachError, match="`now` must carry a time zone"):
        build_calendar([_entry()], now=datetime(2026, 11, 26, 8, 30))


_ANY_TEXT = st.text(max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    summary=_ANY_TEXT,
    description=_ANY_TEXT,
    location=_ANY_TEXT,
    categories=st.lists(_ANY_TEXT, max_size=3),
)
def test_any_text_round_trips_through_both_parsers_and_adds_no_component(
    summary: str, description: str, location: str, categories: list[str]
) -> None:
    entry = _entry(
        start=date(2026, 12, 2),
        summary=summary,
        description=description,
        location=location,
        categories=categories,
    )

    data = build_calendar([entry], name=summary, now=NOW)

    _assert_wire_format(data)
    _assert_round_trip(
        data, summary=_expected_text(summary), description=_expected_text(description)
    )
    expected_categories = [_expected_text(c) for c in categories if _expected_text(c)]
    (by_icalendar,) = _by_icalendar(data)
    (by_vobject,) = _by_vobject(data)
    assert str(by_icalendar.get("LOCATION", "")) == _expected_text(location)
    assert _vobject_text(by_vobject, "location") == _expected_text(location)
    if expected_categories:
        assert [str(c) for c in by_icalendar["CATEGORIES"].cats] == expected_categories
        assert by_vobject.categories.value == expected_categories
    assert _count_begin_vevent(data) == 1
    assert [c.name for c in Calendar.from_ical(data).walk()] == ["VCALENDAR", "VEVENT", "VALARM"]


def test_every_timezone_onset_has_its_own_rdate_line_for_ical_js() -> None:
    # Thunderbird's ical.js reads one date per RDATE line and skips DTSTART when RDATE is set.
    entries = [
        _entry(uid=followup_uid(1), start=datetime(2026, 7, 14, 9, tzinfo=LONDON)),
        _entry(uid=followup_uid(2), start=datetime(2026, 7, 14, 9, tzinfo=ZoneInfo("Asia/Tokyo"))),
    ]

    data = build_calendar(entries, now=NOW)

    assert not any(line.startswith(b"RDATE") and b"," in line for line in _raw_lines(data))
    (london,) = [
        tz for tz in Calendar.from_ical(data).walk("VTIMEZONE") if tz["TZID"] == "Europe/London"
    ]
    standard = [o for o in london.walk("STANDARD") if "RDATE" in o]
    assert standard
    for observance in standard:
        onsets = [start for start, _ in observance.rdates]
        assert onsets[0] == observance.decoded("DTSTART")
    gmt_onsets = [start for o in standard for start, _ in o.rdates]
    assert gmt_onsets[:3] == [
        datetime(2026, 10, 25, 2, 0),
        datetime(2027, 10, 31, 2, 0),
        datetime(2028, 10, 29, 2, 0),
    ]
