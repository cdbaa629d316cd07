"""The Import page: upload any supported export, watch it import, read what happened.

The upload is copied in chunks to a temporary file in the data folder (never held whole in
memory, never named after what the browser sent); a background job imports it while the
progress page polls a small JSON endpoint (static/js/import-progress.js). Our own JSON export
into a store that holds data stops at a page that asks whether to merge its contacts or to
replace the store with it; the upload waits in the data folder until the choice is made.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from helper.db.models import Contact
from helper.private_files import private_folder
from helper.store.backup import BACKUPS_FOLDER
from helper.store.imports.jobs import ImportJob, JobSnapshot
from helper.store.imports.runs import get_run, list_runs
from helper.store.imports.summary import ExportChoice
from helper.web.session import db, import_jobs, store

bp = Blueprint("imports", __name__, url_prefix="/imports")

COPY_CHUNK_BYTES = 1024 * 1024


class ImportForm(FlaskForm):
    file = FileField(
        "File to import", validators=[FileRequired("Choose a file to import; nothing was stored.")]
    )


class CancelForm(FlaskForm):
    """Only the CSRF token: cancelling changes state."""


class ChoiceForm(FlaskForm):
    """Only the CSRF token: each choice for a JSON export posts to its own address."""


@bp.route("", methods=["GET", "POST"])
def index():
    form = ImportForm()
    if form.validate_on_submit():
        upload: FileStorage = form.file.data
        path = save_upload(upload, import_jobs().uploads_dir)
        job = import_jobs().start(path, display_name(upload.filename))
        return redirect(url_for("imports.job", job_id=job.id))
    return render_template(
        "pages/imports/index.html",
        form=form,
        runs=list_runs(db()),
        limit_mb=current_app.config["MAX_UPLOAD_MB"],
    )


def save_upload(upload: FileStorage, folder: Path) -> Path:
    """Copy the upload in chunks to a new file of our own naming in `folder`."""
    private_folder(folder)
    handle, name = tempfile.mkstemp(prefix="import-", suffix=".upload", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := upload.stream.read(COPY_CHUNK_BYTES):
                out.write(chunk)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def display_name(sent: str | None) -> str:
    """The name shown in the history: the browser's file name made safe, or a stand-in.
    It is also the format detector's hint (the extension), never a path."""
    return secure_filename(sent or "")[:200] or "uploaded file"


def _job_or_404(job_id: str) -> ImportJob:
    job = import_jobs().get(job_id)
    if job is None:
        abort(404, description="This import is no longer running; its result is in the history.")
    return job


@bp.get("/jobs/<job_id>")
def job(job_id: str):
    state = _job_or_404(job_id).snapshot()
    if state.status == "choice":
        return _choice_page(state)
    if state.status == "chosen":
        return redirect(url_for("imports.job", job_id=state.next_job_id))
    if state.status != "running" and state.run_id is not None:
        return redirect(url_for("imports.result", run_id=state.run_id))
    return render_template("pages/imports/progress.html", job=state, cancel_form=CancelForm())


def _choice_page(state: JobSnapshot) -> str:
    contacts = db().scalar(select(func.count(Contact.id))) or 0
    return render_template(
        "pages/imports/choice.html",
        job=state,
        contacts=contacts,
        backups=store().data_dir / BACKUPS_FOLDER,
        form=ChoiceForm(),
    )


@bp.get("/jobs/<job_id>/progress")
def progress(job_id: str):
    state = _job_or_404(job_id).snapshot()
    document = state.to_json()
    if state.status in ("choice", "chosen"):
        # The job's own page asks for the choice, or leads to the import it started.
        document["result_url"] = url_for("imports.job", job_id=job_id)
    elif state.run_id is not None:
        document["result_url"] = url_for("imports.result", run_id=state.run_id)
    return document


@bp.post("/jobs/<job_id>/<any(merge, replace):choice>")
def choose(job_id: str, choice: str):
    """Import a waiting JSON export as chosen; a second press finds the import the first
    started, through the job's page."""
    _job_or_404(job_id)
    follow = None
    if ChoiceForm().validate_on_submit():
        follow = import_jobs().choose(job_id, ExportChoice(choice))
    return redirect(url_for("imports.job", job_id=follow.id if follow else job_id))


@bp.post("/jobs/<job_id>/drop")
def drop(job_id: str):
    """Import nothing of a waiting JSON export; its upload is deleted."""
    job = _job_or_404(job_id)
    if ChoiceForm().validate_on_submit() and import_jobs().drop_choice(job_id):
        flash(f"Nothing of {job.file_name} was imported; your store is as it was.", "success")
    return redirect(url_for("imports.index"))


@bp.post("/jobs/<job_id>/cancel")
def cancel(job_id: str):
    _job_or_404(job_id)
    if CancelForm().validate_on_submit() and import_jobs().cancel(job_id):
        flash("Cancelling the import; nothing of it will be kept.", "success")
    return redirect(url_for("imports.job", job_id=job_id))


@bp.get("/<int:run_id>")
def result(run_id: int):
    return render_template("pages/imports/result.html", run=get_run(db(), run_id))
