"""Signing in to a team server. Every page of a member's book needs a signed-in member; the
session cookie holds a random token whose digest the team schema keeps, so signing out,
disabling someone or signing in again ends a session on the server. The calendar feed keeps
its own secret, prefixed with its member's number so the server knows which book to read."""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from helper.errors import SignInRefused
from helper.store.team.members import active_member, member_for_link, set_password_with_link
from helper.store.team.sign_in import end_session, member_of_session, sign_in, start_session
from helper.web.forms.team import SetPasswordForm, SignInForm
from helper.web.session import team_db, use_workspace, workspaces

bp = Blueprint("accounts", __name__)

SESSION_KEY = "member_session"
OPEN_ENDPOINTS = frozenset({"static", "accounts.sign_in", "accounts.set_password"})
# The extension reaches 127.0.0.1 only (its host permission), so a team server, reached by
# name over HTTPS, does not take its requests; every member's pairings stay in their own book.
BRIDGE_ON_A_TEAM = (
    "The browser extension works with Outreach Helper running on this computer; a team "
    "server does not take its requests."
)
# Endpoints with a secret of their own, "<member>.<secret>", instead of a signed-in browser.
SECRET_ENDPOINTS = {"followups.feed": "token"}


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.before_request(require_member)


def require_member() -> Response | None:
    """Before any view: find the signed-in member and open their book, or send the browser
    to the sign-in page. A feed request is routed by its secret's member number."""
    endpoint = request.endpoint or ""
    if endpoint in OPEN_ENDPOINTS:
        return None
    if request.blueprint == "bridge":
        return Response(
            json.dumps({"error": BRIDGE_ON_A_TEAM}), status=404, mimetype="application/json"
        )
    if endpoint in SECRET_ENDPOINTS:
        return _route_by_secret(SECRET_ENDPOINTS[endpoint])
    member = member_of_session(team_db(), session.get(SESSION_KEY, ""))
    if member is None:
        session.pop(SESSION_KEY, None)
        if request.method in ("GET", "HEAD"):
            return redirect(url_for("accounts.sign_in", next=request.full_path.rstrip("?")))
        abort(401, description="Sign in first: your session ended.")
    g.member = member
    use_workspace(workspaces().of_member(member.id))
    return None


def _route_by_secret(argument: str) -> None:
    """Split "<member>.<secret>": the secret is checked by the view, in that member's book."""
    args = request.view_args or {}
    prefix, dot, secret = str(args.get(argument, "")).partition(".")
    if not (dot and prefix.isdigit() and secret):
        abort(404)
    if active_member(team_db(), int(prefix)) is None:
        abort(404)
    args[argument] = secret
    use_workspace(workspaces().of_member(int(prefix)))


def routed_secret(secret: str) -> str:
    """A feed secret as its address carries it: the member's number first on a team server."""
    member = g.get("member")
    return f"{member.id}.{secret}" if member is not None else secret


@bp.route("/sign-in", methods=["GET", "POST"], endpoint="sign_in")
def sign_in_view():
    form = SignInForm()
    if form.validate_on_submit():
        team = team_db()
        try:
            member = sign_in(team, form.email.data, form.password.data, request.remote_addr or "")
        except SignInRefused as refused:
            team.commit()  # the failed attempt counts
            form.form_errors.append(str(refused))
        else:
            session.clear()  # a new session on every sign-in: a planted one is worthless
            session[SESSION_KEY] = start_session(team, member)
            team.commit()
            return redirect(_safe_next(request.args.get("next", "")))
    return render_template("pages/accounts/sign_in.html", form=form)


def _safe_next(target: str) -> str:
    """Only a path of this site: never another site's address from the query string."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("dashboard.index")


@bp.post("/sign-out")
def sign_out():
    team = team_db()
    end_session(team, session.pop(SESSION_KEY, ""))
    team.commit()
    session.clear()
    flash("You are signed out.", "success")
    return redirect(url_for("accounts.sign_in"))


@bp.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    team = team_db()
    try:
        member = member_for_link(team, token)
    except SignInRefused as refused:
        abort(404, description=str(refused))
    form = SetPasswordForm()
    if form.validate_on_submit():
        set_password_with_link(team, token, form.password.data)
        team.commit()
        session.clear()
        flash("Your password is set: sign in with it.", "success")
        return redirect(url_for("accounts.sign_in"))
    return render_template("pages/accounts/set_password.html", form=form, member=member)
