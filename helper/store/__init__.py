"""The store: functions that read and write the database for the web pages and the CLI.

Each function takes a SQLAlchemy `Session` and leaves committing to its caller, so one
request or one command is one transaction. `opening.open_store` is the one way in.

The package's `__init__` imports nothing: `read_only` lists a current SQLite store with the
standard library alone, and importing SQLAlchemy would cost it most of its time.
"""
