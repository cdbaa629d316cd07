"""The follow-ups to suggest after an event, for each person met there.

For every person: a thank-you on the next working day, a check-in two weeks after the event,
and, for the "strengthen" and "maintain" tiers, a recurring follow-up at the tier's cadence
starting one cadence after the check-in. An event recorded days after it took place gets its
thank-you on the day the plan is made, not on a day already past (it would be overdue before
the user saw it), and its check-in as long after the thank-you as usual. Everything falls at
09:00 on a working day (Monday to Friday) in the user's time zone: a date that lands on a
weekend moves to the Monday after.
Public holidays are not known here and are not skipped.

Cadences become RRULE text (RFC 5545 §3.3.10) by `cadence_rrule`:
- a whole number of years   -> FREQ=YEARLY;INTERVAL=n
- a whole number of 30 days -> FREQ=MONTHLY;INTERVAL=n (90 days: every 3 months)
- a whole number of weeks   -> FREQ=WEEKLY;INTERVAL=n  (14 days: every 2 weeks)
- anything else             -> FREQ=DAILY;INTERVAL=n
Weekly rules keep the weekday of the first occurrence, so they stay on working days; monthly and
yearly rules keep the day of the month, which a later month can put on a weekend.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from helper.errors import OutreachError

DEFAULT_TIER_CADENCE_DAYS: Mapping[str, int] = MappingProxyType({"strengthen": 14, "maintain": 90})
WORKDAY_MORNING = time(9, 0)
CHECK_IN_AFTER = timedelta(days=14)
# The check-in's distance from a thank-you sent the day after the event.
_CHECK_IN_AFTER_THANKS = CHECK_IN_AFTER - timedelta(days=1)
# "chase": a reminder after a message that got no reply (offered on "Mark as sent").
FOLLOW_UP_KINDS: tuple[str, ...] = ("thank_you", "check_in", "cadence", "chase")

_SATURDAY = 5
_DAYS_PER_YEAR = 365
_DAYS_PER_MONTH = 30
_DAYS_PER_WEEK = 7


@dataclass(frozen=True, kw_only=True)
class MetPerson:
    """A contact met at an event, with what the plan needs to know about them."""

    contact_id: int
    name: str
    tier: str = "unset"
    email: str = ""
    linkedin_url: str = ""
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class PlannedFollowUp:
    """One suggested follow-up; `rrule` is set when it repeats."""

    contact_id: int
    due: datetime
    channel: str
    kind: str
    title: str
    rrule: str | None = None


def cadence_rrule(tier: str, cadence_days: Mapping[str, int]) -> str | None:
    """RRULE text for the tier's cadence, or None when the tier has no cadence."""
    days = cadence_days.get(tier)
    if days is None:
        return None
    if days <= 0:
        raise OutreachError("a cadence must be at least one day", location=tier, value=str(days))
    for unit_days, freq in (
        (_DAYS_PER_YEAR, "YEARLY"),
        (_DAYS_PER_MONTH, "MONTHLY"),
        (_DAYS_PER_WEEK, "WEEKLY"),
    ):
        if days % unit_days == 0:
            return _rule(freq, days // unit_days)
    return _rule("DAILY", days)


def plan_after_event(
    event_start: datetime,
    people: list[MetPerson],
    *,
    tier_cadence_days: Mapping[str, int] = DEFAULT_TIER_CADENCE_DAYS,
    user_timezone: str = "",
    planned_at: datetime | None = None,
) -> list[PlannedFollowUp]:
    """The suggested follow-ups for everyone met at an event that started at `event_start`.

    Times are in `user_timezone` (an IANA name) or else in the event's own time zone.
    `planned_at` (aware) is when the plan is made; no suggestion falls on an earlier day.
    """
    zone = _user_zone(event_start, user_timezone)
    local_start = event_start.replace(tzinfo=zone) if event_start.tzinfo is None else event_start
    event_day = local_start.astimezone(zone).date()
    thank_you_day = event_day + timedelta(days=1)
    if planned_at is not None:
        thank_you_day = max(thank_you_day, planned_at.astimezone(zone).date())
    thank_you_due = _working_morning(thank_you_day, zone)
    check_in_day = max(event_day + CHECK_IN_AFTER, thank_you_day + _CHECK_IN_AFTER_THANKS)
    check_in_due = _working_morning(check_in_day, zone)
    plan: list[PlannedFollowUp] = []
    for person in people:
        channel = "email" if person.email.strip() else "linkedin_message"
        name = _display_name(person)
        plan.append(_planned(person, thank_you_due, channel, "thank_you", f"Thank {name}"))
        plan.append(_planned(person, check_in_due, channel, "check_in", f"Check in with {name}"))
        cadence = _cadence_follow_up(person, check_in_due, zone, channel, tier_cadence_days)
        if cadence is not None:
            plan.append(cadence)
    return plan


def _cadence_follow_up(
    person: MetPerson,
    check_in_due: datetime,
    zone: tzinfo,
    channel: str,
    cadence_days: Mapping[str, int],
) -> PlannedFollowUp | None:
    rrule = cadence_rrule(person.tier, cadence_days)
    if rrule is None:
        return None
    first_day = check_in_due.date() + timedelta(days=cadence_days[person.tier])
    due = _working_morning(first_day, zone)
    title = f"Keep in touch with {_display_name(person)}"
    return _planned(person, due, channel, "cadence", title, rrule)


def _planned(
    person: MetPerson,
    due: datetime,
    channel: str,
    kind: str,
    title: str,
    rrule: str | None = None,
) -> PlannedFollowUp:
    return PlannedFollowUp(
        contact_id=person.contact_id, due=due, channel=channel, kind=kind, title=title, rrule=rrule
    )


def chase_due(sent: datetime, days: int, zone: tzinfo) -> datetime:
    """When to chase a message sent at `sent` (aware) if no reply came: the working morning
    `days` days later in the user's time zone."""
    return _working_morning(sent.astimezone(zone).date() + timedelta(days=days), zone)


def _working_morning(day: date, zone: tzinfo) -> datetime:
    """09:00 on `day`, or on the Monday after when `day` is a Saturday or a Sunday."""
    while day.weekday() >= _SATURDAY:
        day = day + timedelta(days=1)
    return datetime.combine(day, WORKDAY_MORNING, tzinfo=zone)


def _user_zone(event_start: datetime, user_timezone: str) -> tzinfo:
    if user_timezone:
        try:
            return ZoneInfo(user_timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise OutreachError("unknown time zone", value=user_timezone) from error
    if event_start.tzinfo is None:
        raise OutreachError(
            "the event start needs a time zone, or give the user's time zone",
            value=event_start.isoformat(),
        )
    return event_start.tzinfo


def _display_name(person: MetPerson) -> str:
    return " ".join(person.name.split()) or "this contact"


def _rule(freq: str, interval: int) -> str:
    return f"FREQ={freq}" if interval == 1 else f"FREQ={freq};INTERVAL={interval}"
