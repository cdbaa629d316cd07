"""Logging a touch: inline on the contact page, and on a page of its own that the Due list
and a goal's pipeline link to, which returns there after saving."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug import Response
from wtforms.fields.choices import SelectChoice

from helper.db.models import Contact
from helper.store.contacts import get_contact
from helper.store.goals import list_goals
from helper.store.touches import TouchInput, log_touch
from helper.vocabulary import GOAL_STAGES, TOUCH_KINDS
from helper.web.forms.touches import TouchForm
from helper.web.session import commit_or_report, db

bp = Blueprint("touches", __name__)

# Where "Log a touch" returns after saving, by name: never a URL from the request.
RETURN_TO = ("contact", "due", "goal")


@bp.app_context_processor
def _touch_form_for_pages() -> dict:
    """Pages that show a contact (the contact page) render the form with `touch_form(contact)`."""
    return {"touch_form": touch_form}


def touch_form(contact: Contact, goal_id: int = 0) -> TouchForm:
    """The form for one contact, with the goals to choose from; `goal_id` preselected."""
    form = TouchForm(goal=goal_id) if request.method == "GET" else TouchForm()
    goals = list_goals(db())
    form.goal.choices = [SelectChoice(0, "Every goal they are on")] + [
        SelectChoice(g.id, g.title) for g in goals
    ]
    return form


@bp.route("/contacts/<int:contact_id>/touch", methods=["GET", "POST"])
def log(contact_id: int):
    contact = get_contact(db(), contact_id)
    back = request.args.get("back", "contact")
    back = back if back in RETURN_TO else "contact"
    form = touch_form(contact, request.args.get("goal", 0, type=int))
    if form.validate_on_submit():
        data = TouchInput(
            contact_id=contact.id,
            kind=form.kind.data,
            day=form.day.data,
            note=form.note.data or "",
            goal_id=form.goal.data or None,
        )
        touch = commit_or_report(form, lambda: log_touch(db(), data))
        if touch is not None:
            flash(_saved_message(contact, form.kind.data, touch.goal_stages), "success")
            return _return(back, contact, form.goal.data)
    status = 400 if form.errors or form.form_errors else 200
    return render_template("pages/touches/new.html", contact=contact, form=form, back=back), status


def _saved_message(contact: Contact, kind: str, stages: dict[int, str]) -> str:
    moved = ""
    if stages:
        labels = sorted({GOAL_STAGES.label(stage) for stage in stages.values()})
        goals = "goal" if len(stages) == 1 else f"{len(stages)} goals"
        moved = f" {contact.name} is now “{'”, “'.join(labels)}” on the {goals}."
    return f"Logged: {TOUCH_KINDS.label(kind).lower()} with {contact.name}.{moved}"


def _return(back: str, contact: Contact, goal_id: int) -> Response:
    if back == "due":
        return redirect(url_for("goals.due"))
    if back == "goal" and goal_id:
        return redirect(url_for("goals.detail", goal_id=goal_id))
    return redirect(url_for("contacts.detail", contact_id=contact.id))
