"""The web layer: thin blueprints over the store and the pure core."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from helper.records import CATEGORY_SHORT_LABELS


def db() -> Session:
    """This request's session; closed (and rolled back unless committed) at teardown."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["outreach"].sessions()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def register(app: Flask) -> None:
    from helper.web import (
        bridge,
        contacts,
        dashboard,
        drafts,
        duplicates,
        errors,
        events,
        exports,
        extension,
        followups,
        goals,
        imports,
        me,
        profiles,
        security,
    )

    security.init_app(app)
    errors.init_app(app)
    app.teardown_appcontext(_close_session)
    app.jinja_env.globals["short_category_labels"] = CATEGORY_SHORT_LABELS
    for blueprint in (
        dashboard.bp,
        me.bp,
        contacts.bp,
        profiles.bp,
        duplicates.bp,
        exports.bp,
        goals.bp,
        events.bp,
        followups.bp,
        drafts.bp,
        imports.bp,
        extension.bp,
        bridge.bp,
    ):
        app.register_blueprint(blueprint)
