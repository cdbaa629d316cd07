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
from flask.blueprints import BlueprintSetupState
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from helper.store.import_jobs import ImportJob, ImportJobs
from helper.store.import_runs import get_run, list_runs
from helper.web import db

bp = Blueprint("imports", __name__, url_prefix="/imports")

COPY_CHUNK_BYTES = 1024 * 1024
UPLOADS_FOLDER = "uploads"
FORMAT_LABELS = {
    "linkedin_connections": "LinkedIn Connections.csv",
    "linkedin_zip": "LinkedIn data export (.zip)",
    "vcard": "vCard",
    "google_csv": "Google Contacts CSV",
    "outlook_csv": "Outlook CSV",
    "mbox": "Mailbox (mbox)",
    "eml": "Email message (.eml)",
    "mail_archive": "Mail archive (Takeout)",
    "outreach_json": "Outreach Helper export (JSON)",
}
STATUS_LABELS = {
    "running": "Running",
    "done": "Imported",
    "identical": "Already imported",
    "failed": "Failed",
    "cancelled": "Cancelled",
}


class ImportForm(FlaskForm):
    file = FileField(
        "File to import", validators=[FileRequired("Choose a file to import; nothing was stored.")]
    )


class CancelForm(FlaskForm):
    """Only the CSRF token: cancelling changes state."""


@bp.record_once
def _create_registry(state: BlueprintSetupState) -> None:
    state.app.extensions["outreach_imports"] = ImportJobs(state.app.extensions["outreach"])
    # Uploads left by a server that stopped mid-import: no job of this new one owns them.
    for leftover in (Path(state.app.config["DATA_DIR"]) / UPLOADS_FOLDER).glob("import-*.upload"):
        leftover.unlink(missing_ok=True)


def jobs() -> ImportJobs:
    return current_app.extensions["outreach_imports"]


@bp.context_processor
def _labels() -> dict:
    return {"format_labels": FORMAT_LABELS, "status_labels": STATUS_LABELS}


@bp.route("", methods=["GET", "POST"])
def index():
    form = ImportForm()
    if form.validate_on_submit():
        upload: FileStorage = form.file.data
        path = save_upload(upload, Path(current_app.config["DATA_DIR"]) / UPLOADS_FOLDER)
        job = jobs().start(path, display_name(upload.filename))
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
    job = jobs().get(job_id)
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
    if CancelForm().validate_on_submit() and jobs().cancel(job_id):
        flash("Cancelling the import; nothing of it will be kept.", "success")
    return redirect(url_for("imports.job", job_id=job_id))


@bp.get("/<int:run_id>")
def result(run_id: int):
    return render_template("pages/imports/result.html", run=get_run(db(), run_id))
