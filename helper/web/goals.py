"""Goals (steps 1-4 of the method): the list, the goal form, the goal page with its progress,
pipeline, ranked suggestions and gaps; and the "due" list of relationship cadences."""

from __future__ import annotations

from itertools import pairwise

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from helper.db.models import Contact, Goal
from helper.drafting import suggest_aim
from helper.errors import OutreachError
from helper.store.contacts import ContactFilter, get_contact, list_contacts
from helper.store.goal_views import (
    ContactDue,
    contact_due,
    due_items,
    goal_overview,
    goal_summaries,
    suggestion_for,
    this_hour,
)
from helper.store.goals import (
    create_goal,
    get_goal,
    goal_input,
    move_stage,
    shortlist,
    update_goal,
)
from helper.store.team.index import TeammateReach, teammates_for_goal
from helper.strategy.progress import DEFAULT_CATEGORIES
from helper.vocabulary import GOAL_STAGES
from helper.web.forms.goals import (
    GoalForm,
    ShortlistForm,
    StageForm,
    goal_form_data,
    new_goal_data,
)
from helper.web.session import db, match_cache, team_db

bp = Blueprint("goals", __name__)

# The stage a contact usually moves to next, offered as the one-click button.
NEXT_STAGE = dict(pairwise(GOAL_STAGES[: GOAL_STAGES.index("ongoing") + 1]))
SUGGESTIONS_SHOWN = 20


@bp.app_template_global()
def due_for(contact: Contact) -> ContactDue:
    """The contact page's "next touch", from the tier's cadence and the latest interaction."""
    return contact_due(db(), contact.id, contact.tier, this_hour())


@bp.get("/goals")
def index():
    session = db()
    return render_template("pages/goals/list.html", summaries=goal_summaries(session))


@bp.route("/goals/new", methods=["GET", "POST"])
def new():
    form = GoalForm() if request.method == "POST" else GoalForm(data=new_goal_data())
    if form.validate_on_submit():
        session = db()
        try:
            goal = create_goal(session, form.to_input())
        except OutreachError as error:
            session.rollback()
            form.form_errors.append(_sentence(error))
        else:
            session.commit()
            flash(f"The goal '{goal.title}' is saved.", "success")
            return redirect(url_for("goals.detail", goal_id=goal.id))
    return _render_form(form, None)


@bp.get("/goals/aim-suggestion")
def aim_suggestion():
    """The aim the form suggests while the title and purpose are typed."""
    purpose = request.args.get("purpose", "")[:40]
    title = request.args.get("title", "")[:300]
    return {"aim": suggest_aim(purpose, title)}


@bp.route("/goals/<int:goal_id>/edit", methods=["GET", "POST"])
def edit(goal_id: int):
    session = db()
    goal = get_goal(session, goal_id)
    if request.method == "POST":
        form = GoalForm()
    else:
        form = GoalForm(data=goal_form_data(goal_input(goal)))
    if form.validate_on_submit():
        try:
            update_goal(session, goal, form.to_input())
        except OutreachError as error:
            session.rollback()
            form.form_errors.append(_sentence(error))
        else:
            session.commit()
            flash("Changes saved.", "success")
            return redirect(url_for("goals.detail", goal_id=goal.id))
    return _render_form(form, goal)


@bp.get("/goals/<int:goal_id>")
def detail(goal_id: int):
    session = db()
    overview = goal_overview(session, match_cache(), goal_id, this_hour(), limit=SUGGESTIONS_SHOWN)
    session.commit()
    query = request.args.get("q", "")[:200].strip()
    return render_template(
        "pages/goals/detail.html",
        o=overview,
        shortlist_form=ShortlistForm(),
        stage_form=StageForm(),
        next_stage=NEXT_STAGE,
        stages=GOAL_STAGES,
        query=query,
        candidates=_people_to_add(goal_id, query),
        through_team=_through_team(overview.goal),
    )


def _through_team(goal: Goal) -> list[TeammateReach] | None:
    """On a team server, teammates who know people this goal looks for; None elsewhere."""
    member = g.get("member")
    if member is None:
        return None
    return teammates_for_goal(team_db(), member.id, goal.organisations, goal.categories)


def _people_to_add(goal_id: int, query: str) -> list[Contact]:
    """Contacts found by name, company or headline for "Add someone to this goal", but for
    those already in its pipeline."""
    if not query:
        return []
    found = list_contacts(db(), ContactFilter(q=query, per_page=20, not_on_goal=goal_id))
    return found.contacts


@bp.post("/goals/<int:goal_id>/shortlist")
def add_to_shortlist(goal_id: int):
    session = db()
    goal = get_goal(session, goal_id)
    form = ShortlistForm()
    if not form.validate_on_submit() or not form.contact_id.data.isdigit():
        flash("That shortlist request was not understood; nothing changed.", "error")
        return redirect(url_for("goals.detail", goal_id=goal_id))
    contact = get_contact(session, int(form.contact_id.data))
    suggestion = suggestion_for(
        session, match_cache(), goal, contact.id, this_hour(), SUGGESTIONS_SHOWN
    )
    shortlist(session, goal, contact, suggestion)
    session.commit()
    flash(f"{contact.name} is on the shortlist.", "success")
    return redirect(url_for("goals.detail", goal_id=goal_id, _anchor="pipeline-heading"))


@bp.post("/goals/<int:goal_id>/stage")
def change_stage(goal_id: int):
    session = db()
    goal = get_goal(session, goal_id)
    form = StageForm()
    if not form.validate_on_submit() or not form.contact_id.data.isdigit():
        flash("Choose one of the stages; nothing changed.", "error")
        return redirect(url_for("goals.detail", goal_id=goal_id))
    link = move_stage(session, goal, int(form.contact_id.data), form.stage.data)
    session.commit()
    flash(f"{link.contact.name} moved to “{GOAL_STAGES.label(link.stage)}”.", "success")
    return redirect(url_for("goals.detail", goal_id=goal_id, _anchor="pipeline-heading"))


@bp.get("/due")
def due():
    session = db()
    items = due_items(session, match_cache(), this_hour())
    session.commit()
    return render_template("pages/goals/due.html", items=items)


def _render_form(form: GoalForm, goal: Goal | None) -> str:
    suggestion = suggest_aim(form.purpose.data or "career", form.title.data or "")
    return render_template(
        "pages/goals/form.html",
        form=form,
        goal=goal,
        default_categories=DEFAULT_CATEGORIES,
        aim_suggestion=suggestion,
    )


def _sentence(error: OutreachError) -> str:
    text = str(error)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
