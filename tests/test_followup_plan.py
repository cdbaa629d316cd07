"""helper.strategy.followup_plan: what to suggest after an event, on working-day mornings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.errors import OutreachError
from helper.strategy.followup_plan import (
    MetPerson,
    PlannedFollowUp,
    cadence_rrule,
    plan_after_event,
)

LONDON = ZoneInfo("Europe/London")
DEFAULT_CADENCES = {"strengthen": 14, "maintain": 90}
# Wednesday 25 November 2026, an evening function in London.
WEDNESDAY_EVENING = datetime(2026, 11, 25, 18, 30, tzinfo=LONDON)


def _person(contact_id: int = 1, **changes: str) -> MetPerson:
    values = {"name": "Priya Raman", "tier": "strengthen", "email": "priya@example.com"}
    values.update(changes)
    return MetPerson(contact_id=contact_id, **values)


def _at_nine(day: date, zone: ZoneInfo = LONDON) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=zone)


@pytest.mark.parametrize(
    ("days", "rrule"),
    [
        (1, "FREQ=DAILY"),
        (10, "FREQ=DAILY;INTERVAL=10"),
        (7, "FREQ=WEEKLY"),
        (14, "FREQ=WEEKLY;INTERVAL=2"),
        (28, "FREQ=WEEKLY;INTERVAL=4"),
        (30, "FREQ=MONTHLY"),
        (90, "FREQ=MONTHLY;INTERVAL=3"),
        (180, "FREQ=MONTHLY;INTERVAL=6"),
        (365, "FREQ=YEARLY"),
        (730, "FREQ=YEARLY;INTERVAL=2"),
    ],
)
def test_a_cadence_in_days_becomes_rrule_text(days: int, rrule: str) -> None:
    assert cadence_rrule("maintain", {"maintain": days}) == rrule


@pytest.mark.parametrize("tier", ["let_go", "unset"])
def test_a_tier_without_a_cadence_has_no_rrule(tier: str) -> None:
    assert cadence_rrule(tier, DEFAULT_CADENCES) is None


@pytest.mark.parametrize("days", [0, -14])
def test_a_cadence_shorter_than_a_day_is_refused(days: int) -> None:
    with pytest.raises(OutreachError, match="a cadence must be at least one day"):
        cadence_rrule("strengthen", {"strengthen": days})


def test_a_person_met_midweek_gets_a_thank_you_a_check_in_and_a_cadence() -> None:
    plan = plan_after_event(WEDNESDAY_EVENING, [_person()])

    assert plan == [
        PlannedFollowUp(
            contact_id=1,
            due=_at_nine(date(2026, 11, 26)),
            channel="email",
            kind="thank_you",
            title="Thank Priya Raman",
        ),
        PlannedFollowUp(
            contact_id=1,
            due=_at_nine(date(2026, 12, 9)),
            channel="email",
            kind="check_in",
            title="Check in with Priya Raman",
        ),
        PlannedFollowUp(
            contact_id=1,
            due=_at_nine(date(2026, 12, 23)),
            channel="email",
            kind="cadence",
            title="Keep in touch with Priya Raman",
            rrule="FREQ=WEEKLY;INTERVAL=2",
        ),
    ]


def test_a_maintain_cadence_starts_ninety_days_after_the_check_in_every_three_months() -> None:
    (cadence,) = [
        p
        for p in plan_after_event(WEDNESDAY_EVENING, [_person(tier="maintain")])
        if p.kind == "cadence"
    ]

    assert cadence.due == _at_nine(date(2027, 3, 9))
    assert cadence.rrule == "FREQ=MONTHLY;INTERVAL=3"


def test_a_friday_event_gets_its_thank_you_on_monday_morning() -> None:
    friday = datetime(2026, 11, 27, 19, 0, tzinfo=LONDON)

    plan = plan_after_event(friday, [_person(tier="let_go")])

    assert [(p.kind, p.due) for p in plan] == [
        ("thank_you", _at_nine(date(2026, 11, 30))),
        ("check_in", _at_nine(date(2026, 12, 11))),
    ]


def test_a_check_in_that_lands_on_a_saturday_moves_to_monday() -> None:
    saturday = datetime(2026, 11, 28, 10, 0, tzinfo=LONDON)

    plan = plan_after_event(saturday, [_person(tier="let_go")])

    assert [(p.kind, p.due) for p in plan] == [
        ("thank_you", _at_nine(date(2026, 11, 30))),
        ("check_in", _at_nine(date(2026, 12, 14))),
    ]


def test_a_cadence_start_that_lands_on_a_sunday_moves_to_monday() -> None:
    monday = datetime(2026, 11, 23, 12, 0, tzinfo=LONDON)

    plan = plan_after_event(monday, [_person(tier="maintain")])

    assert [(p.kind, p.due) for p in plan] == [
        ("thank_you", _at_nine(date(2026, 11, 24))),
        ("check_in", _at_nine(date(2026, 12, 7))),
        ("cadence", _at_nine(date(2027, 3, 8))),
    ]


@pytest.mark.parametrize(
    ("email", "channel"),
    [("priya@example.com", "email"), ("", "linkedin_message"), ("  ", "linkedin_message")],
)
def test_the_channel_is_email_when_there_is_an_address_else_a_linkedin_message(
    email: str, channel: str
) -> None:
    plan = plan_after_event(WEDNESDAY_EVENING, [_person(email=email)])

    assert {p.channel for p in plan} == {channel}


@pytest.mark.parametrize("tier", ["let_go", "unset"])
def test_a_person_outside_strengthen_and_maintain_gets_only_thank_you_and_check_in(
    tier: str,
) -> None:
    plan = plan_after_event(WEDNESDAY_EVENING, [_person(tier=tier)])

    assert [p.kind for p in plan] == ["thank_you", "check_in"]
    assert all(p.rrule is None for p in plan)


def test_only_strengthen_and_maintain_recur_among_several_people() -> None:
    people = [
        _person(1, name="Ana", tier="strengthen"),
        _person(2, name="Ben", tier="maintain", email=""),
        _person(3, name="Cy", tier="let_go"),
    ]

    plan = plan_after_event(WEDNESDAY_EVENING, people)

    assert [(p.contact_id, p.kind, p.rrule) for p in plan] == [
        (1, "thank_you", None),
        (1, "check_in", None),
        (1, "cadence", "FREQ=WEEKLY;INTERVAL=2"),
        (2, "thank_you", None),
        (2, "check_in", None),
        (2, "cadence", "FREQ=MONTHLY;INTERVAL=3"),
        (3, "thank_you", None),
        (3, "check_in", None),
    ]
    assert [p.title for p in plan if p.contact_id == 2] == [
        "Thank Ben",
        "Check in with Ben",
        "Keep in touch with Ben",
    ]


def test_the_caller_can_set_the_cadences() -> None:
    people = [_person(1, tier="strengthen"), _person(2, tier="maintain")]

    plan = plan_after_event(WEDNESDAY_EVENING, people, tier_cadence_days={"strengthen": 7})

    assert [(p.contact_id, p.due, p.rrule) for p in plan if p.kind == "cadence"] == [
        (1, _at_nine(date(2026, 12, 16)), "FREQ=WEEKLY"),
    ]


def test_the_planned_cadence_expands_with_dateutil_to_working_day_mornings() -> None:
    (cadence,) = [
        p for p in plan_after_event(WEDNESDAY_EVENING, [_person()]) if p.kind == "cadence"
    ]

    occurrences = list(rrulestr(cadence.rrule or "", dtstart=cadence.due)[:4])

    assert occurrences == [
        _at_nine(date(2026, 12, 23)),
        _at_nine(date(2027, 1, 6)),
        _at_nine(date(2027, 1, 20)),
        _at_nine(date(2027, 2, 3)),
    ]


def test_dues_are_in_the_users_time_zone_when_it_is_given() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    # 23:30 UTC on Wednesday is already Thursday morning in Tokyo.
    event_start = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)

    plan = plan_after_event(event_start, [_person(tier="let_go")], user_timezone="Asia/Tokyo")

    assert [p.due for p in plan] == [
        _at_nine(date(2026, 11, 27), tokyo),
        _at_nine(date(2026, 12, 10), tokyo),
    ]


def test_a_naive_event_start_is_read_in_the_users_time_zone() -> None:
    plan = plan_after_event(
        datetime(2026, 11, 25, 18, 30), [_person()], user_timezone="Europe/London"
    )

    assert plan[0].due == _at_nine(date(2026, 11, 26))


def test_a_naive_event_start_without_a_user_time_zone_is_refused() -> None:
    with pytest.raises(OutreachError, match="the event start needs a time zone"):
        plan_after_event(datetime(2026, 11, 25, 18, 30), [_person()])


def test_an_unknown_user_time_zone_is_refused() -> None:
    with pytest.raises(OutreachError, match="unknown time zone"):
        plan_after_event(WEDNESDAY_EVENING, [_person()], user_timezone="Atlantis/Capital")


def test_nobody_met_means_no_follow_ups() -> None:
    assert plan_after_event(WEDNESDAY_EVENING, []) == []


_ZONES = ["Europe/London", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney", "UTC"]


@settings(max_examples=150, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)),
    zone_name=st.sampled_from(_ZONES),
    tier=st.sampled_from(["strengthen", "maintain", "let_go", "unset"]),
)
def test_every_due_is_a_weekday_at_nine_after_the_event_day(
    moment: datetime, zone_name: str, tier: str
) -> None:
    zone = ZoneInfo(zone_name)
    event_start = moment.replace(tzinfo=zone)

    plan = plan_after_event(event_start, [_person(tier=tier)])

    event_day = event_start.date()
    for planned in plan:
        assert planned.due.weekday() < 5
        assert (planned.due.hour, planned.due.minute) == (9, 0)
        assert planned.due.tzinfo == zone
        assert planned.due.date() > event_day
    thank_you, check_in = plan[0], plan[1]
    assert thank_you.due.date() - event_day <= timedelta(days=3)
    assert timedelta(days=14) <= check_in.due.date() - event_day <= timedelta(days=16)
    assert len(plan) == (3 if tier in ("strengthen", "maintain") else 2)


def test_an_event_recorded_a_week_later_gets_its_thank_you_that_day_not_in_the_past() -> None:
    recorded = datetime(2026, 12, 2, 16, 0, tzinfo=LONDON)  # the Wednesday after

    plan = plan_after_event(WEDNESDAY_EVENING, [_person(tier="let_go")], planned_at=recorded)

    assert [(p.kind, p.due) for p in plan] == [
        ("thank_you", _at_nine(date(2026, 12, 2))),
        ("check_in", _at_nine(date(2026, 12, 15))),
    ]


def test_an_event_recorded_on_a_weekend_after_it_gets_its_thank_you_on_monday() -> None:
    saturday = datetime(2026, 11, 28, 11, 0, tzinfo=LONDON)

    plan = plan_after_event(WEDNESDAY_EVENING, [_person(tier="let_go")], planned_at=saturday)

    assert [p.due for p in plan] == [_at_nine(date(2026, 11, 30)), _at_nine(date(2026, 12, 11))]


def test_an_event_recorded_the_same_evening_or_before_it_keeps_the_usual_plan() -> None:
    usual = plan_after_event(WEDNESDAY_EVENING, [_person()])

    for recorded in (WEDNESDAY_EVENING + timedelta(hours=3), WEDNESDAY_EVENING - timedelta(days=9)):
        assert plan_after_event(WEDNESDAY_EVENING, [_person()], planned_at=recorded) == usual


@settings(max_examples=150, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31)),
    later=st.timedeltas(min_value=timedelta(days=-5), max_value=timedelta(days=60)),
    tier=st.sampled_from(["strengthen", "maintain", "let_go"]),
)
def test_no_suggestion_falls_on_a_day_before_the_plan_is_made(
    moment: datetime, later: timedelta, tier: str
) -> None:
    event_start = moment.replace(tzinfo=LONDON)
    recorded = event_start + later

    plan = plan_after_event(event_start, [_person(tier=tier)], planned_at=recorded)

    thank_you, check_in = plan[0], plan[1]
    for planned in plan:
        assert planned.due.date() >= recorded.date()
        assert planned.due.weekday() < 5
    assert check_in.due.date() - thank_you.due.date() >= timedelta(days=11)
