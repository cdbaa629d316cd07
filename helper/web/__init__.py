"""The web layer: thin blueprints over the store and the pure core."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app, g
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session

from helper.errors import OutreachError
from helper.records import CATEGORY_SHORT_LABELS

Saved = TypeVar("Saved")


def db() -> Session:
    """This request's session; closed (and rolled back unless committed) at teardown."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["outreach"].sessions()
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
