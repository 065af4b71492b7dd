"""Configuration: defaults, then `SURVEY_*` environment variables, then a test's mapping."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from flask import Flask

from .paths import shipped_folder

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "MAX_FORM_PARTS": 1000,
    "HTTPS": False,
    "SQLITE_SYNCHRONOUS": "FULL",
    "JSON_SORT_KEYS": False,
    "RATELIMIT_SIGNIN_ATTEMPTS": 5,  # failed sign-ins allowed per address and per e-mail...
    "RATELIMIT_SIGNIN_WINDOW": 300,  # ...within this many seconds
    "RATELIMIT_TOKEN_ATTEMPTS": 20,  # look-ups of unknown resume links allowed per address...
    "RATELIMIT_TOKEN_WINDOW": 300,  # ...within this many seconds
    "RETENTION_DAYS": 365,  # drafts unchanged for longer are deleted by `flask ... purge`
    "PROXIES": 0,  # proxies in front whose X-Forwarded-For and -Proto are trusted
}


def instance_path() -> str | None:
    """The instance folder named by SURVEY_INSTANCE_PATH, or None for Flask's default."""
    path = os.environ.get("SURVEY_INSTANCE_PATH")
    return str(Path(path).resolve()) if path else None


def _secret_key(folder: Path) -> str:
    """The key in the instance folder, made (owner-only) on first start; safe if workers race."""
    path = folder / "secret_key"
    if not path.exists():
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".secret_key.")
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
        try:
            os.link(temporary, path)  # atomic: the first writer wins, nobody reads a half file
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path.read_text().strip()


def _flag(value) -> bool:
    if isinstance(value, bool | int) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("expected 1 or 0 (true or false)")


def _positive_int(value) -> int:
    number = int(value)
    if number <= 0:
        raise ValueError("expected a positive whole number")
    return number


def _count(value) -> int:
    number = int(value)
    if number < 0:
        raise ValueError("expected a whole number, 0 or more")
    return number


def _synchronous(value) -> str:
    text = str(value).upper()
    if text not in ("FULL", "NORMAL"):
        raise ValueError("expected FULL or NORMAL")
    return text


# Settings read from SURVEY_* variables, with the type each must have.
CONVERTERS = {
    "SECRET_KEY": str,
    "DATABASE": str,
    "QUESTIONNAIRES_PATH": str,
    "REPORTS_PATH": str,
    "MAX_CONTENT_LENGTH": _positive_int,
    "MAX_FORM_PARTS": _positive_int,
    "HTTPS": _flag,
    "SQLITE_SYNCHRONOUS": _synchronous,
    "RATELIMIT_SIGNIN_ATTEMPTS": _positive_int,
    "RATELIMIT_SIGNIN_WINDOW": _positive_int,
    "RATELIMIT_TOKEN_ATTEMPTS": _positive_int,
    "RATELIMIT_TOKEN_WINDOW": _positive_int,
    "RETENTION_DAYS": _positive_int,
    "PROXIES": _count,
}


class SettingError(ValueError):
    """A SURVEY_* setting has a value of the wrong kind."""


def _typed(config: dict) -> None:
    for name, convert in CONVERTERS.items():
        if name in config and config[name] is not None:
            try:
                config[name] = convert(config[name])
            except (TypeError, ValueError) as exc:
                raise SettingError(f"SURVEY_{name}={config[name]!r}: {exc}") from None


def configure(app: Flask, test_config: dict | None) -> None:
    """Fill `app.config` and make sure the instance folder exists."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("SURVEY")
    if test_config:
        app.config.update(test_config)
    _typed(app.config)
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
