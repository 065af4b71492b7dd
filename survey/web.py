"""What views share: the request's database connection, the library, the report content."""

from __future__ import annotations

from flask import Flask, current_app, g
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


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)
