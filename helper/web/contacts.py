"""The contact book: list with search, filters and orders, detail, add, edit, delete, merge,
and putting one contact onto a goal."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from helper.db.models import Contact, Goal
from helper.errors import OutreachError
from helper.store.bulk import add_to_goal
from helper.store.contacts import (
    ContactFilter,
    create_contact,
    delete_contact,
    get_contact,
    list_contacts,
    update_contact,
)
from helper.store.convert import profile_record
from helper.store.duplicates import namesakes
from helper.store.goal_views import cadence_settings
from helper.store.goals import contact_goals, list_goals
from helper.store.me import get_me
from helper.store.merge import merge_contacts
from helper.vocabulary import CATEGORIES, CONTACT_SORTS, GOAL_STAGES, TIERS
from helper.web.forms import ConfirmForm
from helper.web.forms.bulk import bulk_form
from helper.web.forms.contacts import ContactForm, MergeForm
from helper.web.forms.entries import PositionForm
from helper.web.forms.goals import AddToGoalForm
from helper.web.session import commit_or_report, contact_orders, db

bp = Blueprint("contacts", __name__, url_prefix="/contacts")


def _filter_from_request() -> ContactFilter:
    sort = request.args.get("sort", "")
    return ContactFilter(
        q=request.args.get("q", "")[:200],
        category=request.args.get("category", ""),
        tier=request.args.get("tier", ""),
        sort=sort if sort in CONTACT_SORTS else "name",
        page=request.args.get("page", 1, type=int) or 1,
        per_page=int(current_app.config["CONTACTS_PER_PAGE"]),
    )


@bp.get("")
def index():
    session = db()
    flt = _filter_from_request()
    page = list_contacts(session, flt, cadence_settings(get_me(session)), contact_orders())
    return render_template(
        "pages/contacts/list.html",
        page=page,
        flt=flt,
        category_keys=CATEGORIES,
        tiers=TIERS,
        bulk=bulk_form(list_goals(session, active_only=True), flt),
    )


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = ContactForm()
    found: list[tuple[Contact, str]] = []
    if form.validate_on_submit():
        found = _unconfirmed_namesakes(form.name.data.strip(), form.current_company.data or "")
        contact = None if found else commit_or_report(form, lambda: _create(form))
        if contact is not None:
            flash(f"{contact.name} is added.", "success")
            return redirect(url_for("contacts.detail", contact_id=contact.id))
    return render_template("pages/contacts/form.html", form=form, contact=None, namesakes=found)


def _create(form: ContactForm) -> Contact:
    return create_contact(db(), form.to_input())


def _unconfirmed_namesakes(name: str, company: str) -> list[tuple[Contact, str]]:
    """The stored people a new contact may be, unless the user pressed "Add anyway" for
    this very name (a changed name is checked again)."""
    if request.form.get("add_anyway", "").strip() == name:
        return []
    return namesakes(db(), name, company.strip())


@bp.get("/<int:contact_id>")
def detail(contact_id: int):
    session = db()
    contact = get_contact(session, contact_id)
    return render_template(
        "pages/contacts/detail.html",
        contact=contact,
        confirm=ConfirmForm(),
        goal_form=AddToGoalForm().offer(list_goals(session, active_only=True)),
        on_goals=contact_goals(session, contact_id),
    )


@bp.post("/<int:contact_id>/goals")
def add_to_a_goal(contact_id: int):
    """Put this contact on a goal at the chosen stage, or move them there if already on it."""
    session = db()
    contact = get_contact(session, contact_id)
    form = AddToGoalForm()
    goal = session.get(Goal, form.goal_id.data) if form.validate_on_submit() else None
    if goal is None:
        flash("Choose one of your goals and a stage; nothing changed.", "error")
        return redirect(url_for("contacts.detail", contact_id=contact_id, _anchor="goals"))
    result = add_to_goal(session, goal, [contact.id], form.stage.data, restage=True)
    session.commit()
    stage = GOAL_STAGES.label(form.stage.data)
    if result.added:
        flash(f"{contact.name} is now on '{goal.title}' at “{stage}”.", "success")
    elif result.moved:
        flash(f"{contact.name} moved to “{stage}” on '{goal.title}'.", "success")
    else:
        flash(f"{contact.name} was already on '{goal.title}' at “{stage}”.", "success")
    return redirect(url_for("contacts.detail", contact_id=contact_id, _anchor="goals"))


@bp.route("/<int:contact_id>/edit", methods=["GET", "POST"])
def edit(contact_id: int):
    session = db()
    contact = get_contact(session, contact_id)
    form = ContactForm() if request.method == "POST" else ContactForm(data=_form_data(contact))
    if (
        form.validate_on_submit()
        and commit_or_report(form, lambda: update_contact(session, contact, form.to_input()))
        is not None
    ):
        flash("Changes saved.", "success")
        return redirect(url_for("contacts.detail", contact_id=contact.id))
    return render_template("pages/contacts/form.html", form=form, contact=contact)


def _form_data(contact) -> dict:
    """The edit form's values: the stored contact, and a blank role and school to add."""
    record = profile_record(contact)
    return {
        "name": contact.name,
        "honorific": contact.honorific,
        "pronouns": contact.pronouns,
        "headline": contact.headline,
        "current_title": contact.current_title,
        "current_company": contact.current_company,
        "location": contact.location,
        "linkedin_url": contact.linkedin_url or "",
        "emails": "\n".join(e.email for e in contact.emails),
        "phones": "\n".join(p.e164 for p in contact.phones),
        "categories": contact.category_keys,
        "tier": contact.tier,
        "about": contact.about,
        "notes": contact.notes,
        "positions": [*map(PositionForm.data_of, record.positions), {}],
        "education": [*map(vars, record.education), {}],
    }


@bp.post("/<int:contact_id>/delete")
def delete(contact_id: int):
    session = db()
    contact = get_contact(session, contact_id)
    if not ConfirmForm().validate_on_submit() or request.form.get("confirm") != "yes":
        flash("Tick the box to confirm the deletion; nothing was deleted.", "error")
        return redirect(url_for("contacts.detail", contact_id=contact_id))
    name = contact.name
    delete_contact(session, contact)
    session.commit()
    flash(f"{name} is deleted.", "success")
    return redirect(url_for("contacts.index"))


@bp.route("/<int:contact_id>/merge", methods=["GET", "POST"])
def merge(contact_id: int):
    """Pick another contact to fold into this one; this one survives."""
    session = db()
    survivor = get_contact(session, contact_id)
    form = MergeForm()
    if form.validate_on_submit():
        other = get_contact(session, form.other_id.data)
        try:
            merge_contacts(session, survivor, other)
        except OutreachError as error:
            session.rollback()
            flash(str(error), "error")
        else:
            session.commit()
            flash(f"{other.name} is merged into {survivor.name}; nothing was lost.", "success")
            return redirect(url_for("contacts.detail", contact_id=survivor.id))
    for message in form.other_id.errors:
        flash(str(message), "error")
    query = request.args.get("q", "")[:200]
    candidates = (
        list_contacts(session, ContactFilter(q=query, per_page=20)).contacts if query else []
    )
    return render_template(
        "pages/contacts/merge.html",
        contact=survivor,
        form=form,
        query=query,
        candidates=[c for c in candidates if c.id != survivor.id],
    )
