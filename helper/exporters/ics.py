"""Follow-ups as an iCalendar file (RFC 5545) that calendar apps import, and re-import as updates.

Every follow-up becomes one VEVENT by default, because Google Calendar does not import VTODO and
Outlook does not export it; a VTODO is available on request. A follow-up keeps one UID for life
(`followup_uid`), so importing a newer export replaces the entry; the caller raises SEQUENCE
when `entry_fingerprint` says the entry changed (RFC 5545 §3.8.7.4).

All user text goes through `escape_text`, not icalendar's own escaping: icalendar 7 turns a
literal backslash-N ("C:\\New folder") into a line break, leaves control characters in place,
and writes NAME and X- properties verbatim.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr
from icalendar import Alarm, Calendar, Component, Event, Todo, vDuration, vRecur, vText
from icalendar.prop import vCategory

from helper.errors import OutreachError
from helper.vocabulary import CHANNELS

PRODID = "-//Outreach Helper//Follow-ups//EN"
DEFAULT_CALENDAR_NAME = "Outreach Helper follow-ups"
UID_DOMAIN = "outreach-helper.local"
# A timed follow-up without an end gets a slot a person can see in a day view; RFC 5545
# §3.6.1 would otherwise make it a zero-length instant.
DEFAULT_TIMED_DURATION = timedelta(minutes=30)
# How often a subscribed calendar app should re-read the feed: RFC 7986 §5.7 REFRESH-INTERVAL,
# and X-PUBLISHED-TTL for Outlook and Apple Calendar, which predate it.
REFRESH_INTERVAL = timedelta(hours=12)
# VTIMEZONE rules are written until this date at least, the library's own default horizon.
TIMEZONE_HORIZON = date(2038, 1, 1)


# RFC 5545 §3.8.1.11: the STATUS values each component allows.
EVENT_STATUSES: tuple[str, ...] = ("TENTATIVE", "CONFIRMED", "CANCELLED")
TODO_STATUSES: tuple[str, ...] = ("NEEDS-ACTION", "COMPLETED", "IN-PROCESS", "CANCELLED")

# RFC 5545 §3.3.11: TEXT allows no control character but HTAB; LF survives as the \n escape.
_FORBIDDEN_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


@dataclass(kw_only=True)
class CalendarEntry:
    """One follow-up as the calendar sees it.

    `start` is an aware datetime or a date (an all-day entry). A naive datetime needs
    `timezone`; an aware one is shown in `timezone` when it is given; a date ignores it.
    Give `end` or `duration`, not both: neither means 30 minutes for a timed event, one day
    for an all-day one, and no end for a to-do. A to-do's `end` is its DUE.
    `rrule` is RFC 5545 RRULE text ("FREQ=WEEKLY;INTERVAL=2") or icalendar's mapping form.
    """

    uid: str
    summary: str
    start: datetime | date
    sequence: int = 0
    description: str = ""
    duration: timedelta | None = None
    end: datetime | date | None = None
    timezone: str = ""
    url: str = ""
    location: str = ""
    categories: list[str] = field(default_factory=list)
    alarm_minutes_before: int | None = 15
    rrule: str | Mapping[str, Any] | None = None
    status: str = ""
    as_todo: bool = False


class _Text(vText):
    """A TEXT value written with `escape_text` instead of icalendar's escaping."""

    def to_ical(self) -> bytes:
        return escape_text(str(self)).encode("utf-8")


class _Categories(vCategory):
    """CATEGORIES written with `escape_text`, so a comma inside a category stays inside it."""

    def to_ical(self) -> bytes:
        return b",".join(escape_text(str(c)).encode("utf-8") for c in self.cats)


def clean_text(value: str) -> str:
    """The text a calendar app reads back: line breaks become LF, other controls are dropped.

    RFC 5545 §3.3.11 has an escape for a line break but none for a lone CR, and forbids the
    other control characters, so CRLF and a lone CR are both read as one line break.
    """
    unified = value.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN_CONTROLS.sub("", unified)


def escape_text(value: str) -> str:
    """`value` as an RFC 5545 §3.3.11 TEXT value: one content line whatever the input."""
    return (
        clean_text(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def followup_uid(followup_id: int) -> str:
    """The UID a follow-up keeps in every export (RFC 5545 §3.8.4.7: globally unique)."""
    return f"followup-{followup_id}@{UID_DOMAIN}"


def summary_for(contact_name: str, channel: str) -> str:
    """The entry title, e.g. "Follow up: Priya Raman (LinkedIn)"."""
    if channel not in CHANNELS:
        raise OutreachError(f"unknown channel {channel!r}", value=channel)
    name = " ".join(clean_text(contact_name).split()) or "(no name)"
    return f"Follow up: {name} ({CHANNELS.short_label(channel)})"


def describe_followup(draft: str, questions: Sequence[str] = (), profile_url: str = "") -> str:
    """The DESCRIPTION: the draft, then the questions to ask, then the contact's profile."""
    parts = [draft.strip()] if draft.strip() else []
    asked = [q.strip() for q in questions if q.strip()]
    if asked:
        parts.append("Questions:\n" + "\n".join(f"- {q}" for q in asked))
    if profile_url:
        parts.append(f"Profile: {profile_url}")
    return "\n\n".join(parts)


def entry_fingerprint(entry: CalendarEntry) -> str:
    """A SHA-256 of what a calendar app shows; UID and SEQUENCE are left out on purpose."""
    content = {
        f.name: _canonical(getattr(entry, f.name))
        for f in fields(entry)
        if f.name not in ("uid", "sequence")
    }
    content["rrule"] = _rrule_text(entry) if entry.rrule else ""
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def build_calendar(
    entries: Iterable[CalendarEntry],
    *,
    name: str = DEFAULT_CALENDAR_NAME,
    use_todo: bool = False,
    now: datetime | None = None,
) -> bytes:
    """The .ics bytes for `entries`, each stamped `now` (UTC; the current time by default)."""
    stamp = _utc_stamp(now)
    calendar = _new_calendar(name)
    components = [_component_for(entry, use_todo=use_todo, stamp=stamp) for entry in entries]
    _refuse_duplicate_uids(components)
    for component in components:
        calendar.add_component(component)
    first, last = _timezone_window(components)
    calendar.add_missing_timezones(first_date=first, last_date=last)
    _spell_out_timezone_onsets(calendar)
    return calendar.to_ical()


def _new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", _Text(name))
    calendar.add("x-wr-calname", _Text(name))
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    return calendar


def _component_for(entry: CalendarEntry, *, use_todo: bool, stamp: datetime) -> Component:
    as_todo = use_todo or entry.as_todo
    where = f"follow-up {entry.uid!r}"
    if not entry.uid.strip():
        raise OutreachError("a follow-up needs a UID", location=where)
    if entry.sequence < 0:
        raise OutreachError(
            "SEQUENCE cannot be negative", location=where, value=str(entry.sequence)
        )
    component: Component = Todo() if as_todo else Event()
    component.add("uid", _Text(entry.uid))
    component.add("dtstamp", stamp)
    component.add("sequence", entry.sequence)
    component.add("summary", _Text(entry.summary))
    _add_times(component, entry, as_todo=as_todo, where=where)
    _add_details(component, entry, as_todo=as_todo, where=where)
    if entry.alarm_minutes_before is not None:
        component.add_component(_alarm(entry, where))
    return component


def _add_details(component: Component, entry: CalendarEntry, *, as_todo: bool, where: str) -> None:
    if entry.description:
        component.add("description", _Text(entry.description))
    if entry.location:
        component.add("location", _Text(entry.location))
    if entry.url:
        component.add("url", _checked_url(entry.url, where))
    categories = [c for c in entry.categories if clean_text(c)]
    if categories:
        component.add("categories", _Categories(categories))
    if entry.status:
        component.add("status", _checked_status(entry.status, as_todo=as_todo, where=where))
    if entry.rrule:
        component.add("rrule", vRecur.from_ical(_rrule_text(entry)))


def _checked_url(url: str, where: str) -> str:
    """URL is a URI value, written as is (RFC 5545 §3.8.4.6), so it must hold no space or CTL."""
    if not _URL.fullmatch(url):
        raise OutreachError("the URL must be an http(s) address", location=where, value=url)
    return url


def _checked_status(status: str, *, as_todo: bool, where: str) -> str:
    allowed = TODO_STATUSES if as_todo else EVENT_STATUSES
    if status.upper() not in allowed:
        raise OutreachError(
            f"STATUS must be one of {', '.join(allowed)}", location=where, value=status
        )
    return status.upper()


def _add_times(component: Component, entry: CalendarEntry, *, as_todo: bool, where: str) -> None:
    start = _local(entry.start, entry.timezone, where)
    component.add("dtstart", start)
    if entry.end is not None and entry.duration is not None:
        raise OutreachError("give an end or a duration, not both", location=where)
    if entry.end is not None:
        end = _local(entry.end, entry.timezone, where)
        if isinstance(end, datetime) != isinstance(start, datetime) or end <= start:
            raise OutreachError("the end must come after the start", location=where)
        component.add("due" if as_todo else "dtend", end)
        return
    duration = entry.duration
    if duration is None and isinstance(start, datetime) and not as_todo:
        duration = DEFAULT_TIMED_DURATION
    if duration is not None:
        if duration <= timedelta(0):
            raise OutreachError("the duration must be positive", location=where)
        component.add("duration", duration)


def _local(moment: datetime | date, zone_name: str, where: str) -> datetime | date:
    """`moment` as DTSTART wants it: a date, a UTC time, or a time in an IANA zone."""
    if not isinstance(moment, datetime):
        return moment
    zone = _zone(zone_name, where) if zone_name else None
    if moment.tzinfo is None:
        if zone is None:
            raise OutreachError("a time without a time zone needs `timezone`", location=where)
        return moment.replace(tzinfo=zone)
    if zone is not None:
        return moment.astimezone(zone)
    if isinstance(moment.tzinfo, ZoneInfo):
        return moment
    # Only a ZoneInfo names an IANA zone a VTIMEZONE can describe; any other tzinfo (a fixed
    # offset) is written as the same instant in UTC, which every client reads.
    return moment.astimezone(UTC)


def _zone(name: str, where: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise OutreachError("unknown time zone", location=where, value=name) from error


def _alarm(entry: CalendarEntry, where: str) -> Alarm:
    minutes = entry.alarm_minutes_before
    if minutes is None or minutes < 0:
        raise OutreachError("a reminder must come before the start", location=where)
    alarm = Alarm()
    # RFC 5545 §3.6.6: a DISPLAY alarm needs ACTION, TRIGGER and DESCRIPTION.
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(minutes=-minutes))
    alarm.add("description", _Text(entry.summary or "Follow-up"))
    return alarm


def _rrule_text(entry: CalendarEntry) -> str:
    """The entry's RRULE in RFC 5545 form, checked by expanding it with python-dateutil."""
    rule = entry.rrule
    where = f"follow-up {entry.uid!r}"
    try:
        recur = vRecur(dict(rule)) if isinstance(rule, Mapping) else vRecur.from_ical(str(rule))
    except (ValueError, TypeError) as error:
        raise OutreachError(
            f"unreadable RRULE: {error}", location=where, value=str(rule)
        ) from error
    if "FREQ" not in recur:
        raise OutreachError("an RRULE needs FREQ", location=where, value=str(rule))
    text = recur.to_ical().decode("ascii")
    try:
        rrulestr(text, dtstart=_as_datetime(entry.start))
    except (ValueError, TypeError) as error:
        raise OutreachError(f"unreadable RRULE: {error}", location=where, value=text) from error
    return text


def _as_datetime(moment: datetime | date) -> datetime:
    if isinstance(moment, datetime):
        return moment
    return datetime(moment.year, moment.month, moment.day)


def _utc_stamp(now: datetime | None) -> datetime:
    """DTSTAMP, which RFC 5545 §3.8.7.2 wants in UTC, to the second."""
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise OutreachError("`now` must carry a time zone", value=moment.isoformat())
    return moment.astimezone(UTC).replace(microsecond=0)


def _refuse_duplicate_uids(components: Sequence[Component]) -> None:
    seen: set[str] = set()
    for component in components:
        uid = str(component["uid"])
        if uid in seen:
            raise OutreachError("two follow-ups share one UID", value=uid)
        seen.add(uid)


def _timezone_window(components: Sequence[Component]) -> tuple[date, date]:
    """The dates the VTIMEZONE rules must cover: from the first entry to the horizon or later."""
    days = [_day(component.decoded("dtstart")) for component in components]
    if not days:
        return TIMEZONE_HORIZON, TIMEZONE_HORIZON + timedelta(days=1)
    first = min(days) - timedelta(days=1)
    last = max(TIMEZONE_HORIZON, max(days) + timedelta(days=366))
    return first, last


def _spell_out_timezone_onsets(calendar: Calendar) -> None:
    """Give every VTIMEZONE onset its own RDATE line, the first onset (DTSTART) included.

    Mozilla's ical.js, the parser in Thunderbird, reads only the first date of an RDATE list
    and ignores DTSTART when RDATE is present, so icalendar's compact form put 09:00 London
    time an hour off there. RFC 5545 §3.8.5.2 counts an onset given twice only once.
    """
    for timezone in calendar.timezones:
        for observance in timezone.subcomponents:
            if "RDATE" not in observance:
                continue
            onsets = [observance.decoded("DTSTART")] + [start for start, _ in observance.rdates]
            observance.pop("RDATE")
            for onset in onsets:
                observance.add("RDATE", onset)


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _canonical(value: object) -> object:
    if isinstance(value, datetime):
        return f"{value.isoformat()}[{value.tzinfo}]"
    if isinstance(value, date | timedelta):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value
