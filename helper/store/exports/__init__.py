"""Everything that leaves the store as a file: contacts as vCard or CSV and the whole store as
a JSON document (`render`, with `address_book` reading just what vCard and CSV write),
follow-ups as iCalendar for downloads and the subscription feed (`calendar`), and what the
Export page offers (`overview`).

The package itself imports nothing: `calendar` brings in iCalendar and the drafting code, a
fifth of the start-up of an `outreach-helper export json|csv`, which never uses them.
"""
