"""Errors rendered in one place: a friendly page for people, one JSON shape for the API."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from helper.errors import NotFound

FRIENDLY_TITLES = {
    400: "That request could not be used",
    404: "Not found",
    405: "Not allowed",
    413: "Too large",
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(status: int, message: str):
    if _wants_json():
        return {"error": message}, status
    title = FRIENDLY_TITLES.get(status, "Something went wrong")
    return render_template("pages/error.html", status=status, title=title, message=message), status


def handle_http_error(error: HTTPException):
    status = error.code or 500
    if status == 413:
        limit_mb = (request.max_content_length or 0) // (1024 * 1024)
        message = (
            f"The data sent is larger than this service accepts (at most {limit_mb} MB for a "
            "file, less for a pasted form). Nothing was stored."
        )
        return render_error(413, message)
    return render_error(status, error.description or FRIENDLY_TITLES.get(status, "Error"))


def handle_csrf_error(error: CSRFError):
    return render_error(
        400,
        "The form's security token was missing or expired. Reload the page and try again; "
        "nothing was stored.",
    )


def handle_not_found(error: NotFound):
    return render_error(404, str(error))


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(NotFound, handle_not_found)
