"""What a request reaches through the app: its book (the store and the objects shared by the
requests on it: the matching index, the background imports, the pasted profiles awaiting
confirmation) and its own database session."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from flask import Flask, abort, current_app, g
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session

from helper.db import Store
from helper.errors import OutreachError
from helper.records import ProfileRecord
from helper.store.contact_orders import ContactOrders
from helper.store.imports.jobs import ImportJobs
from helper.store.imports.runs import InterruptedRunWatch
from helper.store.match_cache import MatchCache
from helper.store.sync.background import BackgroundSync
from helper.store.sync.run import RememberedOffer
from helper.store.team.directory import Team

WORKSPACES = "outreach_workspaces"

Saved = TypeVar("Saved")


@dataclass
class Workspace:
    """One book and the objects its requests share: building the matching index takes
    seconds, and imports and pasted profiles outlive the request that started them."""

    store: Store
    match_cache: MatchCache
    import_jobs: ImportJobs
    contact_orders: ContactOrders
    profile_previews: ProfilePreviews
    interrupted_runs: InterruptedRunWatch
    sync_offer: RememberedOffer
    background_sync: BackgroundSync

    @classmethod
    def of(cls, store: Store) -> Workspace:
        jobs = ImportJobs(store)
        jobs.discard_leftover_uploads()
        return cls(
            store,
            MatchCache(store.data_dir),
            jobs,
            ContactOrders(),
            ProfilePreviews(),
            InterruptedRunWatch(store),
            RememberedOffer(),
            BackgroundSync(store),
        )


class Workspaces:
    """The books a server answers for: one (a single user's store) or, in team mode, each
    member's, opened on their first request and kept while the server runs."""

    def __init__(self, solo: Workspace | None = None, team: Team | None = None) -> None:
        self.solo, self.team = solo, team
        self._open: dict[int, Workspace] = {}
        self._lock = threading.Lock()

    def of_member(self, member_id: int) -> Workspace:
        if self.team is None:
            raise RuntimeError("a single user's server has no members")
        with self._lock:
            if member_id not in self._open:
                self._open[member_id] = Workspace.of(self.team.open_book(member_id))
            return self._open[member_id]

    def forget(self, member_id: int) -> None:
        """Close a removed member's book."""
        with self._lock:
            workspace = self._open.pop(member_id, None)
        if workspace is not None:
            workspace.store.close()

    def opened(self) -> list[tuple[int | None, Workspace]]:
        """Every workspace opened so far (the single one keyed None)."""
        with self._lock:
            members: list[tuple[int | None, Workspace]] = list(self._open.items())
        return [(None, self.solo)] if self.solo is not None else members

    def close(self) -> None:
        for _member, workspace in self.opened():
            workspace.store.close()
        if self.team is not None:
            self.team.close()


def init_app(app: Flask, workspaces: Workspaces) -> None:
    """Attach the books this server answers for; a request finds its own in `workspace()`."""
    app.extensions[WORKSPACES] = workspaces
    if workspaces.solo is not None:
        app.before_request(workspaces.solo.interrupted_runs.check)
    app.teardown_appcontext(_close_session)


def workspaces() -> Workspaces:
    return current_app.extensions[WORKSPACES]


def solo_workspace(app: Flask) -> Workspace:
    """A single user's server's one book."""
    solo = app.extensions[WORKSPACES].solo
    if solo is None:
        raise RuntimeError("a team server has one book per member")
    return solo


def use_workspace(workspace: Workspace) -> None:
    """Make `workspace` this request's book (team mode: the signed-in member's)."""
    g.workspace = workspace
    workspace.interrupted_runs.check()


def workspace() -> Workspace:
    """This request's book: the single store, or the one `use_workspace` chose."""
    chosen = g.get("workspace")
    if chosen is not None:
        return chosen
    solo = workspaces().solo
    if solo is None:
        abort(404)  # team mode and no member chosen: nothing of anyone's is visible
    return solo


def store() -> Store:
    return workspace().store


def match_cache() -> MatchCache:
    return workspace().match_cache


def contact_orders() -> ContactOrders:
    return workspace().contact_orders


def import_jobs() -> ImportJobs:
    return workspace().import_jobs


def profile_previews() -> ProfilePreviews:
    return workspace().profile_previews


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


def team_db() -> Session:
    """This request's session on the team's own tables (team mode only)."""
    team = workspaces().team
    if team is None:
        abort(404)
    if "team_session" not in g:
        g.team_session = team.sessions()
    return g.team_session


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
    for name in ("db_session", "team_session"):
        session = g.pop(name, None)
        if session is not None:
            session.close()
