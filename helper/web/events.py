"""Events: record one, note whom you met, and turn the suggested follow-up plan into
follow-ups (accept, edit, reschedule or drop each), then download them as .ics."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from helper.errors import NotFound, OutreachError
from helper.store.events import (
    add_new_person_met,
    add_person_met,
    contacts_not_met,
    create_event,
    get_event,
    list_events,
    remove_person_met,
    set_met_note,
    to_local,
    update_event,
)
from helper.store.exports.calendar import FollowUpRange, range_ics
from helper.store.followups import (
    FollowUpChanges,
    accept_plan,
    already_repeating,
    decide_suggestion,
    event_plan,
    repeat_label,
    user_timezone,
)
from helper.store.me import get_me
from helper.web.forms import ConfirmForm
from helper.web.forms.events import (
    DueForm,
    EventForm,
    FollowUpForm,
    MetExistingForm,
    MetNewForm,
    NoteForm,
    SuggestionForm,
)
from helper.web.session import commit_or_report, db

bp = Blueprint("events", __name__, url_prefix="/events")
ICS_TYPE = "text/calendar; charset=utf-8"


@bp.get("")
def index():
    return render_template("pages/events/list.html", events=list_events(db()))


@bp.route("/new", methods=["GET", "POST"])
def new():
    session = db()
    form = EventForm(timezone=get_me(session).timezone or "UTC")
    if form.validate_on_submit():
        event = commit_or_report(form, lambda: create_event(session, form.to_input()))
        if event is not None:
            flash(f"{event.name} is recorded. Now add the people you met.", "success")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_template("pages/events/form.html", form=form, event=None)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
def edit(event_id: int):
    session = db()
    event = get_event(session, event_id)
    form = EventForm() if request.method == "POST" else EventForm(data=_form_data(event))
    if (
        form.validate_on_submit()
        and commit_or_report(form, lambda: update_event(session, event, form.to_input()))
        is not None
    ):
        flash("Changes saved.", "success")
        return redirect(url_for("events.detail", event_id=event.id))
    return render_template("pages/events/form.html", form=form, event=event)


def _form_data(event) -> dict:
    ends = to_local(event.ends_at, event.timezone) if event.ends_at else None
    return {
        "name": event.name,
        "kind": event.kind,
        "starts_at": to_local(event.starts_at, event.timezone).replace(tzinfo=None),
        "ends_at": ends.replace(tzinfo=None) if ends else None,
        "timezone": event.timezone,
        "place": event.place,
        "url": event.url,
        "notes": event.notes,
    }


@bp.get("/<int:event_id>")
def detail(event_id: int):
    return _render_detail(get_event(db(), event_id))


def _render_detail(
    event,
    *,
    new_form: MetNewForm | None = None,
    note_form: NoteForm | None = None,
    noted_contact_id: int | None = None,
):
    """The event's page; a refused add-someone or note form comes back in `new_form` or
    `note_form` (with `noted_contact_id`), so what was typed shows again with its errors beside
    the fields, and the answer is 400."""
    session = db()
    query = request.args.get("q", "")[:200]
    page = render_template(
        "pages/events/detail.html",
        event=event,
        starts=to_local(event.starts_at, event.timezone),
        ends=to_local(event.ends_at, event.timezone) if event.ends_at else None,
        plan=event_plan(session, event),
        already_repeating=already_repeating(session, event),
        timezone=user_timezone(session),
        to_local=to_local,
        repeat_label=repeat_label,
        query=query,
        candidates=contacts_not_met(session, event, query),
        existing_form=MetExistingForm(prefix="existing"),
        new_form=new_form or MetNewForm(prefix="new"),
        note_form=note_form or NoteForm(),
        noted_contact_id=noted_contact_id,
        due_form=DueForm(),
        suggestion_form=SuggestionForm(),
    )
    refused = new_form is not None or note_form is not None
    return page, 400 if refused else 200


def _back_to(event_id: int, anchor: str):
    return redirect(url_for("events.detail", event_id=event_id) + anchor)


def _flash_form_errors(form) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(f"Nothing was saved: {message}", "error")


@bp.post("/<int:event_id>/people")
def add_existing(event_id: int):
    session = db()
    event = get_event(session, event_id)
    form = MetExistingForm(prefix="existing")
    if not form.validate_on_submit():
        _flash_form_errors(form)
        return _back_to(event_id, "#people-heading")
    link = add_person_met(session, event, form.contact_id.data, form.note.data or "")
    session.commit()
    flash(f"{link.contact.name} is added to the people you met.", "success")
    return _back_to(event_id, "#people-heading")


@bp.post("/<int:event_id>/people/new")
def add_new(event_id: int):
    session = db()
    event = get_event(session, event_id)
    form = MetNewForm(prefix="new")
    link = form.validate_on_submit() and commit_or_report(
        form,
        lambda: add_new_person_met(
            session, event, form.name.data, form.email.data or "", form.note.data or ""
        ),
    )
    if not link:
        return _render_detail(event, new_form=form)
    flash(f"{link.contact.name} is a new contact, met at {event.name}.", "success")
    return _back_to(event_id, "#people-heading")


@bp.post("/<int:event_id>/people/<int:contact_id>/note")
def save_note(event_id: int, contact_id: int):
    session = db()
    event = get_event(session, event_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return _render_detail(event, note_form=form, noted_contact_id=contact_id)
    link = set_met_note(session, event, contact_id, form.note.data or "")
    session.commit()
    flash(f"The note on {link.contact.name} is saved.", "success")
    return _back_to(event_id, "#people-heading")


@bp.post("/<int:event_id>/people/<int:contact_id>/remove")
def remove(event_id: int, contact_id: int):
    session = db()
    if not ConfirmForm().validate_on_submit():
        flash("The form's security token was missing; nothing was changed.", "error")
        return _back_to(event_id, "#people-heading")
    remove_person_met(session, get_event(session, event_id), contact_id)
    session.commit()
    flash("Removed from the people you met; the contact itself is kept.", "success")
    return _back_to(event_id, "#people-heading")


@bp.post("/<int:event_id>/plan/accept-all")
def accept_all(event_id: int):
    session = db()
    if not ConfirmForm().validate_on_submit():
        flash("The form's security token was missing; nothing was changed.", "error")
        return _back_to(event_id, "#plan-heading")
    created = accept_plan(session, get_event(session, event_id))
    session.commit()
    flash(f"{len(created)} follow-up{'' if len(created) == 1 else 's'} accepted.", "success")
    return _back_to(event_id, "#plan-heading")


@bp.post("/<int:event_id>/plan/<any(accept, drop):action>")
def decide(event_id: int, action: str):
    session = db()
    event = get_event(session, event_id)
    form = SuggestionForm()
    if not form.validate_on_submit():
        _flash_form_errors(form)
        return _back_to(event_id, "#plan-heading")
    status = "open" if action == "accept" else "dropped"
    try:
        followup = decide_suggestion(
            session, event, form.contact_id.data, form.kind.data, status=status
        )
    except OutreachError as error:
        return _refused(event_id, error)
    session.commit()
    verb = "accepted" if status == "open" else "dropped"
    flash(f"“{followup.title}” is {verb}.", "success")
    return _back_to(event_id, "#plan-heading")


@bp.post("/<int:event_id>/plan/reschedule")
def reschedule_suggestion(event_id: int):
    session = db()
    event = get_event(session, event_id)
    form, due = SuggestionForm(), DueForm()
    if not (form.validate_on_submit() and due.validate()):
        _flash_form_errors(form)
        _flash_form_errors(due)
        return _back_to(event_id, "#plan-heading")
    item = _suggestion(session, event, form.contact_id.data, form.kind.data)
    changes = FollowUpChanges(item.planned.title, due.due.data, item.planned.channel, item.draft)
    try:
        followup = decide_suggestion(
            session, event, item.contact.id, item.planned.kind, changes=changes
        )
    except OutreachError as error:
        return _refused(event_id, error)
    session.commit()
    flash(f"“{followup.title}” is accepted for {due.due.data:%d %b %Y, %H:%M}.", "success")
    return _back_to(event_id, "#plan-heading")


def _refused(event_id: int, error: OutreachError):
    db().rollback()
    flash(f"Nothing was changed: {error}.", "error")
    return _back_to(event_id, "#plan-heading")


def _suggestion(session, event, contact_id: int, kind: str):
    for item in event_plan(session, event):
        if (item.contact.id, item.planned.kind) == (contact_id, kind):
            return item
    raise NotFound(f"the plan for {event.name} suggests no {kind!r} for contact {contact_id}")


@bp.route("/<int:event_id>/plan/edit", methods=["GET", "POST"])
def edit_suggestion(event_id: int):
    """Change a suggestion before accepting it: title, date, channel and draft."""
    session = db()
    event = get_event(session, event_id)
    contact_id = request.args.get("contact_id", 0, type=int)
    kind = request.args.get("kind", "")
    item = _suggestion(session, event, contact_id, kind)
    if request.method == "POST":
        form = FollowUpForm()
    else:
        form = FollowUpForm(
            data={
                "title": item.planned.title,
                "due": item.planned.due.replace(tzinfo=None),
                "channel": item.planned.channel,
                "draft": item.draft,
            }
        )
    if form.validate_on_submit():
        try:
            decide_suggestion(session, event, contact_id, kind, changes=form.to_changes())
        except OutreachError as error:
            return _refused(event_id, error)
        session.commit()
        flash(f"“{form.title.data}” is accepted with your changes.", "success")
        return _back_to(event_id, "#plan-heading")
    return render_template(
        "pages/events/edit_suggestion.html",
        form=form,
        event=event,
        item=item,
        timezone=user_timezone(session),
    )


@bp.get("/<int:event_id>/followups.ics")
def download(event_id: int):
    session = db()
    event = get_event(session, event_id)
    content, _count = range_ics(session, FollowUpRange(event_id=event.id))
    session.commit()  # keeps the SEQUENCE stamps the export raised
    name = f"follow-ups-event-{event.id}-{date.today().isoformat()}.ics"
    return Response(
        content,
        mimetype="text/calendar",
        headers={
            "Content-Type": ICS_TYPE,
            "Content-Disposition": f'attachment; filename="{name}"',
        },
    )
