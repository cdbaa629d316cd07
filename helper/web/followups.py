"""Follow-ups: the open ones by date, what to do with each (done, reschedule, edit, drop),
.ics downloads, and the calendar subscription feed behind a secret token."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for

from helper.errors import OutreachError
from helper.normalize import as_browsers_read
from helper.store.events import STORABLE_YEARS, to_local
from helper.store.exports.calendar import (
    FollowUpRange,
    calendar_bytes,
    calendar_token,
    range_ics,
    regenerate_calendar_token,
    select_followups,
    token_matches,
)
from helper.store.followups import (
    drop_followup,
    edit_followup,
    get_followup,
    mark_done,
    repeat_label,
    reschedule,
    schedule_cadences,
    user_timezone,
)
from helper.web.accounts import routed_secret
from helper.web.forms import ConfirmForm
from helper.web.forms.events import DueForm, FollowUpForm
from helper.web.session import commit_or_report, db

bp = Blueprint("followups", __name__)
ICS_TYPE = "text/calendar; charset=utf-8"


def _date_arg(name: str) -> date | None:
    """A YYYY-MM-DD query argument; an unreadable one, or one outside the years the store
    holds, is a 400 that names it."""
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        abort(400, description=f"“{value[:40]}” is not a date; use the form YYYY-MM-DD.")
    if day.year not in STORABLE_YEARS:
        abort(
            400,
            description=f"“{value}” is outside the years {STORABLE_YEARS[0]} to "
            f"{STORABLE_YEARS[-1]}; pick a date between them.",
        )
    return day


def _range() -> FollowUpRange:
    start, end = _date_arg("from"), _date_arg("to")
    if start and end and end < start:
        abort(400, description="The “to” date comes before the “from” date.")
    return FollowUpRange(start=start, end=end)


def _ics(content: bytes, file_name: str, *, attachment: bool = True) -> Response:
    headers = {"Content-Type": ICS_TYPE, "Cache-Control": "no-store"}
    if attachment:
        headers["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return Response(content, mimetype="text/calendar", headers=headers)


@bp.get("/followups")
def index():
    session = db()
    wanted = _range()
    followups = select_followups(session, wanted)
    token = calendar_token(session)
    session.commit()  # the feed token is made on first visit
    return render_template(
        "pages/followups/list.html",
        followups=followups,
        wanted=wanted,
        timezone=user_timezone(session),
        today=datetime.now(ZoneInfo(user_timezone(session))).date(),
        to_local=to_local,
        repeat_label=repeat_label,
        feed_url=url_for("followups.feed", token=routed_secret(token), _external=True),
        confirm=ConfirmForm(),
        due_form=DueForm(),
    )


def _back():
    """Where the action came from: the event page or the list (local paths only)."""
    target = _local_path(request.form.get("next", ""))
    return redirect(target or url_for("followups.index"))


def _local_path(target: str) -> str | None:
    """`target` as a browser would read it when that is a path on this site, else None.

    A browser drops the tabs and newlines in `/<tab>/evil.example` and follows `//evil.example`
    to another host; it reads a backslash as a slash too (WHATWG URL parsing)."""
    path = as_browsers_read(target)
    is_local = (
        path.startswith("/")
        and path[1:2] != "/"
        and "\\" not in path
        # Any other control character would go out in the Location header as it is.
        and not any(ord(char) < 0x20 or char == "\x7f" for char in path)
    )
    return path if is_local else None


def _refused(error: OutreachError):
    db().rollback()
    flash(f"Nothing was changed: {error}.", "error")
    return _back()


@bp.post("/followups/<int:followup_id>/done")
def done(followup_id: int):
    session = db()
    followup = get_followup(session, followup_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form's security token was missing; nothing was changed.")
    try:
        mark_done(session, followup)
    except OutreachError as error:
        return _refused(error)
    session.commit()
    if followup.status == "open":
        next_due = to_local(followup.due_at, user_timezone(session))
        flash(f"Done and recorded. Next time: {next_due:%a %d %b %Y, %H:%M}.", "success")
    else:
        flash(
            f"“{followup.title}” is done and recorded in {followup.contact.name}'s history.",
            "success",
        )
    return _back()


@bp.post("/followups/<int:followup_id>/reschedule")
def reschedule_one(followup_id: int):
    session = db()
    followup = get_followup(session, followup_id)
    form = DueForm()
    if not form.validate_on_submit():
        flash("Nothing was changed: pick a date and time to move it to.", "error")
        return _back()
    reschedule(session, followup, form.due.data)
    session.commit()
    flash(f"“{followup.title}” is moved to {form.due.data:%a %d %b %Y, %H:%M}.", "success")
    return _back()


@bp.post("/followups/<int:followup_id>/drop")
def drop(followup_id: int):
    session = db()
    followup = get_followup(session, followup_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form's security token was missing; nothing was changed.")
    try:
        drop_followup(session, followup)
    except OutreachError as error:
        return _refused(error)
    session.commit()
    flash(f"“{followup.title}” is dropped.", "success")
    return _back()


@bp.route("/followups/<int:followup_id>/edit", methods=["GET", "POST"])
def edit(followup_id: int):
    session = db()
    followup = get_followup(session, followup_id)
    timezone = user_timezone(session)
    if request.method == "POST":
        form = FollowUpForm()
    else:
        due = to_local(followup.due_at, timezone).replace(tzinfo=None)
        form = FollowUpForm(
            data={
                "title": followup.title,
                "due": due,
                "channel": followup.channel,
                "draft": followup.draft,
            }
        )
    if (
        form.validate_on_submit()
        and commit_or_report(form, lambda: edit_followup(session, followup, form.to_changes()))
        is not None
    ):
        flash("Changes saved; the next calendar export updates the entry.", "success")
        return redirect(url_for("followups.index"))
    return render_template(
        "pages/followups/edit.html",
        form=form,
        followup=followup,
        timezone=timezone,
        repeat_label=repeat_label,
    )


@bp.post("/followups/cadences")
def cadences():
    session = db()
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form's security token was missing; nothing was changed.")
    result = schedule_cadences(session)
    session.commit()
    flash(
        f"Keep-in-touch follow-ups: {result.created} new, {result.updated} changed to a new "
        f"cadence, {result.dropped} dropped for contacts no longer on a cadence.",
        "success",
    )
    return redirect(url_for("followups.index"))


@bp.get("/followups/<int:followup_id>.ics")
def download_one(followup_id: int):
    session = db()
    followup = get_followup(session, followup_id)
    content = calendar_bytes(session, [followup])
    session.commit()  # keeps the SEQUENCE stamp the export raised
    return _ics(content, f"follow-up-{followup.id}.ics")


@bp.get("/followups/calendar.ics")
def download_range():
    session = db()
    wanted = _range()
    content, _count = range_ics(session, wanted)
    session.commit()
    span = "-".join(d.isoformat() for d in (wanted.start, wanted.end) if d) or "all-open"
    return _ics(content, f"follow-ups-{span}.ics")


@bp.post("/followups/calendar-token")
def regenerate():
    session = db()
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form's security token was missing; nothing was changed.")
    regenerate_calendar_token(session)
    session.commit()
    flash(
        "A new subscription address is made; the old one stopped working. "
        "Subscribe again with the new address.",
        "success",
    )
    return redirect(url_for("followups.index") + "#subscription-heading")


@bp.get("/calendar/<token>.ics")
def feed(token: str):
    """The subscription feed a calendar app polls: every open follow-up, current."""
    session = db()
    if not token_matches(session, token):
        abort(404, description="There is no calendar at this address.")
    content, _count = range_ics(session, FollowUpRange())
    session.commit()
    return _ics(content, "outreach-helper.ics", attachment=False)
