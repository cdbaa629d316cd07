"""The contact list's bulk actions: the people ticked, or every contact the filter matches,
added to a goal, given a tier, a category added or taken off, exported, or deleted with an
undo for the rest of the session. Each action posts and comes back to the list with a
sentence saying what it did; an export answers with its file instead."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from flask import Blueprint, Response, flash, redirect, request, session, url_for
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as BaseResponse

from helper.db.models import Goal
from helper.errors import OutreachError
from helper.store.bulk import add_category, add_to_goal, export_selection, remove_category, set_tier
from helper.store.contacts import contact_ids
from helper.store.deletions import (
    delete_contacts,
    forget_snapshot,
    keep_snapshot,
    kept_snapshot,
    restore_contacts,
    snapshot_kept,
)
from helper.store.exports.render import EXPORTERS
from helper.vocabulary import CATEGORIES, GOAL_STAGES, TIERS
from helper.web.forms.bulk import BulkForm, UndoForm
from helper.web.session import db, store

bp = Blueprint("bulk", __name__, url_prefix="/contacts/bulk")

# The session's deletions that can still be undone, newest first: each a snapshot's token
# and how many people it holds (names stay out of the cookie).
UNDO_KEY = "undoable_deletions"
UNDO_KEPT = 5
# The list's query string, carried through a bulk action or an undo to come back to it.
LIST_ARGUMENTS = ("q", "category", "tier", "sort", "page")


def people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


def list_url(values: Mapping[str, str]) -> str:
    """The contact list as the query string or form `values` showed it."""
    kept = {name: values[name][:200] for name in LIST_ARGUMENTS if values.get(name)}
    return url_for("contacts.index", **kept)


def sentence(error: OutreachError) -> str:
    text = str(error)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


@bp.post("")
def apply() -> BaseResponse:
    form = BulkForm()
    back = list_url(request.form)
    if not form.validate_on_submit():
        errors = [str(m) for messages in form.errors.values() for m in messages]
        flash(errors[0] if errors else "That request was not understood; nothing changed.", "error")
        return redirect(back)
    db_session = db()
    if form.all_matching.data:
        ids = contact_ids(db_session, form.contact_filter())
    else:
        ids = sorted(set(form.contact_ids.data or []))
    if not ids:
        flash("Tick the people to act on first; nothing changed.", "error")
        return redirect(back)
    try:
        handled = HANDLERS[form.action.data](db_session, form, ids)
    except OutreachError as error:
        db_session.rollback()
        flash(sentence(error), "error")
        return redirect(back)
    if isinstance(handled, BaseResponse):
        return handled
    db_session.commit()
    flash(handled, "success")
    return redirect(back)


def _to_goal(db_session: Session, form: BulkForm, ids: list[int]) -> str:
    goal = db_session.get(Goal, form.goal_id.data) if form.goal_id.data else None
    if goal is None:
        raise OutreachError("Choose a goal to add them to; nothing changed.")
    result = add_to_goal(db_session, goal, ids)
    parts = [f"Added {people(result.added)} to '{goal.title}'"]
    if result.moved:
        parts.append(f"moved {people(result.moved)} to “{GOAL_STAGES.label('shortlisted')}”")
    if result.kept:
        parts.append(f"{people(result.kept)} already on it kept their stage")
    return "; ".join(parts) + "."


def _tier(db_session: Session, form: BulkForm, ids: list[int]) -> str:
    changed = set_tier(db_session, ids, form.new_tier.data)
    label = TIERS.label(form.new_tier.data)
    unchanged = f"; {people(len(ids) - changed)} had it already" if changed < len(ids) else ""
    return f"Set the relationship of {people(changed)} to “{label}”{unchanged}."


def _add_category(db_session: Session, form: BulkForm, ids: list[int]) -> str:
    gained = add_category(db_session, ids, form.category_key.data)
    label = CATEGORIES.label(form.category_key.data)
    return f"Added “{label}” to {people(gained)} of the {people(len(ids))} selected."


def _remove_category(db_session: Session, form: BulkForm, ids: list[int]) -> str:
    lost = remove_category(db_session, ids, form.category_key.data)
    label = CATEGORIES.label(form.category_key.data)
    return f"Took “{label}” off {people(lost)} of the {people(len(ids))} selected."


def _export(db_session: Session, form: BulkForm, ids: list[int]) -> BaseResponse:
    rendered = export_selection(db_session, ids, form.export_format.data)
    exporter = EXPORTERS[form.export_format.data]
    name = f"contacts-selection-{date.today().isoformat()}.{exporter.extension}"
    return Response(
        rendered.content,
        content_type=exporter.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",  # private data: no cache keeps a copy
        },
    )


def _delete(db_session: Session, _form: BulkForm, ids: list[int]) -> str:
    """Delete, with the snapshot on disk before the deletion is committed."""
    snapshot = delete_contacts(db_session, ids)
    data_dir = store().data_dir
    token = keep_snapshot(data_dir, snapshot)
    try:
        db_session.commit()
    except Exception:
        forget_snapshot(data_dir, token)
        raise
    entry = {"token": token, "count": snapshot["count"]}
    session[UNDO_KEY] = [entry, *session.get(UNDO_KEY, [])][:UNDO_KEPT]
    return f"Deleted {people(snapshot['count'])}; “Undo” below brings them back."


HANDLERS: dict[str, Callable[[Session, BulkForm, list[int]], str | BaseResponse]] = {
    "goal": _to_goal,
    "tier": _tier,
    "add_category": _add_category,
    "remove_category": _remove_category,
    "export": _export,
    "delete": _delete,
}


@bp.app_template_global()
def undoable_deletion() -> dict | None:
    """The session's latest deletion that can still be undone, for the list's Undo button."""
    data_dir = store().data_dir
    live = [e for e in session.get(UNDO_KEY, []) if snapshot_kept(data_dir, e["token"])]
    return live[0] if live else None


@bp.post("/undo")
def undo() -> BaseResponse:
    form = UndoForm()
    entries = session.get(UNDO_KEY, [])
    token = form.token.data if form.validate_on_submit() else ""
    ours = token in [e["token"] for e in entries]
    snapshot = kept_snapshot(store().data_dir, token) if ours else None
    if snapshot is None:
        flash("That deletion can no longer be undone in this session; nothing changed.", "error")
        return redirect(list_url(request.args))
    db_session = db()
    try:
        restored = restore_contacts(db_session, snapshot)
    except OutreachError as error:
        db_session.rollback()
        flash(sentence(error), "error")
        return redirect(list_url(request.args))
    db_session.commit()
    forget_snapshot(store().data_dir, token)
    session[UNDO_KEY] = [e for e in entries if e["token"] != token]
    flash(f"Restored {people(restored)}.", "success")
    return redirect(list_url(request.args))
