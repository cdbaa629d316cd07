"""Follow-ups and contacts pushed to the user's own calendar and address book server.

- `settings`: where to push (server, user name, calendar, address book, which contacts) and
  the app password, kept as private files in the store's folder;
- `server`: the server itself: finding its calendars and address books (with `caldav`), and
  the plain WebDAV requests that read and write resources under ETag preconditions;
- `resources`: one kind of resource brought in step with its collection, an edit made on the
  server kept as a conflict instead of overwritten;
- `followups` and `contacts`: what each kind puts on the server, and what taking the server's
  version in means for it;
- `run`: a whole sync, a conflict settled, and the report of what changed.

Nothing is imported here, so a command that does not sync never loads the HTTP client.
"""
