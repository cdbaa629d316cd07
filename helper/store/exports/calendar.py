"""Follow-ups from the store as iCalendar: one follow-up, one event's, those due in a date
range, and the subscription feed behind a secret token.

Every export goes through `followup_entries`, which raises a follow-up's SEQUENCE whenever what
a calendar app shows of it changed since it was last stamped (RFC 5545 §3.8.7.4), so a
re-imported or re-read file updates the entry instead of being ignored as stale.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from helper.db.models import Contact, Event, FollowUp, Goal
from helper.drafting import SharedContext, questions_for
from helper.exporters.ics import (
    CalendarEntry,
    build_calendar,
    describe_followup,
    entry_fingerprint,
    followup_uid,
    summary_for,
)
from helper.store.convert import me_profile
from helper.store.events import get_event, to_local, to_stored
from helper.store.goals import goal_spec
from helper.store.me import get_me
from helper.store.snapshots import snapshot_of

# A reminder a quarter of an hour ahead leaves time to open the draft before the slot.
ALARM_MINUTES_BEFORE = 15
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


@dataclass(frozen=True)
class FollowUpRange:
    """Which follow-ups to export; dates are days in the user's time zone, both included."""

    event_id: int | None = None
    start: date | None = None
    end: date | None = None
    status: str = "open"


def profile_url(contact: Contact) -> str:
    """The contact's LinkedIn profile, or else their first other web address."""
    for url in (contact.linkedin_url or "", *contact.other_urls):
        if _WEB_URL.fullmatch(url):
            return url
    return ""


def followup_entry(session: Session, followup: FollowUp, timezone: str) -> CalendarEntry:
    """What a calendar app shows of one follow-up, at its current SEQUENCE."""
    contact = followup.contact
    goal = session.get(Goal, followup.goal_id) if followup.goal_id else None
    event = session.get(Event, followup.event_id) if followup.event_id else None
    shared = SharedContext(event_met_at=event.name) if event else None
    questions, _warnings = questions_for(
        snapshot_of(session, contact),
        me_profile(get_me(session)),
        goal_spec(goal) if goal else None,
        shared,
    )
    url = profile_url(contact)
    return CalendarEntry(
        uid=followup_uid(followup.id),
        summary=summary_for(contact.name, followup.channel),
        start=to_local(followup.due_at, timezone),
        timezone=timezone,
        sequence=followup.sequence,
        description=describe_followup(_with_title(followup), questions, url),
        url=url,
        categories=[goal.title] if goal else [],
        alarm_minutes_before=ALARM_MINUTES_BEFORE,
        rrule=followup.recurrence or None,
    )


def _with_title(followup: FollowUp) -> str:
    return "\n\n".join(part for part in (followup.title, followup.draft) if part.strip())


def stamp(session: Session, followup: FollowUp, timezone: str) -> CalendarEntry:
    """Record the follow-up's exported content; a change since the last stamp raises SEQUENCE."""
    entry = followup_entry(session, followup, timezone)
    fingerprint = entry_fingerprint(entry)
    if followup.fingerprint and followup.fingerprint != fingerprint:
        followup.sequence += 1
    followup.fingerprint = fingerprint
    return replace(entry, sequence=followup.sequence)


def followup_entries(session: Session, followups: Sequence[FollowUp]) -> list[CalendarEntry]:
    timezone = get_me(session).timezone or "UTC"
    entries = [stamp(session, followup, timezone) for followup in followups]
    session.flush()
    return entries


def select_followups(session: Session, wanted: FollowUpRange) -> list[FollowUp]:
    """Follow-ups of one status (open by default), soonest first, in the range asked for."""
    statement = (
        select(FollowUp)
        .where(FollowUp.status == wanted.status)
        .options(selectinload(FollowUp.contact))
        .order_by(FollowUp.due_at, FollowUp.id)
    )
    if wanted.event_id is not None:
        statement = statement.where(FollowUp.event_id == wanted.event_id)
    timezone = get_me(session).timezone or "UTC"
    if wanted.start is not None:
        statement = statement.where(FollowUp.due_at >= _day_start(wanted.start, timezone))
    if wanted.end is not None:
        # The day's last moment rather than the next day's start, which for the last day of the
        # storable years is outside them.
        day_end = to_stored(datetime.combine(wanted.end, time.max), timezone)
        statement = statement.where(FollowUp.due_at <= day_end)
    return list(session.scalars(statement))


def _day_start(day: date, timezone: str) -> datetime:
    return to_stored(datetime.combine(day, time.min), timezone)


def calendar_bytes(session: Session, followups: Sequence[FollowUp], name: str = "") -> bytes:
    entries = followup_entries(session, followups)
    if name:
        return build_calendar(entries, name=name)
    return build_calendar(entries)


def range_ics(session: Session, wanted: FollowUpRange) -> tuple[bytes, int]:
    """The .ics of the follow-ups in `wanted`, and how many it holds."""
    followups = select_followups(session, wanted)
    return calendar_bytes(session, followups), len(followups)


def exported_ics(session: Session, wanted: FollowUpRange) -> tuple[bytes, int]:
    """As `range_ics`, for an export someone asked for: an unknown event is an error there,
    not an empty file."""
    if wanted.event_id is not None:
        get_event(session, wanted.event_id)
    return range_ics(session, wanted)


def calendar_token(session: Session) -> str:
    """The secret of the subscription URL, made on first request."""
    me = get_me(session)
    if not me.calendar_token:
        me.calendar_token = secrets.token_urlsafe(32)
        session.flush()
    return me.calendar_token


def regenerate_calendar_token(session: Session) -> str:
    """A new secret: the old subscription URL stops working at once."""
    me = get_me(session)
    me.calendar_token = secrets.token_urlsafe(32)
    session.flush()
    return me.calendar_token


def token_matches(session: Session, offered: str) -> bool:
    """Constant-time, so the response time says nothing about how much of a guess was right."""
    kept = get_me(session).calendar_token
    return bool(kept) and hmac.compare_digest(kept.encode(), offered.encode())
