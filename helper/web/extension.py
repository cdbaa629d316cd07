"""The "Browser extension" page under Me: make a pairing code, see and revoke paired extensions."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from helper.resources import EXTENSION_DIR
from helper.store.bridge import current_pairing_code, display_code, list_tokens, new_pairing_code
from helper.store.bridge import revoke_token as revoke_stored_token
from helper.web.forms import ConfirmForm
from helper.web.session import db

bp = Blueprint("extension", __name__, url_prefix="/me/extension")


@bp.get("")
def index():
    session = db()
    code = current_pairing_code(session)
    session.commit()
    return render_template(
        "pages/extension/index.html",
        code=code,
        shown_code=display_code(code.code) if code else "",
        tokens=list_tokens(session),
        confirm=ConfirmForm(),
        folder=EXTENSION_DIR,
    )


@bp.post("/code")
def make_code():
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form's security token was missing: reload and try again.")
    session = db()
    new_pairing_code(session)
    session.commit()
    flash("A new pairing code is ready: enter it in the extension's options.", "success")
    return redirect(url_for("extension.index"))


@bp.post("/<int:token_id>/revoke")
def revoke(token_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form's security token was missing: reload and try again.")
    session = db()
    token = revoke_stored_token(session, token_id)
    session.commit()
    flash(f"{token.label} ({token.origin}) can no longer reach Outreach Helper.", "success")
    return redirect(url_for("extension.index"))
