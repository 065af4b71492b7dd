"""Consultants' accounts, their server-side sessions, and failed sign-ins (for throttling)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from sqlite_utils import Database

from .database import Conflict, immediate

USER_COLUMNS = "id, email, password_hash, role, active, created_at"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def create_user(db: Database, email: str, password_hash: str, role: str) -> int:
    """A new account; raises Conflict when the e-mail address (in any case) already has one."""
    try:
        with immediate(db):
            cursor = db.execute(
                "INSERT INTO users (email, password_hash, role, active, created_at) "
                "VALUES (?, ?, ?, 1, ?)",
                [email, password_hash, role, _now()],
            )
    except sqlite3.IntegrityError:
        raise Conflict(f"an account already exists for {email}") from None
    return cursor.lastrowid


def find_user(db: Database, *, email: str | None = None, user_id: int | None = None) -> dict | None:
    if email is not None:
        sql, value = "email = ? COLLATE NOCASE", email
    else:
        sql, value = "id = ?", user_id
    row = db.execute(f"SELECT {USER_COLUMNS} FROM users WHERE {sql}", [value]).fetchone()
    return dict(zip(USER_COLUMNS.split(", "), row, strict=True)) if row else None


def open_session(db: Database, user_id: int, id_hash: str) -> None:
    with immediate(db):
        db.execute(
            "INSERT INTO user_sessions (id_hash, user_id, created_at) VALUES (?, ?, ?)",
            [id_hash, user_id, _now()],
        )


def session_user(db: Database, id_hash: str) -> dict | None:
    """The active account of a session that has not been revoked, or None."""
    row = db.execute(
        f"SELECT {', '.join('u.' + c for c in USER_COLUMNS.split(', '))} FROM user_sessions s "
        "JOIN users u ON u.id = s.user_id "
        "WHERE s.id_hash = ? AND s.revoked_at IS NULL AND u.active = 1",
        [id_hash],
    ).fetchone()
    return dict(zip(USER_COLUMNS.split(", "), row, strict=True)) if row else None


def revoke_session(db: Database, id_hash: str) -> None:
    with immediate(db):
        db.execute(
            "UPDATE user_sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL",
            [_now(), id_hash],
        )


def claim_attempt(
    db: Database, keys: list[str], at: float, since: float, limit: int, forget_before: float
) -> list[int] | None:
    """Count a sign-in attempt as failed under each key before its password is checked, so that
    simultaneous attempts cannot all pass the limit; None when a key already has `limit`
    failures since `since`. Returns the rows to forget if the attempt succeeds."""
    with immediate(db):
        db.execute("DELETE FROM failed_sign_ins WHERE at < ?", [forget_before])
        for key in keys:
            count = db.execute(
                "SELECT count(*) FROM failed_sign_ins WHERE key = ? AND at >= ?", [key, since]
            ).fetchone()[0]
            if count >= limit:
                return None
        return [
            db.execute("INSERT INTO failed_sign_ins (key, at) VALUES (?, ?)", [key, at]).lastrowid
            for key in keys
        ]


def failures_since(db: Database, key: str, since: float) -> int:
    """How many failures `key` has had since `since` (a read: nothing written)."""
    sql = "SELECT count(*) FROM failed_sign_ins WHERE key = ? AND at >= ?"
    return db.execute(sql, [key, since]).fetchone()[0]


def record_failure(db: Database, key: str, at: float, forget_before: float) -> None:
    """Count a failure under `key`, forgetting those too old to matter."""
    with immediate(db):
        db.execute("DELETE FROM failed_sign_ins WHERE at < ?", [forget_before])
        db.execute("INSERT INTO failed_sign_ins (key, at) VALUES (?, ?)", [key, at])


def forget_attempt(db: Database, rows: list[int]) -> None:
    """The attempt succeeded: it is not a failure."""
    with immediate(db):
        for row in rows:
            db.execute("DELETE FROM failed_sign_ins WHERE rowid = ?", [row])


def list_users(db: Database) -> list[dict]:
    columns = USER_COLUMNS.split(", ")
    rows = db.execute(f"SELECT {USER_COLUMNS} FROM users ORDER BY email COLLATE NOCASE")
    return [dict(zip(columns, row, strict=True)) for row in rows]


def update_user(
    db: Database, user_id: int, *, active: bool | None = None, password_hash: str | None = None
) -> None:
    """Disable or enable an account, or set its password; either revokes its sessions."""
    with immediate(db):
        if active is not None:
            db.execute("UPDATE users SET active = ? WHERE id = ?", [int(active), user_id])
        if password_hash is not None:
            db.execute("UPDATE users SET password_hash = ? WHERE id = ?", [password_hash, user_id])
        db.execute(
            "UPDATE user_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
            [_now(), user_id],
        )
