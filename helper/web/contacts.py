"""The contact book: list with search and filters, detail, add, edit, delete, merge."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from helper.errors import OutreachError
from helper.store.contacts import (
    ContactFilter,
    create_contact,
    delete_contact,
    get_contact,
    list_contacts,
    update_contact,
)
from helper.store.convert import profile_record
from helper.store.merge import merge_contacts
from helper.vocabulary import CATEGORIES, TIERS
from helper.web.forms import ConfirmForm
from helper.web.forms.contacts import ContactForm, MergeForm
from helper.web.forms.entries import PositionForm
from helper.web.session import commit_or_report, db

bp = Blueprint("contacts", __name__, url_prefix="/contacts")


def _filter_from_request() -> ContactFilter:
    return ContactFilter(
        q=request.args.get("q", "")[:200],
        category=request.args.get("category", ""),
        tier=request.args.get("tier", ""),
        page=request.args.get("page", 1, type=int) or 1,
        per_page=int(current_app.config["CONTACTS_PER_PAGE"]),
    )


@bp.get("")
def index():
    flt = _filter_from_request()
    page = list_contacts(db(), flt)
    return render_template(
        "pages/contacts/list.html",
        page=page,
        flt=flt,
        category_keys=CATEGORIES,
        tiers=TIERS,
    )


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = ContactForm()
    if form.validate_on_submit():
        contact = commit_or_report(form, lambda: create_contact(db(), form.to_input()))
        if contact is not None:
            flash(f"{contact.name} is added.", "success")
            return redirect(url_for("contacts.detail", contact_id=contact.id))
    return render_template("pages/contacts/form.html", form=form, contact=None)


@bp.get("/<int:contact_id>")
def detail(contact_id: int):
    contact = get_contact(db(), contact_id)
    return render_template(
        "pages/contacts/detail.html",
        contact=contact,
        confirm=ConfirmForm(),
    )


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
