"""Possible duplicates: pairs side by side with the reason, merge with the user's pick of
each differing field, "not the same person", and undo of the last merge."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response
from wtforms import HiddenField
from wtforms.validators import DataRequired

from helper.db import begin_read_snapshot
from helper.errors import OutreachError
from helper.store.duplicates import (
    PICKABLE_FIELDS,
    duplicate_pairs,
    last_merge,
    mark_not_same,
    merge_pair,
    undo_merge,
    with_contacts,
)
from helper.web.forms import ConfirmForm
from helper.web.session import db

bp = Blueprint("duplicates", __name__, url_prefix="/duplicates")

# One page shows this many pairs; deciding on them brings the next ones up.
PAIRS_PER_PAGE = 25


class PairForm(FlaskForm):
    first_id = HiddenField(validators=[DataRequired()])
    second_id = HiddenField(validators=[DataRequired()])

    def ids(self) -> tuple[int, int]:
        try:
            return int(self.first_id.data), int(self.second_id.data)
        except ValueError as error:
            raise OutreachError("that pair of contacts is not valid; reload the page") from error


@bp.get("")
def index():
    session = db()
    begin_read_snapshot(session)  # pairs and their contacts from one moment, during imports too
    pairs = duplicate_pairs(session)
    return render_template(
        "pages/duplicates/index.html",
        pairs=with_contacts(session, pairs[:PAIRS_PER_PAGE]),
        total=len(pairs),
        last=last_merge(session),
        form=ConfirmForm(),
    )


def _decide(action: Callable[[Session, int, int], str]) -> Response:
    """Run one decision on a pair; the store is unchanged when it fails."""
    form = PairForm()
    session = db()
    if not form.validate_on_submit():
        flash("That decision could not be read; nothing was changed.", "error")
        return redirect(url_for("duplicates.index"))
    try:
        message = action(session, *form.ids())
    except OutreachError as error:
        session.rollback()
        flash(f"Nothing was changed: {error}.", "error")
    else:
        session.commit()
        flash(message, "success")
    return redirect(url_for("duplicates.index"))


@bp.post("/merge")
def merge():
    picks = {name: request.form.get(f"pick-{name}", "first") for name in PICKABLE_FIELDS}

    def run(session: Session, first_id: int, second_id: int) -> str:
        survivor = merge_pair(session, first_id, second_id, picks)
        return f"Merged into {survivor.name}; nothing was lost. You can undo this below."

    return _decide(run)


@bp.post("/not-same")
def not_same():
    def run(session: Session, first_id: int, second_id: int) -> str:
        mark_not_same(session, first_id, second_id)
        return "Marked as different people; this pair will not be proposed again."

    return _decide(run)


@bp.post("/undo")
def undo():
    session = db()
    record = last_merge(session)
    if not ConfirmForm().validate_on_submit() or record is None:
        flash("There is no merge to undo; nothing was changed.", "error")
        return redirect(url_for("duplicates.index"))
    try:
        survivor, other = undo_merge(session, record)
    except OutreachError as error:
        session.rollback()
        flash(f"The merge was not undone: {error}.", "error")
    else:
        session.commit()
        flash(f"Merge undone: {survivor.name} and {other.name} are two contacts again.", "success")
    return redirect(url_for("duplicates.index"))
