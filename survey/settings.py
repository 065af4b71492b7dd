"""Configuration: defaults, then `SURVEY_*` environment variables, then a test's mapping."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

from .paths import shipped_folder

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "MAX_FORM_PARTS": 1000,
    "HTTPS": False,
    "SQLITE_SYNCHRONOUS": "FULL",
    "JSON_SORT_KEYS": False,
}


def instance_path() -> str | None:
    """The instance folder named by SURVEY_INSTANCE_PATH, or None for Flask's default."""
    path = os.environ.get("SURVEY_INSTANCE_PATH")
    return str(Path(path).resolve()) if path else None


def _secret_key(folder: Path) -> str:
    """The key in the instance folder, created (readable by its owner only) on first start."""
    path = folder / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def configure(app: Flask, test_config: dict | None) -> None:
    """Fill `app.config` and make sure the instance folder exists."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("SURVEY")
    if test_config:
        app.config.update(test_config)
    folder = Path(app.instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    app.config.setdefault("DATABASE", str(folder / "survey.sqlite3"))
    app.config.setdefault("QUESTIONNAIRES_PATH", str(shipped_folder("questionnaires")))
    app.config.setdefault("REPORTS_PATH", str(shipped_folder("reports")))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(folder)
    https = bool(app.config["HTTPS"])
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=https,
        SESSION_COOKIE_NAME="__Host-session" if https else "session",
        PREFERRED_URL_SCHEME="https" if https else "http",
    )
