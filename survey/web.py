"""What views share: the request's database connection, the library, the report content."""

from __future__ import annotations

from flask import Flask, Response, current_app, g, request
from sqlite_utils import Database

from .questionnaire import Library
from .reporting.content import ReportContent
from .storage import connect


def get_db() -> Database:
    """This request's (or command's) connection, opened on first use."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"], current_app.config["SQLITE_SYNCHRONOUS"])
    return g.db


def close_db(_exc=None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def get_library() -> Library:
    """The questionnaire library loaded at start-up."""
    return current_app.extensions["survey.library"]


def get_report_content() -> ReportContent:
    """The report's wording and branding loaded at start-up."""
    return current_app.extensions["survey.report_content"]


def get_definitions() -> dict:
    """Questionnaires built from pinned definitions, by content hash: they never change, so the
    process builds each once."""
    return current_app.extensions.setdefault("survey.definitions", {})


# Our own files only, no inline script or style, never framed, forms posted to us alone.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def security_headers(response: Response) -> Response:
    """The headers every answer carries: the content security policy, no type sniffing, no
    framing, no referrer (resume links hold a token), and no caching of anything but our static
    files (pages hold answers; documents and exports are the organisation's data)."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "no-referrer")
    if request.endpoint != "static":
        headers.setdefault("Cache-Control", "no-store")
    if current_app.config["HTTPS"]:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)
    app.after_request(security_headers)
