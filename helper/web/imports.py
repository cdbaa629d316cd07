"""The Import page: upload any supported export, watch it import, read what happened.

The upload is copied in chunks to a temporary file in the data folder (never held whole in
memory, never named after what the browser sent); a background job imports it while the
progress page polls a small JSON endpoint (static/js/import-progress.js).
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
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from helper.store.imports import ImportJob, get_run, list_runs
from helper.web.session import db, import_jobs

bp = Blueprint("imports", __name__, url_prefix="/imports")

COPY_CHUNK_BYTES = 1024 * 1024


class ImportForm(FlaskForm):
    file = FileField(
        "File to import", validators=[FileRequired("Choose a file to import; nothing was stored.")]
    )


class CancelForm(FlaskForm):
    """Only the CSRF token: cancelling changes state."""


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
    folder.mkdir(parents=True, exist_ok=True)
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
    if state.status != "running" and state.run_id is not None:
        return redirect(url_for("imports.result", run_id=state.run_id))
    return render_template("pages/imports/progress.html", job=state, cancel_form=CancelForm())


@bp.get("/jobs/<job_id>/progress")
def progress(job_id: str):
    state = _job_or_404(job_id).snapshot()
    document = state.to_json()
    if state.run_id is not None:
        document["result_url"] = url_for("imports.result", run_id=state.run_id)
    return document


@bp.post("/jobs/<job_id>/cancel")
def cancel(job_id: str):
    _job_or_404(job_id)
    if CancelForm().validate_on_submit() and import_jobs().cancel(job_id):
        flash("Cancelling the import; nothing of it will be kept.", "success")
    return redirect(url_for("imports.job", job_id=job_id))


@bp.get("/<int:run_id>")
def result(run_id: int):
    return render_template("pages/imports/result.html", run=get_run(db(), run_id))
