"""Two versions of a contact's card or a follow-up's event as a person compares them: the
fields they hold, labelled, rather than the vCard or iCalendar lines; a field one version has
and the other lacks is marked, so what changed on the phone stands out."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar

from helper.errors import ImportRefused
from helper.importers import read
from helper.records import Format, ProfileRecord


@dataclass(frozen=True)
class Field:
    label: str
    value: str
    differs: bool = False


@dataclass(frozen=True)
class Versions:
    """Both versions' fields; `server` is empty when it was deleted there, and `differs`
    names the fields that differ, in the order they come."""

    here: list[Field]
    server: list[Field]
    differs: list[str]


def compare(kind: str, local_text: str, server_text: str) -> Versions:
    fields_of = _card_fields if kind == "card" else _event_fields
    here = list(fields_of(local_text))
    server = list(fields_of(server_text)) if server_text else []
    here_pairs = {(f.label, f.value) for f in here}
    server_pairs = {(f.label, f.value) for f in server}
    marked_here = [
        _marked(f, bool(server) and (f.label, f.value) not in server_pairs) for f in here
    ]
    marked_server = [_marked(f, (f.label, f.value) not in here_pairs) for f in server]
    differs = list(
        dict.fromkeys(f.label.lower() for f in [*marked_here, *marked_server] if f.differs)
    )
    return Versions(marked_here, marked_server, differs)


def _marked(found: Field, differs: bool) -> Field:
    return Field(found.label, found.value, differs)


def card_record(text: str) -> ProfileRecord | None:
    """The person one card's text names, read by the vCard importer; None when it names
    nobody. Text that holds no card at all raises ImportRefused."""
    items = read(io.BytesIO(text.encode("utf-8")), Format.VCARD, name="the server's card")
    return next((item for item in items if isinstance(item, ProfileRecord)), None)


def _card_fields(text: str) -> Iterator[Field]:
    try:
        record = card_record(text)
    except ImportRefused:
        record = None
    if record is None:
        yield Field("Card", text.strip())
        return
    yield Field("Name", record.name)
    yield from _present("Organisation", [record.current_company])
    yield from _present("Title", [record.current_title])
    yield from _present("Email", [_labelled(e, record.email_labels) for e in record.emails])
    yield from _present("Phone", [_labelled(p, record.phone_labels) for p in record.phones])
    yield from _present("Web address", [record.linkedin_url, *record.other_urls])
    yield from _present("Place", [record.location])
    yield from _present("Note", [record.notes])


def _labelled(value: str, labels: dict[str, str]) -> str:
    label = labels.get(value, "")
    return f"{value} ({label})" if label else value


def _present(label: str, values: list[str]) -> Iterator[Field]:
    for value in values:
        if value.strip():
            yield Field(label, value.strip())


def _event_fields(text: str) -> Iterator[Field]:
    try:
        event = Calendar.from_ical(text).walk("VEVENT")[0]
    except (ValueError, IndexError):
        yield Field("Event", text.strip())
        return
    yield from _present("Title", [str(event.get("summary", ""))])
    start = event.decoded("dtstart", None)
    if start is not None:
        yield Field("When", _when(start))
    rule = event.get("rrule")
    if rule:
        yield Field("Repeats", rule.to_ical().decode())
    for alarm in event.walk("VALARM"):
        trigger = alarm.decoded("trigger", None)
        if isinstance(trigger, timedelta):
            yield Field("Reminder", f"{int(-trigger.total_seconds() // 60)} minutes before")
    yield from _present("Link", [str(event.get("url", ""))])
    yield from _present("Notes", [str(event.get("description", ""))])


def _when(start: date | datetime) -> str:
    if not isinstance(start, datetime):
        return start.strftime("%a %d %b %Y (all day)")
    zone = f" ({start.tzinfo})" if start.tzinfo is not None else ""
    return start.strftime("%a %d %b %Y, %H:%M") + zone
