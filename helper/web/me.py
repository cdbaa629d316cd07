"""The "Me" page: the user's own profile and the readiness checklist for steps 5-6."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from helper.store.chases import chase_days
from helper.store.lessons import forget_lessons, lesson_count
from helper.store.me import get_me, readiness, update_me
from helper.web.forms import ConfirmForm
from helper.web.forms.me import MeForm
from helper.web.forms.team import SharingForm
from helper.web.session import db

bp = Blueprint("me", __name__, url_prefix="/me")


def _form_for(me) -> MeForm:
    return MeForm(
        data={
            "name": me.name,
            "headline": me.headline,
            "location": me.location,
            "employers": "\n".join(me.employers),
            "former_employers": "\n".join(me.former_employers),
            "schools": "\n".join(me.schools),
            "emails": "\n".join(me.emails),
            "domains": "\n".join(me.domains),
            "linkedin_url": me.linkedin_url,
            "pitch": me.pitch,
            "offer": me.offer,
            "signature": me.signature,
            "timezone": me.timezone,
            "linkedin_note_limit": str(me.linkedin_note_limit),
            "strengthen_days": me.strengthen_days,
            "maintain_days": me.maintain_days,
            "overdue_percent": me.overdue_percent,
            **{f"chase_{channel}": days for channel, days in chase_days(me).items()},
        }
    )


@bp.route("", methods=["GET", "POST"])
def edit():
    session = db()
    me = get_me(session)
    form = MeForm() if request.method == "POST" else _form_for(me)
    if form.validate_on_submit():
        update_me(session, form.changes())
        session.commit()
        flash("Your profile is saved.", "success")
        return redirect(url_for("me.edit"))
    session.commit()
    return render_template(
        "pages/me/edit.html",
        form=form,
        me=me,
        readiness=readiness(me),
        learned_words=lesson_count(session),
        forget_form=ConfirmForm(),
        sharing_form=_sharing_form(),
    )


def _sharing_form() -> SharingForm | None:
    """On a team server, what teammates see of this member's book."""
    member = g.get("member")
    if member is None:
        return None
    return SharingForm(formdata=None, data={"sharing": member.index_sharing})


@bp.post("/forget-corrections")
def forget_corrections():
    """Category suggestions go back to the built-in cues alone."""
    if not ConfirmForm().validate_on_submit() or request.form.get("confirm") != "yes":
        flash("Tick the box to confirm; nothing was forgotten.", "error")
        return redirect(url_for("me.edit", _anchor="learned"))
    session = db()
    forgotten = forget_lessons(session)
    session.commit()
    flash(
        f"Forgot what your corrections taught about {forgotten} words; "
        "suggestions use the built-in cues again.",
        "success",
    )
    return redirect(url_for("me.edit", _anchor="learned"))
