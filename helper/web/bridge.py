"""The JSON API the browser extension talks to, defended before any handler runs.

Any web page the user visits can send requests to 127.0.0.1, so every request must come from
the exact extension origin recorded at pairing and carry its Bearer token. The app-wide Host
check (security.py) has already refused DNS-rebinding names. Cookies are never looked at here.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, g, request

from helper.errors import NotFound, OutreachError
from helper.profiles import parse_profile
from helper.store.bridge import (
    capture_profile,
    check_token,
    is_extension_origin,
    is_paired_origin,
    known_person,
    pair,
)
from helper.store.convert import contact_json
from helper.version import __version__
from helper.web.security import csrf
from helper.web.session import db

bp = Blueprint("bridge", __name__, url_prefix="/api/bridge")
# The token and the pinned origin protect this API; a form's CSRF token would add nothing.
csrf.exempt(bp)

MEGABYTE = 1024 * 1024
# A logged-in profile page's HTML runs to a few MB; the limit leaves room and no more.
MAX_BODY_MB = 10
OPEN_ENDPOINTS = ("bridge.ping", "bridge.pair_extension")
PREFLIGHT_MAX_AGE_S = 600


@dataclass(frozen=True)
class Refusal:
    status: int
    message: str


def _error(status: int, message: str) -> tuple[dict, int]:
    return {"error": message}, status


def _origin_refusal(origin: str) -> Refusal | None:
    """A page on any web site is refused. Browsers leave Origin off a GET that an extension
    makes to a host it has permission for (w3c/webextensions#777), so a GET may come without
    one; a web page cannot send one without it, since the Authorization header makes its
    request a CORS request, and CORS requests always carry Origin."""
    if not origin:
        if request.method in ("GET", "HEAD"):
            return None
        return Refusal(403, "Only the paired Outreach Helper extension may use this API.")
    if not is_extension_origin(origin):
        return Refusal(
            403,
            f"Requests from {origin} are not accepted: this API is only for "
            "the Outreach Helper browser extension.",
        )
    return None


def _token_refusal(origin: str) -> Refusal | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return Refusal(
            401,
            "This extension is not paired: enter a pairing code from the Me "
            "page in the extension's options.",
        )
    if check_token(db(), token.strip(), origin) is None:
        return Refusal(
            401,
            "This extension's pairing is not valid (revoked, or made for "
            "another extension): pair it again from the Me page.",
        )
    db().commit()
    return None


def _preflight(origin: str) -> Response | tuple[dict, int]:
    """CORS preflight: only for an extension that may pair, or is paired, on this endpoint."""
    allowed = request.endpoint in OPEN_ENDPOINTS or is_paired_origin(db(), origin)
    if not (is_extension_origin(origin) and allowed):
        return _error(403, "This origin may not call the Outreach Helper API.")
    g.cors_origin = origin
    response = Response(status=204)
    response.headers["Access-Control-Allow-Methods"] = "GET, POST"
    response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
    response.headers["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE_S)
    # Chromium's Private Network Access asks before a page reaches a loopback address.
    response.headers["Access-Control-Allow-Private-Network"] = "true"
    return response


@bp.before_request
def defend():
    origin = request.headers.get("Origin", "")
    if request.method == "OPTIONS":
        return _preflight(origin)
    refusal = _origin_refusal(origin)
    if refusal is None and request.endpoint not in OPEN_ENDPOINTS:
        refusal = _token_refusal(origin)
    if refusal is not None:
        return _error(refusal.status, refusal.message)
    if origin:
        g.cors_origin = origin
    request.max_content_length = MAX_BODY_MB * MEGABYTE
    if (request.content_length or 0) > MAX_BODY_MB * MEGABYTE:
        return _error(413, f"The page sent is larger than {MAX_BODY_MB} MB; nothing was stored.")
    return None


@bp.after_request
def answer_only_the_accepted_origin(response: Response) -> Response:
    origin = g.get("cors_origin")
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
    response.headers.add("Vary", "Origin")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(OutreachError)
def refuse_bad_input(error: OutreachError):
    return _error(404 if isinstance(error, NotFound) else 400, str(error))


def _json_object() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise OutreachError("Send a JSON object with Content-Type: application/json.")
    return data


def _text_field(data: dict, name: str) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise OutreachError(f"The field {name!r} must be text.")
    return value


@bp.get("/ping")
def ping():
    return {"name": "Outreach Helper", "version": __version__}


@bp.post("/pair")
def pair_extension():
    data = _json_object()
    code = _text_field(data, "code")
    if not code.strip():
        raise OutreachError("Enter the pairing code shown on the Me page.")
    session = db()
    token = pair(session, code, request.headers.get("Origin", ""))
    session.commit()
    return {"token": token}


@bp.post("/capture")
def capture():
    data = _json_object()
    url = _text_field(data, "url")
    page = _text_field(data, "html") or _text_field(data, "text")
    if not url.strip() or not page.strip():
        raise OutreachError("Send the page's 'url' and its 'html' (or 'text').")
    record = parse_profile(page)
    session = db()
    saved = capture_profile(session, record, url)
    session.commit()
    return {"contact": contact_json(saved.contact), "created": saved.created}


@bp.get("/contact")
def contact():
    url = request.args.get("url", "")
    if not url.strip():
        raise OutreachError("Give the profile's address as ?url=.")
    return known_person(db(), url)
