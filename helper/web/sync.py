"""The "Sync" page under Me: the user's own CalDAV/CardDAV server, what goes to it, Sync now,
and the versions to choose between when something changed on the server (the phone).

The settings, the password and the last sync's outcome live in the request's book's folder
(in team mode each member's own), as `outreach-helper sync` keeps them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from helper.errors import OutreachError, SyncFailed
from helper.store.followups import user_timezone
from helper.store.sync.history import LastSync, last_sync
from helper.store.sync.resources import Conflict
from helper.store.sync.run import ServerOffer, pending_conflicts, server_offer, settle
from helper.store.sync.settings import (
    SyncSettings,
    check_shared_server_address,
    has_settings,
    load_password,
    load_settings,
    save_password,
    save_settings,
)
from helper.store.sync.versions import Versions, compare
from helper.vocabulary import SYNC_KINDS
from helper.web.forms import ConfirmForm
from helper.web.forms.sync import NONE_CHOSEN, ChoicesForm, KeepForm, ServerForm
from helper.web.session import db, store, workspace

# How long Sync now waits before it leaves the sync to the background: a small sync says
# its outcome at once, as if it had run in the request.
SAID_AT_ONCE_S = 1.5

bp = Blueprint("sync", __name__, url_prefix="/me/sync")

_NOT_WAITING = (
    "Nothing changed on the server waits for a choice there: it may be settled already. "
    "Open Me → Sync to see what still waits."
)


@dataclass(frozen=True)
class ConflictView:
    """A conflict as the page shows it: both versions' fields, what differs in words."""

    conflict: Conflict
    noun: str
    link: str
    versions: Versions

    @property
    def deleted(self) -> bool:
        return not self.conflict.server_text


@bp.before_request
def not_in_the_demo():
    """The demo store shares the real store's folder, so its sync settings would be the real
    ones: syncing it would put the demo's made-up people on the user's phone."""
    if not current_app.config.get("DEMO"):
        return None
    if request.method == "POST":
        flash("The demo store does not sync; nothing was changed.", "error")
        return redirect(url_for("sync.index"))
    return render_template("pages/sync/index.html", demo=True)


@bp.get("")
def index():
    return _page()


@bp.post("/connection")
def connection():
    """Sign in with what was typed (the connection test); save it only if the server let us
    in, keeping the earlier choices of what to sync that this server still has."""
    form = ServerForm()
    folder = store().data_dir
    earlier = _saved(folder)[0]
    valid = form.validate_on_submit()
    password = form.password.data or (_saved_password(folder) if earlier is not None else "")
    if valid and not password:
        form.password.errors = ["Enter the app password your server gave you."]
        valid = False
    if not valid:
        return _page(server_form=form)
    user = form.user.data.strip()
    typed = SyncSettings(
        form.url.data.strip(), user, contacts_url=(form.contacts_url.data or "").strip()
    )
    try:
        if current_app.config.get("TEAM"):
            for address in filter(None, (typed.url, typed.contacts_url)):
                check_shared_server_address(address)
        offer = workspace().sync_offer.remember(typed, server_offer(typed, password))
        settings = _kept_choices(typed, earlier, offer)
        save_password(folder, password)
        save_settings(folder, settings)
    except SyncFailed as error:
        flash(f"Not connected, nothing was saved: {error}", "error")
        return redirect(url_for("sync.index"))
    next_step = "" if settings.calendar or settings.address_book else " Now choose what to sync."
    flash(f"Connected as {user}: {_offer_text(offer)}.{next_step}", "success")
    return redirect(url_for("sync.index", _anchor="" if not next_step else "choices-heading"))


@bp.post("/choices")
def choices():
    """Save the calendar, address book and contacts chosen, checked against the server's."""
    folder = store().data_dir
    try:
        settings, password = load_settings(folder), load_password(folder)
        offer = workspace().sync_offer.remember(settings, server_offer(settings, password))
    except SyncFailed as error:
        flash(f"Nothing was saved: {error}", "error")
        return redirect(url_for("sync.index"))
    form = ChoicesForm().offer(offer)
    if not form.validate_on_submit():
        return _page(choices_form=form, offer=offer)
    chosen = replace(
        settings,
        calendar=form.calendar.data or NONE_CHOSEN,
        address_book=form.address_book.data or NONE_CHOSEN,
        categories=tuple(form.categories.data or ()),
        tiers=tuple(form.tiers.data or ()),
    )
    save_settings(folder, chosen)
    flash(f"Saved: {chosen.destination}.", "success")
    return redirect(url_for("sync.index"))


@bp.post("/now")
def now():
    """Start Sync now in the background. A sync done within a moment says its outcome at once;
    a longer one leaves the page showing how far it got, then its outcome."""
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form's security token was missing: reload and try again.")
    sync = workspace().background_sync
    if not sync.start():
        flash("A sync is already running. This page shows its outcome when it is done.", "info")
    elif not sync.wait(SAID_AT_ONCE_S):
        flash("Syncing now. This page shows the outcome when it is done.", "info")
    else:
        _flash_outcome(last_sync(store().data_dir))
    return redirect(url_for("sync.index", _anchor="now-heading"))


def _flash_outcome(last: LastSync | None) -> None:
    if last is None or last.error:
        flash(f"The sync failed: {last.error if last else 'it did not finish'}", "error")
    elif last.conflicts:
        flash(f"Synced: {last.summary}. Choose which version to keep below.", "info")
    else:
        flash(f"Synced: {last.summary}.", "success")


@bp.get("/progress")
def progress():
    """How far the running Sync now has got, for the page's script."""
    return jsonify(workspace().background_sync.progress().to_json())


@bp.post("/conflicts/<uid>")
def settle_conflict(uid: str):
    """Keep one version of something changed on the server; a UID that waits for no choice
    in this book is not found."""
    session = db()
    waiting = {conflict.uid: conflict for conflict in pending_conflicts(session)}
    conflict = waiting.get(uid)
    if conflict is None:
        abort(404, description=_NOT_WAITING)
    form = KeepForm()
    if not form.validate_on_submit():
        flash("Choose which version to keep; nothing was changed.", "error")
        return redirect(url_for("sync.index", _anchor="conflicts-heading"))
    folder = store().data_dir
    keep = form.keep.data
    try:
        settle(session, load_settings(folder), load_password(folder), uid, keep)
        session.commit()
    except OutreachError as error:
        session.rollback()
        flash(f"Nothing was changed for {conflict.name}: {error}", "error")
        return redirect(url_for("sync.index", _anchor="conflicts-heading"))
    flash(_settled_text(conflict, keep), "success")
    return redirect(url_for("sync.index"))


def _page(
    server_form: ServerForm | None = None,
    choices_form: ChoicesForm | None = None,
    offer: ServerOffer | None = None,
):
    folder = store().data_dir
    settings, settings_problem = _saved(folder)
    password = _saved_password(folder) if settings is not None else ""
    offer_problem = ""
    if settings is not None and password and offer is None:
        try:
            offer = workspace().sync_offer.get(settings, password)
        except SyncFailed as error:
            offer_problem = str(error)
    if server_form is None:
        shown = (
            {"url": settings.url, "user": settings.user, "contacts_url": settings.contacts_url}
            if settings
            else {}
        )
        server_form = ServerForm(formdata=None, data=shown)
    if choices_form is None and settings is not None and offer is not None:
        choices_form = ChoicesForm(formdata=None, data=_choices_data(settings, offer)).offer(offer)
    session = db()
    conflicts = [_view(conflict) for conflict in pending_conflicts(session)]
    timezone = user_timezone(session)
    session.commit()
    last = last_sync(folder)
    return render_template(
        "pages/sync/index.html",
        settings=settings,
        settings_problem=settings_problem,
        password_saved=bool(password),
        server_form=server_form,
        choices_form=choices_form,
        offer_problem=offer_problem,
        destination=settings.destination if settings else "",
        can_sync=settings is not None and bool(settings.calendar or settings.address_book),
        confirm=ConfirmForm(),
        last=last,
        last_at=_local_time(last, timezone) if last else "",
        syncing=workspace().background_sync.progress(),
        conflicts=conflicts,
        keep_form=KeepForm(formdata=None),
    )


def _saved(folder: Path) -> tuple[SyncSettings | None, str]:
    """The saved settings, or None and why not when they are unreadable."""
    if not has_settings(folder):
        return None, ""
    try:
        return load_settings(folder), ""
    except SyncFailed as error:
        return None, str(error)


def _saved_password(folder: Path) -> str:
    try:
        return load_password(folder)
    except SyncFailed:
        return ""


def _kept_choices(
    settings: SyncSettings, earlier: SyncSettings | None, offer: ServerOffer
) -> SyncSettings:
    """The earlier choices that still name one of this server's collections."""
    if earlier is None:
        return settings
    calendars = {c.name for c in offer.calendars}
    books = {c.name for c in offer.address_books}
    return replace(
        settings,
        calendar=earlier.calendar if earlier.calendar in calendars else NONE_CHOSEN,
        address_book=earlier.address_book if earlier.address_book in books else NONE_CHOSEN,
        categories=earlier.categories,
        tiers=earlier.tiers,
    )


def _choices_data(settings: SyncSettings, offer: ServerOffer) -> dict[str, object]:
    kept = _kept_choices(settings, settings, offer)
    return {
        "calendar": kept.calendar,
        "address_book": kept.address_book,
        "categories": list(kept.categories),
        "tiers": list(kept.tiers),
    }


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _offer_text(offer: ServerOffer) -> str:
    calendars = _count(len(offer.calendars), "calendar", "calendars")
    books = _count(len(offer.address_books), "address book", "address books")
    return f"{calendars} and {books}"


def _settled_text(conflict: Conflict, keep: str) -> str:
    noun = SYNC_KINDS.term(conflict.kind).noun
    if keep == "local":
        return f"Kept the version here of {conflict.name}: it is on the server again."
    if not conflict.server_text:
        if conflict.kind == "event":
            return f"The follow-up {conflict.name} was dropped here too, as on the server."
        return f"{conflict.name} stays here and is left off the server."
    return f"Took in the server's version of {conflict.name} ({noun})."


def _local_time(last: LastSync, timezone: str) -> str:
    try:
        zone = ZoneInfo(timezone)
    except (ValueError, KeyError):
        zone = ZoneInfo("UTC")
    at: datetime = last.at.astimezone(zone)
    return f"{at.strftime('%d %b %Y, %H:%M')} ({timezone})"


def _view(conflict: Conflict) -> ConflictView:
    if conflict.kind == "event":
        link = url_for("followups.edit", followup_id=conflict.local_id)
    else:
        link = url_for("contacts.detail", contact_id=conflict.local_id)
    return ConflictView(
        conflict=conflict,
        noun=SYNC_KINDS.term(conflict.kind).noun,
        link=link,
        versions=compare(conflict.kind, conflict.local_text, conflict.server_text),
    )
