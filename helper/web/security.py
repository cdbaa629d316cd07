"""Safe defaults applied before any view runs: loopback Host only (or the access token when
serving other machines), CSRF, security headers."""

from __future__ import annotations

from flask import Flask, Response, abort, current_app, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from helper.config import is_loopback
from helper.web.access import require_access

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def host_name(host_header: str) -> str:
    """The name part of a Host header: `[::1]:8765` -> `::1`, `localhost:80` -> `localhost`."""
    host = host_header.strip()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def refuse_foreign_host() -> None:
    """Stop DNS rebinding: a page on another site that resolves to 127.0.0.1 still sends its
    own name as Host. Werkzeug's TRUSTED_HOSTS cannot express [::1] (in Werkzeug 3.1 no entry
    lets `Host: [::1]:8765` pass), hence ours."""
    if not is_loopback(host_name(request.headers.get("Host", ""))):
        abort(400, description="This service only answers requests addressed to localhost.")


def refuse_oversized_form() -> None:
    """Werkzeug limits the text fields of multipart forms (MAX_FORM_MEMORY_SIZE) but, in some
    3.1 releases, not a urlencoded body as a whole; a form over the paste limit is refused
    here, before anything reads it. Uploads keep their own, larger MAX_CONTENT_LENGTH."""
    too_big = (request.content_length or 0) > current_app.config["MAX_FORM_BYTES"]
    if too_big and request.mimetype == "application/x-www-form-urlencoded":
        raise RequestEntityTooLarge()


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    # Reachable from other machines, the service checks a token instead of the Host name,
    # which any client can set. A team server asks everyone to sign in instead, and answers
    # to its public name behind a proxy.
    if not app.config.get("TEAM"):
        app.before_request(
            require_access if app.config.get("ACCESS_TOKEN") else refuse_foreign_host
        )
    if app.config.get("BEHIND_PROXY"):
        # The proxy terminates TLS and says so in X-Forwarded-*: one proxy, trusted.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
        app.config["SESSION_COOKIE_SECURE"] = True
    app.before_request(refuse_oversized_form)
    app.after_request(add_security_headers)
    csrf.init_app(app)
