"""The web layer: thin blueprints over the store and the pure core."""

from __future__ import annotations

from flask import Flask

from helper.db import Store
from helper.vocabulary import VOCABULARIES
from helper.web import (
    access,
    bridge,
    bulk,
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
    session,
    touches,
)

BLUEPRINTS = (
    access.bp,
    dashboard.bp,
    me.bp,
    contacts.bp,
    bulk.bp,
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
    touches.bp,
)


def init_app(app: Flask, store: Store) -> None:
    """Security, error pages, the request's store session and every feature's blueprint."""
    security.init_app(app)
    errors.init_app(app)
    session.init_app(app, store)
    app.jinja_env.globals.update(VOCABULARIES)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
