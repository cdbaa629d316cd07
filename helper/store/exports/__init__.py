"""Everything that leaves the store as a file: contacts as vCard or CSV and the whole store as
a JSON document (`render`), and follow-ups as iCalendar for downloads and the subscription
feed (`calendar`)."""

from helper.store.exports.calendar import (
    FollowUpRange,
    calendar_bytes,
    calendar_token,
    range_ics,
    regenerate_calendar_token,
    select_followups,
    token_matches,
)
from helper.store.exports.render import (
    EXPORTERS,
    ExportOptions,
    export_contacts,
    export_overview,
    render_export,
)

__all__ = [
    "EXPORTERS",
    "ExportOptions",
    "FollowUpRange",
    "calendar_bytes",
    "calendar_token",
    "export_contacts",
    "export_overview",
    "range_ics",
    "regenerate_calendar_token",
    "render_export",
    "select_followups",
    "token_matches",
]
