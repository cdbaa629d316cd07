"""The web layer: thin blueprints over the store and the pure core."""

from __future__ import annotations

from flask import Flask

from helper.vocabulary import VOCABULARIES
from helper.web import (
    access,
    accounts,
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
    sync,
    team,
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
    sync.bp,
    bridge.bp,
    touches.bp,
)


def init_app(app: Flask, workspaces: session.Workspaces) -> None:
    """Security, error pages, the request's book and session, and every feature's blueprint;
    in team mode, signing in and the team's own pages."""
    security.init_app(app)
    errors.init_app(app)
    session.init_app(app, workspaces)
    if workspaces.team is not None:
        accounts.init_app(app)
        app.register_blueprint(team.bp)
    app.jinja_env.globals.update(VOCABULARIES)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
