"""The access token that a service reachable from other machines requires.

On 127.0.0.1 only this computer's users reach the service, and the Host allow-list stops web
pages from reaching it through DNS rebinding. Bound to another address, anyone on the network
could send `Host: localhost`, so the allow-list proves nothing: every page then asks once per
browser for a token `serve` printed, and keeps proof of it in an HttpOnly cookie. The
extension bridge and the calendar feed keep their own secrets and stay open to them.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired

bp = Blueprint("access", __name__)

ACCESS_COOKIE = "outreach_access"
COOKIE_DAYS = 30
# Endpoints with their own secret (the bridge's pairing token, the feed's address) or none to
# protect (the style sheet of this very page).
OPEN_ENDPOINTS = frozenset({"static", "access.enter", "followups.feed"})
OPEN_BLUEPRINTS = frozenset({"bridge"})


class AccessForm(FlaskForm):
    token = PasswordField("Access token", validators=[DataRequired()])


def _proof(token: str) -> str:
    """What the cookie holds: a keyed digest, so the cookie alone does not reveal the token."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()


def _has_access() -> bool:
    expected = _proof(current_app.config["ACCESS_TOKEN"])
    return hmac.compare_digest(request.cookies.get(ACCESS_COOKIE, ""), expected)


def require_access() -> Response | None:
    """Before any view: a browser without the cookie is sent to the token page."""
    if request.endpoint in OPEN_ENDPOINTS or request.blueprint in OPEN_BLUEPRINTS:
        return None
    if _has_access():
        return None
    if request.method in ("GET", "HEAD"):
        return redirect(url_for("access.enter"))
    abort(401, description="Enter the access token first: open any page of this service.")


@bp.route("/access", methods=["GET", "POST"])
def enter():
    token = current_app.config.get("ACCESS_TOKEN")
    if not token:
        return redirect(url_for("dashboard.index"))
    form = AccessForm()
    if form.validate_on_submit():
        if hmac.compare_digest(form.token.data.strip().encode(), token.encode()):
            response = redirect(url_for("dashboard.index"))
            response.set_cookie(
                ACCESS_COOKIE,
                _proof(token),
                max_age=COOKIE_DAYS * 24 * 3600,
                httponly=True,
                samesite="Strict",
            )
            return response
        form.token.errors.append(
            "That is not the access token. Copy it from the terminal where the service started."
        )
    status = 403 if form.errors else 200
    return render_template("pages/access/enter.html", form=form, cookie_days=COOKIE_DAYS), status
