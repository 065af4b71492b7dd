"""Consultants' accounts: creation, sign-in with throttling of failures, server-side sessions."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from sqlite_utils import Database
from werkzeug.security import check_password_hash, generate_password_hash

from . import storage
from .tokens import hash_token, new_token

ROLES = ("consultant", "admin")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
# no spaces, control characters or bidi overrides (which would show another address)
_PART = r"[^@\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+"
_EMAIL = re.compile(rf"^{_PART}@{_PART}\.{_PART}$")
# a hash to check against when the account does not exist, so that the answer takes as long
_ABSENT = generate_password_hash("no account has this password")


class AccountError(ValueError):
    """An account cannot be created as asked (the message says why)."""


class Throttled(Exception):
    """Too many failed sign-ins lately from this address or for this e-mail address."""


@dataclass(frozen=True)
class Limits:
    """At most `attempts` failed sign-ins within `window` seconds, per address and per e-mail."""

    attempts: int = 5
    window: int = 300


def is_email(text: str) -> bool:
    """Whether `text` can be an account's e-mail address."""
    return len(text) <= 254 and _EMAIL.match(text) is not None


def create(db: Database, email: str, password: str, role: str) -> int:
    """A new account with its password hashed (scrypt, Werkzeug's default)."""
    email = email.strip()
    if not is_email(email):
        raise AccountError(f"{email!r} is not an e-mail address")
    if role not in ROLES:
        raise AccountError(f"the role must be one of {', '.join(ROLES)}, not {role!r}")
    check_password(password)
    try:
        return storage.create_user(db, email, generate_password_hash(password), role)
    except storage.Conflict as exc:
        raise AccountError(str(exc)) from None


def _keys(email: str, address: str | None) -> list[str]:
    return [f"email:{email.strip().lower()}", f"address:{address or '-'}"]


def sign_in(db: Database, email: str, password: str, address: str | None, limits: Limits) -> str:
    """A new session for the account, as a token for the browser's cookie. Raises Throttled
    before even checking when too many sign-ins failed lately, and ValueError when the e-mail
    address or the password is wrong (the same either way). Each attempt counts as a failure
    from its start, so simultaneous attempts cannot get past the limit together."""
    now = time.time()
    claimed = storage.claim_attempt(
        db,
        _keys(email, address),
        now,
        since=now - limits.window,
        limit=limits.attempts,
        forget_before=now - max(limits.window, 86400),
    )
    if claimed is None:
        raise Throttled
    user = (
        storage.find_user(db, email=email.strip()) if len(password) <= MAX_PASSWORD_LENGTH else None
    )
    valid = check_password_hash(
        user["password_hash"] if user else _ABSENT, password[:MAX_PASSWORD_LENGTH]
    )
    if not (user and valid and user["active"]):
        raise ValueError("wrong e-mail address or password")  # the attempt stays counted
    storage.forget_attempt(db, claimed)
    token = new_token()
    storage.open_session(db, user["id"], hash_token(token))
    return token


def session_user(db: Database, token: str) -> dict | None:
    """The account a session token stands for, while neither is revoked or disabled."""
    return storage.session_user(db, hash_token(token))


def sign_out(db: Database, token: str) -> None:
    storage.revoke_session(db, hash_token(token))


def is_password(password: str) -> bool:
    """Whether `password` is long enough (and not absurdly long)."""
    return MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH


def check_password(password: str) -> None:
    if not is_password(password):
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")


def reset_password(db: Database, user_id: int, password: str) -> None:
    """A new password for an account; its sessions are revoked."""
    check_password(password)
    storage.update_user(db, user_id, password_hash=generate_password_hash(password))


def set_active(db: Database, user_id: int, active: bool) -> None:
    """Disable (its sessions revoked) or enable an account."""
    storage.update_user(db, user_id, active=active)
