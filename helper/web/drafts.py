"""Drafts (steps 5 and 6 of the method): choose a channel and a goal for a contact, read and
edit the draft, copy it, open it where it is sent, and mark it sent.

Composing saves a draft at once, so the page the user edits, copies and marks sent always has
a stored draft behind it; an edit is saved with "Save changes" or when marking it sent.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import (
    Blueprint,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from wtforms.fields.choices import SelectChoice

from helper.db.models import Contact, Draft, FollowUp
from helper.drafting import CHANNEL_RULES, channel_for
from helper.errors import OutreachError
from helper.store.chases import DEFAULT_CHASE_DAYS, chase_days, schedule_chase
from helper.store.contacts import ContactFilter, get_contact, list_contacts
from helper.store.convert import me_profile
from helper.store.drafts import (
    DraftRequest,
    compose_for,
    compose_intro,
    delete_draft,
    drafts_for,
    edit_draft,
    get_draft,
    introducers_for,
    mark_copied,
    mark_sent,
    measure,
    preferred_channel,
    save_draft,
)
from helper.store.events import to_local
from helper.store.followups import user_timezone
from helper.store.goals import get_goal, list_goals
from helper.store.me import get_me
from helper.web.forms.drafts import DraftChoiceForm, DraftEditForm, IntroForm
from helper.web.session import commit_or_report, db

bp = Blueprint("drafts", __name__)

LINKEDIN_CHANNELS = ("linkedin_connect", "linkedin_message", "linkedin_inmail")
MAILED_CHANNELS = ("email", "video_call")
# Enough to pick from a search for an introducer by name; a longer list wants a better search.
MAX_FOUND = 20


def _channel_choices() -> list[SelectChoice]:
    me = me_profile(get_me(db()))
    choices = []
    for key in CHANNEL_RULES:
        rules = channel_for(key, me)
        limit = f" (up to {rules.body_limit:,} {rules.unit})" if rules.body_limit else ""
        choices.append(SelectChoice(key, rules.label + limit))
    return choices


def _goal_choices() -> list[SelectChoice]:
    goals = list_goals(db(), active_only=True)
    return [SelectChoice(0, "No particular goal")] + [SelectChoice(g.id, g.title) for g in goals]


def _choice_forms(contact: Contact) -> tuple[DraftChoiceForm, IntroForm]:
    channel = request.args.get("channel") or preferred_channel(db(), contact)
    goal = request.args.get("goal", 0, type=int)
    choose = DraftChoiceForm(data={"channel": channel, "goal": goal})
    intro = IntroForm(data={"channel": "email", "goal": goal}, prefix="intro")
    choose.channel.choices = intro.channel.choices = _channel_choices()
    choose.goal.choices = intro.goal.choices = _goal_choices()
    intro.introducer.choices = _introducer_choices(contact, request.args.get("find", "")[:200])
    return choose, intro


def _introducer_choices(contact: Contact, query: str) -> list[SelectChoice]:
    """People who worked or studied with the contact, then any the user searched for."""
    suggested = introducers_for(db(), contact)
    choices = [
        SelectChoice(i.contact.id, f"{i.contact.name} (also at {i.link})") for i in suggested
    ]
    if query.strip():
        known = {contact.id, *(i.contact.id for i in suggested)}
        found = list_contacts(db(), ContactFilter(q=query, per_page=MAX_FOUND)).contacts
        choices += [SelectChoice(c.id, c.name) for c in found if c.id not in known]
    return choices


def _render_choice(
    contact: Contact, choose: DraftChoiceForm, intro: IntroForm, status: int = 200
) -> tuple[str, int]:
    page = render_template(
        "pages/drafts/choose.html",
        contact=contact,
        form=choose,
        intro=intro,
        earlier=drafts_for(db(), contact.id),
        find=request.args.get("find", "")[:200],
    )
    return page, status


@bp.get("/contacts/<int:contact_id>/draft")
def choose(contact_id: int):
    contact = get_contact(db(), contact_id)
    return _render_choice(contact, *_choice_forms(contact))


@bp.post("/contacts/<int:contact_id>/draft")
def compose(contact_id: int):
    session = db()
    contact = get_contact(session, contact_id)
    choose, intro = _choice_forms(contact)
    if not choose.validate_on_submit():
        return _render_choice(contact, choose, intro, 400)
    goal_id = choose.goal.data or None
    request_for = DraftRequest(contact.id, choose.channel.data, goal_id)
    draft = commit_or_report(
        choose,
        lambda: save_draft(session, contact.id, goal_id, compose_for(session, request_for)),
    )
    if draft is None:
        return _render_choice(contact, choose, intro, 400)
    return redirect(url_for("drafts.show", draft_id=draft.id))


@bp.post("/contacts/<int:contact_id>/introduction")
def introduction(contact_id: int):
    """A request to an introducer; saved as a draft to the introducer, whom it is sent to."""
    session = db()
    contact = get_contact(session, contact_id)
    choose, intro = _choice_forms(contact)
    if not intro.validate_on_submit():
        return _render_choice(contact, choose, intro, 400)
    request_for = DraftRequest(contact.id, intro.channel.data, intro.goal.data or None)
    introducer_id = intro.introducer.data

    def write() -> Draft:
        composed = compose_intro(
            session, request_for, introducer_id, double_opt_in=intro.double_opt_in.data
        )
        return save_draft(session, introducer_id, None, composed)

    draft = commit_or_report(intro, write)
    if draft is None:
        return _render_choice(contact, choose, intro, 400)
    return redirect(url_for("drafts.show", draft_id=draft.id))


def mailto_link(draft: Draft, address: str) -> str:
    """RFC 6068: subject and body percent-encoded, line breaks as CRLF."""
    body = draft.body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(draft.subject, safe='')}&body={quote(body, safe='')}"
    return f"mailto:{quote(address, safe='@')}?{query}"


def _render_draft(draft: Draft, form: DraftEditForm, status: int = 200) -> tuple[str, int]:
    session = db()
    contact = get_contact(session, draft.contact_id)
    rules = channel_for(draft.channel, me_profile(get_me(session)))
    length, limit = measure(session, draft.channel, form.body.data or "")
    address = contact.emails[0].email if contact.emails else ""
    page = render_template(
        "pages/drafts/show.html",
        draft=draft,
        contact=contact,
        form=form,
        rules=rules,
        length=length,
        limit=limit,
        address=address if draft.channel in MAILED_CHANNELS else "",
        mailto=mailto_link(draft, address) if address else "",
        linkedin=contact.linkedin_url if draft.channel in LINKEDIN_CHANNELS else "",
        goal=get_goal(session, draft.goal_id) if draft.goal_id else None,
        chaseable=draft.channel in DEFAULT_CHASE_DAYS,
    )
    return page, status


@bp.get("/drafts/<int:draft_id>")
def show(draft_id: int):
    draft = get_draft(db(), draft_id)
    days = chase_days(get_me(db())).get(draft.channel)
    form = DraftEditForm(data={"subject": draft.subject, "body": draft.body, "chase_days": days})
    return _render_draft(draft, form)


def _save_edits(draft: Draft, form: DraftEditForm) -> bool:
    """Keep the edited text, or put the reason it was refused on the form."""
    if not form.validate_on_submit():
        return False
    try:
        edit_draft(db(), draft, form.subject.data or "", form.body.data or "")
    except OutreachError as error:
        db().rollback()
        form.form_errors.append(str(error))
        return False
    return True


@bp.post("/drafts/<int:draft_id>")
def save(draft_id: int):
    draft = get_draft(db(), draft_id)
    form = DraftEditForm()
    if not _save_edits(draft, form):
        return _render_draft(draft, form, 400)
    db().commit()
    flash("Your changes to the draft are saved.", "success")
    return redirect(url_for("drafts.show", draft_id=draft.id))


@bp.post("/drafts/<int:draft_id>/sent")
def sent(draft_id: int):
    """Save what the user sent, log it, and move the contact on in the goal."""
    session = db()
    draft = get_draft(session, draft_id)
    form = DraftEditForm()
    if not _save_edits(draft, form):
        return _render_draft(draft, form, 400)
    try:
        mark_sent(session, draft)
    except OutreachError as error:
        session.rollback()
        flash(f"{error}.", "error")
        return redirect(url_for("drafts.show", draft_id=draft.id))
    chase = _chase_if_asked(draft, form)
    session.commit()
    name = get_contact(session, draft.contact_id).name
    then = ""
    if chase is not None:
        due = to_local(chase.due_at, user_timezone(session))
        then = f" You will be reminded to chase on {due:%a %d %b} if {name} has not replied."
    if draft.goal_id is not None:
        flash(f"Marked sent: {name} is now contacted for this goal.{then}", "success")
        return redirect(url_for("goals.detail", goal_id=draft.goal_id))
    flash(f"Marked sent and added to {name}'s history.{then}", "success")
    return redirect(url_for("contacts.detail", contact_id=draft.contact_id))


def _chase_if_asked(draft: Draft, form: DraftEditForm) -> FollowUp | None:
    """The chase the user kept ticked on "Mark as sent", for a channel one can chase on."""
    if not form.chase.data or draft.channel not in DEFAULT_CHASE_DAYS:
        return None
    session = db()
    days = form.chase_days.data or chase_days(get_me(session))[draft.channel]
    return schedule_chase(session, draft, days, user_timezone(session))


@bp.post("/drafts/<int:draft_id>/delete")
def delete(draft_id: int):
    session = db()
    draft = get_draft(session, draft_id)
    contact = get_contact(session, draft.contact_id)
    label = channel_for(draft.channel, me_profile(get_me(session))).label
    delete_draft(session, draft)
    session.commit()
    flash(f"The {label.lower()} draft to {contact.name} is deleted.", "success")
    return redirect(url_for("contacts.detail", contact_id=contact.id))


@bp.post("/drafts/<int:draft_id>/copied")
def copied(draft_id: int):
    """Called by drafts.js after a copy, so the draft shows when it was last copied."""
    session = db()
    draft = mark_copied(session, get_draft(session, draft_id))
    session.commit()
    return jsonify({"id": draft.id, "copied_at": draft.copied_at.isoformat()})
