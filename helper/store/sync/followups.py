"""Open follow-ups on the server: one VEVENT each, written by the same code as the .ics
export (`followup_entries`, `build_calendar`), so each keeps its UID and SEQUENCE rules: a
changed follow-up reaches the server with a higher SEQUENCE, which is also the version that
says it changed here."""

from __future__ import annotations

from datetime import date, datetime, time

from icalendar import Calendar
from sqlalchemy.orm import Session

from helper.db.models import FollowUp
from helper.exporters.ics import CalendarEntry, build_calendar
from helper.store.exports.calendar import FollowUpRange, followup_entries, select_followups
from helper.store.followups import drop_followup, reschedule
from helper.store.sync.resources import Kind, Wanted
from helper.store.sync.server import CALENDAR_MULTIGET

EVENTS = Kind("event", "text/calendar", ".ics", CALENDAR_MULTIGET)
# RFC 4791 §4.1: a calendar object resource must not carry METHOD, which the export's
# PUBLISH feed has; it is always this exact line, as every user text is escaped onto one line.
_METHOD_LINE = b"\r\nMETHOD:PUBLISH\r\n"
# A follow-up moved to a whole day on the phone is due at this hour of it.
ALL_DAY_HOUR = time(9)


def wanted_events(session: Session) -> list[Wanted]:
    """Every open follow-up as the event the calendar should hold."""
    followups = select_followups(session, FollowUpRange())
    return [_wanted(followup, entry) for followup, entry in _entries(session, followups)]


def event_of(session: Session, followup_id: int) -> Wanted | None:
    """One follow-up's event, or None when it is no longer open."""
    followup = session.get(FollowUp, followup_id)
    if followup is None or followup.status != "open":
        return None
    return next(_wanted(f, entry) for f, entry in _entries(session, [followup]))


def take_server_event(session: Session, followup_id: int, server_text: str) -> None:
    """The follow-up takes the event's start from the server (moved on the phone); an event
    deleted there drops it."""
    followup = session.get(FollowUp, followup_id)
    if followup is None or followup.status != "open":
        return
    if not server_text:
        drop_followup(session, followup)
        return
    start = Calendar.from_ical(server_text).walk("VEVENT")[0].decoded("dtstart")
    if not isinstance(start, datetime):
        start = datetime.combine(start if isinstance(start, date) else date.today(), ALL_DAY_HOUR)
    reschedule(session, followup, start)


def _entries(session: Session, followups: list[FollowUp]) -> list[tuple[FollowUp, CalendarEntry]]:
    return list(zip(followups, followup_entries(session, followups), strict=True))


def _wanted(followup: FollowUp, entry: CalendarEntry) -> Wanted:
    ics = build_calendar([entry]).replace(_METHOD_LINE, b"\r\n", 1).decode("utf-8")
    return Wanted(followup.id, entry.uid, ics, str(entry.sequence), entry.summary)
