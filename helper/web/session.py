"""What a request reaches through the app: the store, its own database session, and the
app-wide objects the factory made (the matching index, the background imports and the pasted
profiles awaiting confirmation)."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app, g
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session

from helper.db import Store
from helper.errors import OutreachError
from helper.records import ProfileRecord
from helper.store.contact_orders import ContactOrders
from helper.store.imports.jobs import ImportJobs
from helper.store.imports.runs import InterruptedRunWatch
from helper.store.match_cache import MatchCache

STORE = "outreach"
MATCH_CACHE = "outreach_match"
IMPORT_JOBS = "outreach_imports"
PROFILE_PREVIEWS = "outreach_profile_previews"
CONTACT_ORDERS = "outreach_contact_orders"

Saved = TypeVar("Saved")


def init_app(app: Flask, store: Store) -> None:
    """Attach the store and the objects every request shares: building the matching index
    takes seconds, and imports and pasted profiles outlive the request that started them."""
    jobs = ImportJobs(store)
    jobs.discard_leftover_uploads()
    cache = MatchCache(store.data_dir)
    app.extensions.update(
        {STORE: store, MATCH_CACHE: cache, IMPORT_JOBS: jobs, PROFILE_PREVIEWS: ProfilePreviews()}
    )
    # The contact list's orders in time take longer to work out than a page may.
    app.extensions[CONTACT_ORDERS] = ContactOrders()
    app.before_request(InterruptedRunWatch(store).check)
    app.teardown_appcontext(_close_session)


def store() -> Store:
    return current_app.extensions[STORE]


def match_cache() -> MatchCache:
    return current_app.extensions[MATCH_CACHE]


def contact_orders() -> ContactOrders:
    return current_app.extensions[CONTACT_ORDERS]


def import_jobs() -> ImportJobs:
    return current_app.extensions[IMPORT_JOBS]


def profile_previews() -> ProfilePreviews:
    return current_app.extensions[PROFILE_PREVIEWS]


class ProfilePreviews:
    """Profiles read from a paste and not yet confirmed, each under a random key, so that the
    preview is a page of its own the browser can go back to without sending the paste again.

    Only the newest KEPT stay, in memory: a paste is personal data and nothing of it is stored
    until the user confirms, so a restart may drop them."""

    KEPT = 20

    def __init__(self) -> None:
        self._records: OrderedDict[str, ProfileRecord] = OrderedDict()
        self._lock = threading.Lock()  # the server answers requests on several threads

    def keep(self, record: ProfileRecord) -> str:
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._records[key] = record
            while len(self._records) > self.KEPT:
                self._records.popitem(last=False)
        return key

    def get(self, key: str) -> ProfileRecord | None:
        with self._lock:
            return self._records.get(key)

    def discard(self, key: str) -> None:
        with self._lock:
            self._records.pop(key, None)


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
