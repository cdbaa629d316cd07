"""What a request reaches through the app: the store, its own database session, and the
app-wide objects the factory made (the matching index and the background imports)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app, g
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session

from helper.db import Store
from helper.errors import OutreachError
from helper.store.imports import ImportJobs
from helper.store.match_cache import MatchCache

STORE = "outreach"
MATCH_CACHE = "outreach_match"
IMPORT_JOBS = "outreach_imports"

Saved = TypeVar("Saved")


def init_app(app: Flask, store: Store) -> None:
    """Attach the store and the objects every request shares: building the matching index
    takes seconds, and imports outlive the request that started them."""
    jobs = ImportJobs(store)
    jobs.discard_leftover_uploads()
    cache = MatchCache(store.data_dir)
    app.extensions.update({STORE: store, MATCH_CACHE: cache, IMPORT_JOBS: jobs})
    app.teardown_appcontext(_close_session)


def store() -> Store:
    return current_app.extensions[STORE]


def match_cache() -> MatchCache:
    return current_app.extensions[MATCH_CACHE]


def import_jobs() -> ImportJobs:
    return current_app.extensions[IMPORT_JOBS]


def db() -> Session:
    """This request's session; closed (and rolled back unless committed) at teardown."""
    if "db_session" not in g:
        g.db_session = store().sessions()
    return g.db_session


def commit_or_report(form: FlaskForm, write: Callable[[], Saved]) -> Saved | None:
    """Run a submitted form's store write and commit it; what the write returns comes back.

    A write the store refuses (an `OutreachError`) is rolled back, its reason goes on the form
    and None comes back, so the page shows the form again with what was typed."""
    session = db()
    try:
        saved = write()
    except OutreachError as error:
        session.rollback()
        form.form_errors.append(str(error))
        return None
    session.commit()
    return saved


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
