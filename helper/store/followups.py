"""Follow-ups: the plan after an event, keep-in-touch cadences, and what the user does with
each one (accept, edit, reschedule, drop, mark done).

A suggestion of the plan is not stored until the user decides: accepting or dropping it
stores a FollowUp with the event, the contact and the suggestion's kind, which is how the plan
knows later what was decided. Every change re-stamps the follow-up for the calendar
(`calendar_export.stamp`), so SEQUENCE rises when the exported entry changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from dateutil.rrule import rrulestr
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from helper.db.models import Contact, Event, FollowUp, Interaction, Me
from helper.drafting import compose_draft
from helper.errors import NotFound, OutreachError
from helper.store.convert import me_profile
from helper.store.draft_context import shared_context
from helper.store.events import to_local, to_stored
from helper.store.exports.calendar import stamp
from helper.store.me import get_me
from helper.store.message_templates import session_overrides
from helper.store.snapshots import relationship_stats, snapshot_of
from helper.strategy.followup_plan import (
    WORKDAY_MORNING,
    MetPerson,
    PlannedFollowUp,
    cadence_rrule,
    plan_after_event,
)
from helper.vocabulary import CHANNELS

# What marking a follow-up done records, by channel (the vocabulary's interaction kinds).
INTERACTION_FOR_CHANNEL: dict[str, str] = {
    "email": "email_sent",
    "in_person": "met",
    "video_call": "call",
    "linkedin_connect": "message",
    "linkedin_message": "message",
    "linkedin_inmail": "message",
    "x_dm": "message",
}
CADENCE_TIERS = ("strengthen", "maintain")
_SATURDAY = 5


@dataclass
class PlanItem:
    """One suggestion of an event's plan, with the follow-up stored for it once decided."""

    contact: Contact
    planned: PlannedFollowUp
    draft: str
    followup: FollowUp | None = None

    @property
    def state(self) -> str:
        return self.followup.status if self.followup else "suggested"


@dataclass
class FollowUpChanges:
    """An edit: `due` is naive in the user's time zone."""

    title: str
    due: datetime
    channel: str
    draft: str


_UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}


def repeat_label(rule: str) -> str:
    """RRULE text in words for the pages: "FREQ=WEEKLY;INTERVAL=2" -> "every 2 weeks"."""
    parts = dict(part.split("=", 1) for part in rule.split(";") if "=" in part)
    unit = _UNITS.get(parts.get("FREQ", ""))
    if unit is None:
        return rule
    interval = int(parts.get("INTERVAL", "1") or 1)
    return f"every {unit}" if interval == 1 else f"every {interval} {unit}s"


def cadence_days(me: Me) -> dict[str, int]:
    return {"strengthen": me.strengthen_days, "maintain": me.maintain_days}


def user_timezone(session: Session) -> str:
    return get_me(session).timezone or "UTC"


def get_followup(session: Session, followup_id: int) -> FollowUp:
    followup = session.get(FollowUp, followup_id)
    if followup is None:
        raise NotFound(f"there is no follow-up with id {followup_id}")
    return followup


# Each kind of follow-up is a different message: a thank-you after the event, a check-in two
# weeks on, and the keep-in-touch note of a cadence.
OCCASION_FOR_KIND = {"thank_you": "thank_you", "check_in": "check_in", "cadence": "keep_in_touch"}


def draft_text(
    session: Session, contact: Contact, channel: str, event: Event | None, kind: str
) -> str:
    """A message for the follow-up from the drafting module: subject line first, if any."""
    shared = shared_context(session, contact.id, event=event)
    if kind == "cadence":
        shared = replace(shared, event_met_at="", event_note="")
    draft = compose_draft(
        snapshot_of(session, contact),
        channel,
        me_profile(get_me(session)),
        shared=shared,
        override_dir=session_overrides(session),
        occasion=OCCASION_FOR_KIND.get(kind, ""),
    )
    return f"Subject: {draft.subject}\n\n{draft.body}" if draft.subject else draft.body


def planning_time() -> datetime:
    """Now, for the plan after an event: it suggests no day already past."""
    return datetime.now(UTC)


def _planned(session: Session, event: Event) -> list[PlannedFollowUp]:
    me = get_me(session)
    people = [
        MetPerson(
            contact_id=link.contact_id,
            name=link.contact.name,
            tier=link.contact.tier,
            email=link.contact.emails[0].email if link.contact.emails else "",
            linkedin_url=link.contact.linkedin_url or "",
            note=link.note,
        )
        for link in event.attendees
    ]
    planned = plan_after_event(
        to_local(event.starts_at, event.timezone),
        people,
        tier_cadence_days=cadence_days(me),
        user_timezone=me.timezone or "UTC",
        planned_at=planning_time(),
    )
    repeating = {contact.id for contact in already_repeating(session, event)}
    return [p for p in planned if not (p.rrule and p.contact_id in repeating)]


def already_repeating(session: Session, event: Event) -> list[Contact]:
    """People met at the event who already have an open repeating follow-up from elsewhere
    (another event's plan, or their tier's cadence). One keep-in-touch rhythm per person: a
    second would put the same reminder in the calendar twice."""
    met = [link.contact_id for link in event.attendees]
    elsewhere = (FollowUp.event_id.is_(None)) | (FollowUp.event_id != event.id)
    # A subquery rather than DISTINCT over the joined rows: PostgreSQL cannot compare the
    # contact's JSON columns, and a person with two repeating follow-ups is still one person.
    repeating = select(FollowUp.contact_id).where(
        FollowUp.status == "open", FollowUp.recurrence != "", elsewhere
    )
    statement = (
        select(Contact).where(Contact.id.in_(met), Contact.id.in_(repeating)).order_by(Contact.name)
    )
    return list(session.scalars(statement))


def _decided(session: Session, event: Event) -> dict[tuple[int, str], FollowUp]:
    rows = session.scalars(select(FollowUp).where(FollowUp.event_id == event.id))
    return {(f.contact_id, f.kind): f for f in rows}


def event_plan(session: Session, event: Event) -> list[PlanItem]:
    """The suggested follow-ups for everyone met, each with its draft or its decision."""
    decided = _decided(session, event)
    contacts = {link.contact_id: link.contact for link in event.attendees}
    items = []
    for planned in _planned(session, event):
        contact = contacts[planned.contact_id]
        followup = decided.get((planned.contact_id, planned.kind))
        draft = (
            followup.draft
            if followup
            else draft_text(session, contact, planned.channel, event, planned.kind)
        )
        items.append(PlanItem(contact, planned, draft, followup))
    return items


def decide_suggestion(
    session: Session,
    event: Event,
    contact_id: int,
    kind: str,
    *,
    status: str = "open",
    changes: FollowUpChanges | None = None,
) -> FollowUp:
    """Accept (status "open") or drop one suggestion, as suggested or with the user's edits."""
    planned = next(
        (p for p in _planned(session, event) if (p.contact_id, p.kind) == (contact_id, kind)),
        None,
    )
    if planned is None:
        raise NotFound(f"the plan for {event.name} suggests no {kind!r} for contact {contact_id}")
    if (contact_id, kind) in _decided(session, event):
        raise OutreachError("this suggestion is already decided; change the follow-up instead")
    contact = next(link.contact for link in event.attendees if link.contact_id == contact_id)
    followup = FollowUp(
        contact=contact,
        event_id=event.id,
        kind=kind,
        title=planned.title,
        due_at=to_stored(planned.due, user_timezone(session)),
        channel=planned.channel,
        draft=(
            changes.draft
            if changes
            else draft_text(session, contact, planned.channel, event, planned.kind)
        ),
        status=status,
        recurrence=planned.rrule or "",
    )
    session.add(followup)
    session.flush()
    if changes is not None:
        return edit_followup(session, followup, changes)
    stamp(session, followup, user_timezone(session))
    return followup


def accept_plan(session: Session, event: Event) -> list[FollowUp]:
    """Accept every suggestion not decided yet; returns the follow-ups created."""
    decided = _decided(session, event)
    return [
        decide_suggestion(session, event, p.contact_id, p.kind)
        for p in _planned(session, event)
        if (p.contact_id, p.kind) not in decided
    ]


def edit_followup(session: Session, followup: FollowUp, changes: FollowUpChanges) -> FollowUp:
    if changes.channel not in CHANNELS:
        raise OutreachError(f"{changes.channel!r} is not a channel", value=changes.channel)
    title = " ".join(changes.title.split())
    if not title:
        raise OutreachError("give the follow-up a title")
    followup.title, followup.channel, followup.draft = title, changes.channel, changes.draft.strip()
    return reschedule(session, followup, changes.due)


def reschedule(session: Session, followup: FollowUp, due: datetime) -> FollowUp:
    """Move the follow-up to `due` (naive in the user's time zone, or aware)."""
    timezone = user_timezone(session)
    followup.due_at = to_stored(due, timezone)
    stamp(session, followup, timezone)
    session.flush()
    return followup


def drop_followup(session: Session, followup: FollowUp) -> FollowUp:
    if followup.status != "open":
        raise OutreachError(f"this follow-up is already {followup.status}")
    followup.status = "dropped"
    session.flush()
    return followup


def mark_done(session: Session, followup: FollowUp, now: datetime | None = None) -> Interaction:
    """Record the touch as an Interaction; a recurring follow-up stays open, due next time."""
    if followup.status != "open":
        raise OutreachError(f"this follow-up is already {followup.status}")
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    interaction = Interaction(
        contact_id=followup.contact_id,
        kind=INTERACTION_FOR_CHANNEL.get(followup.channel, "message"),
        occurred_at=moment,
        channel=followup.channel,
        summary=followup.title,
        source_ref=f"followup:{followup.id}:{followup.due_at.isoformat()}",
    )
    session.add(interaction)
    if followup.recurrence:
        timezone = user_timezone(session)
        followup.due_at = to_stored(_next_occurrence(followup, moment, timezone), timezone)
        stamp(session, followup, timezone)
    else:
        followup.status = "done"
    session.flush()
    return interaction


def _next_occurrence(followup: FollowUp, now: datetime, timezone: str) -> datetime:
    """The first date of the series after both the current due date and now, in local time
    so that 09:00 stays 09:00 across a daylight-saving change."""
    start = to_local(followup.due_at, timezone)
    after = max(start, to_local(now, timezone))
    rule = rrulestr(followup.recurrence, dtstart=start.replace(tzinfo=None))
    following = rule.after(after.replace(tzinfo=None))
    if following is None:
        raise OutreachError("this follow-up's repeat rule has no later date")
    return following


def list_followups(
    session: Session, *, status: str = "open", due_before: date | None = None
) -> list[FollowUp]:
    """Follow-ups of one status, soonest first; `due_before` is a day in the user's zone."""
    statement = (
        select(FollowUp)
        .where(FollowUp.status == status)
        .options(selectinload(FollowUp.contact))
        .order_by(FollowUp.due_at, FollowUp.id)
    )
    if due_before is not None:
        midnight = datetime.combine(due_before, datetime.min.time())
        statement = statement.where(FollowUp.due_at < to_stored(midnight, user_timezone(session)))
    return list(session.scalars(statement))


def followup_json(followup: FollowUp, timezone: str) -> dict[str, object]:
    return {
        "id": followup.id,
        "contact_id": followup.contact_id,
        "contact_name": followup.contact.name,
        "due": to_local(followup.due_at, timezone).isoformat(),
        "channel": followup.channel,
        "kind": followup.kind,
        "title": followup.title,
        "status": followup.status,
        "recurrence": followup.recurrence,
        "event_id": followup.event_id,
        "goal_id": followup.goal_id,
        "sequence": followup.sequence,
    }


@dataclass(frozen=True)
class CadenceResult:
    created: int
    updated: int
    dropped: int


def schedule_cadences(session: Session, now: datetime | None = None) -> CadenceResult:
    """Give every contact on "strengthen" or "maintain" one recurring keep-in-touch follow-up
    at the tier's cadence; follow the tier when it changes, drop it when the tier is let go."""
    me = get_me(session)
    days = cadence_days(me)
    timezone = me.timezone or "UTC"
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    recurring = session.scalars(
        select(FollowUp)
        .where(FollowUp.status == "open", FollowUp.recurrence != "")
        .options(selectinload(FollowUp.contact))
    )
    by_contact = {f.contact_id: f for f in recurring}
    tiered = list(
        session.scalars(
            select(Contact)
            .where(Contact.tier.in_(CADENCE_TIERS))
            .options(selectinload(Contact.emails))
        )
    )
    last_touch = relationship_stats(session, [c.id for c in tiered])
    created = updated = 0
    for contact in tiered:
        rule = cadence_rrule(contact.tier, days) or ""
        existing = by_contact.pop(contact.id, None)
        if existing is None:
            stats = last_touch.get(contact.id)
            last = stats.last_contact if stats else None
            _new_cadence(session, contact, rule, days[contact.tier], last, moment, timezone)
            created += 1
        elif existing.recurrence != rule:
            existing.recurrence = rule
            stamp(session, existing, timezone)
            updated += 1
    dropped = 0
    for followup in by_contact.values():
        if followup.kind == "cadence" and followup.contact.tier not in CADENCE_TIERS:
            followup.status = "dropped"
            dropped += 1
    session.flush()
    return CadenceResult(created, updated, dropped)


def _new_cadence(
    session: Session,
    contact: Contact,
    rule: str,
    period_days: int,
    last: datetime | None,
    now: datetime,
    timezone: str,
) -> FollowUp:
    """Due one period after the last touch, but never before tomorrow."""
    tomorrow = to_local(now, timezone).date() + timedelta(days=1)
    due_day = max(tomorrow, (last + timedelta(days=period_days)).date()) if last else tomorrow
    while due_day.weekday() >= _SATURDAY:
        due_day += timedelta(days=1)
    channel = "email" if contact.emails else "linkedin_message"
    name = " ".join(contact.name.split()) or "this contact"
    followup = FollowUp(
        contact=contact,
        kind="cadence",
        title=f"Keep in touch with {name}",
        due_at=to_stored(datetime.combine(due_day, WORKDAY_MORNING), timezone),
        channel=channel,
        draft=draft_text(session, contact, channel, None, "cadence"),
        recurrence=rule,
    )
    session.add(followup)
    session.flush()
    stamp(session, followup, timezone)
    return followup
