"""The team's pages: "who knows someone at…", sharing one's book in the team index, a
request to a teammate for an introduction, and (for admins) the people on the team."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from helper.db.team_models import Member
from helper.errors import OutreachError
from helper.people.team_view import read_team_query
from helper.store.team.departures import remove_with_book
from helper.store.team.directory import start_book
from helper.store.team.index import publish_book, search_team, visible_person
from helper.store.team.intro import teammate_intro
from helper.store.team.members import (
    NewLink,
    active_member,
    add_member,
    get_member,
    list_members,
    new_password_link,
    set_disabled,
    set_index_sharing,
)
from helper.vocabulary import INDEX_SHARING
from helper.web.forms import ConfirmForm
from helper.web.forms.team import AddMemberForm, RemoveMemberForm, SharingForm, TeamSearchForm
from helper.web.session import db, team_db, workspaces

bp = Blueprint("team", __name__, url_prefix="/team")


@bp.get("")
def search():
    form = TeamSearchForm(request.args)
    query = read_team_query(form.q.data or "")
    people = search_team(team_db(), query, g.member.id) if query.text else []
    return render_template(
        "pages/team/search.html",
        form=form,
        query=query,
        people=people,
        sharing=INDEX_SHARING.short_label(g.member.index_sharing).lower(),
    )


@bp.post("/sharing")
def sharing():
    form = SharingForm()
    if not form.validate_on_submit():
        abort(400, description="Choose what teammates may see of your book.")
    team = team_db()
    member = get_member(team, g.member.id)
    set_index_sharing(team, member, form.sharing.data)
    publish_book(team, db(), member)
    team.commit()
    flash(f"Teammates now see: {INDEX_SHARING.label(member.index_sharing).lower()}.", "success")
    return redirect(url_for("me.edit") + "#sharing-heading")


@bp.get("/intro/<int:entry_id>")
def intro(entry_id: int):
    """A draft asking the teammate whose entry this is for an introduction to the person."""
    found = visible_person(team_db(), entry_id, g.member.id)
    if found is None:
        abort(404, description="That person is not in the team index (any more).")
    person, teammate = found
    goal_id = request.args.get("goal", type=int)
    try:
        draft = teammate_intro(db(), person, teammate.name, goal_id)
    except OutreachError as error:
        abort(404, description=str(error))
    return render_template(
        "pages/team/intro.html", draft=draft, person=person, teammate=teammate, goal_id=goal_id
    )


def _admin() -> Member:
    """The signed-in admin; anyone else finds no such pages."""
    member = get_member(team_db(), g.member.id)
    if not member.is_admin:
        abort(404)
    return member


@bp.route("/people", methods=["GET", "POST"])
def people():
    _admin()
    team = team_db()
    form = AddMemberForm()
    new_link = None
    if form.validate_on_submit():
        try:
            new_link = add_member(team, form.email.data, form.name.data, admin=form.admin.data)
        except OutreachError as error:
            team.rollback()
            form.form_errors.append(str(error))
        else:
            team.commit()
            member = new_link.member
            start_book(workspaces().team, member.id, member.name, member.email)
            form = AddMemberForm(formdata=None)
    return _people_page(form, new_link)


def _people_page(form: AddMemberForm, link: NewLink | None = None):
    return render_template(
        "pages/team/people.html",
        members=list_members(team_db()),
        form=form,
        new_link=link,
        link_url=url_for("accounts.set_password", token=link.token, _external=True) if link else "",
        confirm=ConfirmForm(),
    )


@bp.post("/people/<int:member_id>/link")
def new_link(member_id: int):
    _admin()
    team = team_db()
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form's security token was missing; nothing was changed.")
    link = new_password_link(team, get_member(team, member_id))
    team.commit()
    return _people_page(AddMemberForm(formdata=None), link)


@bp.post("/people/<int:member_id>/<any(disable, enable):action>")
def disable(member_id: int, action: str):
    by = _admin()
    team = team_db()
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form's security token was missing; nothing was changed.")
    member = get_member(team, member_id)
    try:
        set_disabled(team, member, action == "disable", by=by)
    except OutreachError as error:
        team.rollback()
        flash(str(error), "error")
    else:
        team.commit()
        flash(f"{member.name} is {action}d.", "success")
    return redirect(url_for("team.people"))


@bp.route("/people/<int:member_id>/remove", methods=["GET", "POST"])
def remove(member_id: int):
    by = _admin()
    team = team_db()
    leaving = get_member(team, member_id)
    others = [m for m in list_members(team) if m.id != member_id and m.disabled_at is None]
    form = RemoveMemberForm()
    form.heir.choices = [SelectChoice(m.id, m.name) for m in others]
    if form.validate_on_submit():
        heir_id = form.heir.data if form.book.data == "hand_over" else None
        if form.book.data == "hand_over" and active_member(team, heir_id or 0) is None:
            form.heir.errors = ["Choose who takes their contacts over."]
        else:
            try:
                remove_with_book(
                    workspaces().team,
                    member_id,
                    by.id,
                    heir_id=heir_id,
                    open_book=lambda member: workspaces().of_member(member).store,
                )
            except OutreachError as error:
                form.form_errors.append(str(error))
            else:
                workspaces().forget(member_id)
                flash(f"{leaving.name} was removed from the team.", "success")
                return redirect(url_for("team.people"))
    return render_template("pages/team/remove.html", form=form, leaving=leaving, others=others)
