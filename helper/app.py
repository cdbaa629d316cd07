"""Building the Flask application: settings, store, security, blueprints."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

from helper import config as settings
from helper import web
from helper.config import LARGEST_ROW_ID
from helper.resources import TEMPLATES_DIR
from helper.store.demo import seed_demo_store
from helper.store.duplicates import duplicate_pairs
from helper.store.opening import open_store
from helper.store.sync.auto import AutoSync
from helper.store.team.directory import open_team
from helper.store.team.members import list_members
from helper.store.team.publishing import publish_changed_books
from helper.web.session import WORKSPACES, Workspace, Workspaces

MEGABYTE = 1024 * 1024
# How often a team server looks for books changed since they were published to the team index.
TEAM_INDEX_EVERY_S = 30.0
# How often a running service looks for changes its books' syncs should push.
SYNC_CHECK_EVERY_S = 30.0


class RowIdConverter(IntegerConverter):
    """`<int:…>` for every route: an id above LARGEST_ROW_ID does not match, so it is a 404."""

    def __init__(self, url_map: Map) -> None:
        super().__init__(url_map, max=LARGEST_ROW_ID)


def build_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Defaults, then the data folder's `config.toml`, then `test_config`."""
    overrides = dict(test_config or {})
    data_dir = settings.resolve_data_dir(overrides.get("DATA_DIR"))
    demo = bool(overrides.get("DEMO"))
    app = Flask("helper", template_folder=str(TEMPLATES_DIR), static_folder="static")
    app.url_map.converters["int"] = RowIdConverter  # before the blueprints add their routes
    app.config.from_mapping(settings.SETTING_DEFAULTS)
    app.config.from_file(str(data_dir / "config.toml"), load=tomllib.load, text=False, silent=True)
    app.config.update(overrides)
    app.config.update(_derived_settings(app, data_dir, demo))
    web.init_app(app, _workspaces(app, data_dir, demo))
    return app


def _workspaces(app: Flask, data_dir: Path, demo: bool) -> Workspaces:
    """A team's books (`TEAM`: one per member, in PostgreSQL), or a single user's store."""
    url = app.config["DATABASE_URL"]
    if app.config.get("TEAM"):
        return Workspaces(team=open_team(data_dir, url))
    store = open_store(data_dir, url=url, busy_timeout_ms=int(app.config["SQLITE_BUSY_TIMEOUT_MS"]))
    if demo:
        seed_demo_store(store.sessions)
    return Workspaces(solo=Workspace.of(store))


def _derived_settings(app: Flask, data_dir: Path, demo: bool) -> dict[str, Any]:
    paste_bytes = int(app.config["MAX_PASTE_MB"]) * MEGABYTE
    return {
        "DATA_DIR": str(data_dir),
        "DEMO": demo,
        "SECRET_KEY": app.config.get("SECRET_KEY") or settings.load_secret_key(data_dir),
        "DATABASE_URL": app.config.get("DATABASE_URL")
        or settings.database_url(data_dir, demo=demo),
        # Werkzeug sets no body limit by default: uploads may be large, forms not.
        "MAX_CONTENT_LENGTH": int(app.config["MAX_UPLOAD_MB"]) * MEGABYTE,
        "MAX_FORM_MEMORY_SIZE": paste_bytes,
        "MAX_FORM_BYTES": paste_bytes,
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Strict",
    }


def warm_caches(app: Flask) -> None:
    """Build the goal-matching index and the possible duplicates while the user opens the
    first page: at 30,000 contacts each takes seconds, which the first visit of the dashboard
    or of the duplicates page would otherwise spend. A team server opens each member's book
    at their first request instead."""
    for _member, workspace in app.extensions[WORKSPACES].opened():
        with workspace.store.sessions() as session:
            workspace.match_cache.get(session)
            duplicate_pairs(session)


def keep_team_index_current(app: Flask, every_s: float = TEAM_INDEX_EVERY_S) -> None:
    """Publish each sharing member's book to the team index when it changed: a search reads
    the index only, so it stays fast however large the books."""
    workspaces = app.extensions[WORKSPACES]
    while True:
        publish_changed_books(workspaces.team, lambda member: workspaces.of_member(member).store)
        time.sleep(every_s)


def keep_phones_in_sync(app: Flask, every_s: float = SYNC_CHECK_EVERY_S) -> None:
    """Sync each open book that has a sync set up, after a change and now and then (`AutoSync`);
    what goes wrong is recorded for its Sync page, and the loop goes on."""
    auto = AutoSync()
    workspaces = app.extensions[WORKSPACES]
    while True:
        for _member, workspace in workspaces.opened():
            try:
                auto.tick(workspace.store)
            except Exception:  # a damaged book must not stop the others' syncs
                app.logger.exception("the automatic sync of %s failed", workspace.store.data_dir)
        time.sleep(every_s)


def has_members(app: Flask) -> bool:
    """Whether anyone can sign in to this team server."""
    with app.extensions[WORKSPACES].team.sessions() as session:
        return bool(list_members(session))
