"""The "Export and back up" page: downloads of everything or of contacts, and a backup now."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)

from helper.errors import OutreachError
from helper.store.backup import automatic_backup
from helper.store.exports.contact_files import ExportOptions
from helper.store.exports.overview import export_overview
from helper.store.exports.render import EXPORTERS, render_export
from helper.vocabulary import CATEGORIES
from helper.web.session import db, store

bp = Blueprint("exports", __name__, url_prefix="/export")


@bp.get("")
def index():
    overview = export_overview(db(), store().data_dir)
    return render_template(
        "pages/exports/index.html",
        overview=overview,
        category_keys=CATEGORIES,
        backups_dir=store().data_dir / "backups",
    )


@bp.get("/download/<kind>")
def download(kind: str):
    exporter = EXPORTERS.get(kind)
    if exporter is None:
        abort(404, description=f"There is no export called {kind!r}.")
    options = ExportOptions(
        category=request.args.get("category", "")[:40],
        # 3.0 unless the page's 4.0 link asks; a version given to another export is a 400.
        vcard_version=request.args.get("version", "")[:10],
    )
    session = db()
    try:
        rendered = render_export(session, kind, options)
    except OutreachError as error:
        abort(400, description=str(error))
    if exporter.writes:
        session.commit()  # keeps the SEQUENCE stamps the ics export raised
    name = exporter.file_name(options, date.today())
    # Streamed as it is written, in the request's read snapshot, which the request context kept
    # by `stream_with_context` holds open until the last chunk.
    return Response(
        stream_with_context(rendered.chunks),
        content_type=exporter.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            # Private data: no cache keeps a copy of it.
            "Cache-Control": "no-store",
        },
    )


@bp.post("/backup")
def backup_now():
    opened = store()
    try:
        path = automatic_backup(opened.engine, opened.data_dir, "on-request")
    except OutreachError as error:
        flash(f"No backup was made: {error}", "error")
    else:
        flash(f"Backup saved to {path}.", "success")
    return redirect(url_for("exports.index"))
