"""Add from profile: paste a profile (or choose a saved page), check the preview, confirm.

Nothing is stored until the user confirms the preview. Pasted HTML is parsed, never
rendered: the page only ever shows the parsed fields, escaped by Jinja.
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from helper.errors import ProfileUnreadable
from helper.profiles import parse_profile
from helper.records import ProfileRecord
from helper.store.profiles import ProfilePreview, preview_profile, save_profile
from helper.vocabulary import CATEGORIES
from helper.web.forms.profiles import PasteForm, ProfileForm
from helper.web.session import commit_or_report, db, profile_previews

bp = Blueprint("profiles", __name__, url_prefix="/profiles")

POSSESSIVES = {"she": "her", "he": "his"}
MISSING_LABELS = {
    "name": "name",
    "headline": "headline",
    "location": "location",
    "current_title": "current title",
    "current_company": "current company",
    "linkedin_url": "LinkedIn URL",
    "emails": "email address",
    "phones": "phone number",
}


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = PasteForm()
    if form.validate_on_submit():
        try:
            record = parse_profile(form.pasted())
        except ProfileUnreadable as error:
            form.text.errors = [str(error)]
        else:
            key = profile_previews().keep(record)
            return redirect(url_for("profiles.preview", key=key), 303)
    return render_template("pages/profiles/new.html", form=form)


@bp.get("/preview/<key>")
def preview(key: str):
    """What a paste read, for checking before anything is saved."""
    record = profile_previews().get(key)
    if record is None:
        flash(
            "That preview is gone: it was saved, or the service restarted since. "
            "Paste the profile again to see it.",
            "info",
        )
        return redirect(url_for("profiles.new"))
    shown = preview_profile(db(), record)
    return _render_preview(ProfileForm.from_preview(shown), shown, key)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error: RequestEntityTooLarge):
    """A paste over the form limit never reaches the reader: say so on the same page."""
    form = PasteForm(formdata=None)
    limit_mb = current_app.config["MAX_PASTE_MB"]
    form.text.errors = [
        f"What was sent is over {limit_mb} MB, larger than any profile page, so it was not "
        "read. Copy only the profile page, or choose the saved page as a file."
    ]
    return render_template("pages/profiles/new.html", form=form), 413


@bp.post("/confirm")
def confirm():
    session = db()
    form = ProfileForm()
    chosen = form.categories.data or []
    if form.validate_on_submit() and not _unconfirmed_namesakes(form.to_record()):
        saved = commit_or_report(form, lambda: save_profile(session, form.to_record(), chosen))
        if saved is not None:
            name = saved.contact.name
            message = f"{name} is added." if saved.created else f"{name}'s record is updated."
            flash(message, "success")
            profile_previews().discard(request.form.get("preview_key", ""))
            return redirect(url_for("contacts.detail", contact_id=saved.contact.id))
    key = request.form.get("preview_key", "")
    return _render_preview(form, preview_profile(session, form.to_record()), key)


def _unconfirmed_namesakes(record: ProfileRecord) -> bool:
    """Whether saving would add someone who may be stored already, and the user has not
    pressed "Add anyway" for this very name."""
    if request.form.get("add_anyway", "").strip() == record.name.strip():
        return False
    return bool(preview_profile(db(), record).namesakes)


def _render_preview(form: ProfileForm, preview: ProfilePreview, key: str):
    reasons = {c.key: c.reason for c in (preview.match.categories if preview.match else [])}
    reasons.update({s.key: s.reason for s in preview.suggestions})
    possessive = "their"
    if preview.match is not None:
        pronoun = preview.match.pronouns.split("/")[0].strip().lower()
        possessive = POSSESSIVES.get(pronoun, "their")
    page = render_template(
        "pages/profiles/preview.html",
        form=form,
        preview=preview,
        preview_key=key,
        possessive=possessive,
        missing=[MISSING_LABELS.get(name, name) for name in preview.record.missing_fields],
        guessed=[MISSING_LABELS.get(name, name) for name in preview.record.guessed_fields],
        reasons=reasons,
        suggested={s.key for s in preview.suggestions},
        category_keys=CATEGORIES,
    )
    # A saved preview must not come back from the browser's back-forward cache: Back then
    # asks the server, which says the preview is gone instead of offering it to save again.
    return page, {"Cache-Control": "no-store"}
