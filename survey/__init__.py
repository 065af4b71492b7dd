"""Readiness assessments for SMEs: remote work, business continuity and cybersecurity."""

from __future__ import annotations

import click
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import i18n, settings, web
from .assessments import backfill_scores
from .jsonio import JSONProvider
from .questionnaire import LibraryError, load_library
from .reporting.content import load_report_content
from .storage import connect, migrate


class StartupRefused(LibraryError, click.ClickException):
    """A broken library or report folder: the command line shows the located lines, no traceback."""

    def __init__(self, error: LibraryError):
        LibraryError.__init__(self, error.problems)
        click.ClickException.__init__(self, f"the app cannot start. {LibraryError.__str__(self)}")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration, library (refused if broken), database, blueprints, CLI."""
    app = Flask(__name__, instance_path=settings.instance_path(), instance_relative_config=True)
    try:
        settings.configure(app, test_config)
    except settings.SettingError as exc:
        raise click.ClickException(f"the app cannot start: {exc}") from None
    app.json = JSONProvider(app)
    if app.config["PROXIES"]:  # the client's address and scheme as the proxies in front saw them
        count = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
    try:
        app.extensions["survey.library"] = load_library(app.config["QUESTIONNAIRES_PATH"])
        app.extensions["survey.report_content"] = load_report_content(app.config["REPORTS_PATH"])
    except LibraryError as exc:
        raise StartupRefused(exc) from None
    db = connect(app.config["DATABASE"], app.config["SQLITE_SYNCHRONOUS"])
    try:
        migrate(db)
        backfill_scores(db)  # once, for assessments made before scores were stored
    finally:
        db.close()
    web.init_app(app)

    from . import cli
    from .views import admin, api, auth, consultant, respondent, throttle
    from .views.pages import page_language
    from .views.ui_text import DERIVED, SOURCES

    try:
        i18n.init_app(app, SOURCES, DERIVED, page_language)
    except i18n.CatalogError as exc:
        raise click.ClickException(f"the app cannot start.\n{exc}") from None

    app.register_blueprint(api.bp)
    app.register_blueprint(respondent.bp)
    auth.init_app(app)
    app.register_blueprint(consultant.bp)
    app.register_blueprint(admin.bp)
    api.init_app(app, page_error=respondent.error_page)
    throttle.init_app(app)
    cli.init_app(app)
    return app
