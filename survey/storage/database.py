"""Opening the database, its migrations, and write transactions that cannot deadlock on upgrade."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import time
from contextlib import contextmanager

from sqlite_utils import Database, Migrations

BUSY_TIMEOUT_SECONDS = 15


class Conflict(Exception):
    """The change is refused because of the record's state (for example: already submitted)."""


def connect(path: str, synchronous: str = "FULL") -> Database:
    """A connection with WAL, foreign keys and a busy timeout; open one per request or worker."""
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    _wal(conn)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA synchronous={'NORMAL' if synchronous == 'NORMAL' else 'FULL'}")
    db = Database(conn)
    db._survey_path = os.path.realpath(path) if path and path != ":memory:" else ""
    return db


def _wal(conn: sqlite3.Connection) -> None:
    """Put the database in WAL mode. Switching a new database needs it alone, and SQLite answers
    "database is locked" at once, without its busy wait, when another process opens it at the
    same moment (workers starting together on a new instance): so try again, as long as the busy
    timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.005)


class _WriterTurn:
    """Whose turn it is to write a database file: the threads of a process queue on a lock, and
    one thread per process at a time asks for an exclusive `flock` of `<database>.write-lock`,
    again every millisecond at most. Left to SQLite, every writer that finds the database locked
    sleeps and tries again, longer each time (up to 100 ms), and the write lock then often stands
    free while they all sleep: under load, saves waited hundreds of milliseconds for nothing.
    Both waits end with "database is locked" after BUSY_TIMEOUT_SECONDS, as SQLite's does."""

    def __init__(self, path: str):
        self.path, self.lock = path, threading.Lock()

    @contextmanager
    def hold(self):
        deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
        if not self.lock.acquire(timeout=BUSY_TIMEOUT_SECONDS):
            raise sqlite3.OperationalError("database is locked")
        try:
            fd = os.open(f"{self.path}.write-lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except BaseException:
            self.lock.release()
            raise
        try:
            delay = 0.0002
            while True:  # one thread per process waits here, the others on the lock
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise sqlite3.OperationalError("database is locked") from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.001)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
            self.lock.release()


_turns: dict[str, _WriterTurn] = {}
_turns_lock = threading.Lock()
_owner = threading.local()  # the turns this thread holds (a nested write fails as SQLite's does)


def _forget_turns() -> None:
    """In a forked child: fresh locks (the parent's could have been held by another thread)."""
    global _turns_lock
    _turns.clear()
    _turns_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_turns)


def _turn(db: Database) -> _WriterTurn | None:
    path = getattr(db, "_survey_path", None)
    if path is None:
        path = db.execute("PRAGMA database_list").fetchone()[2]
        path = os.path.realpath(path) if path else ""
        db._survey_path = path
    if not path:  # a database in memory: only this connection writes it
        return None
    with _turns_lock:
        if path not in _turns:
            _turns[path] = _WriterTurn(path)
        return _turns[path]


@contextmanager
def immediate(db: Database):
    """A write transaction taken at once (BEGIN IMMEDIATE), committed or rolled back; writers
    of the database take turns (see _WriterTurn)."""
    turn = _turn(db)
    held = getattr(_owner, "turns", None)
    if held is None:
        held = _owner.turns = set()
    if turn is None or turn in held:
        with _transaction(db):
            yield db
        return
    with turn.hold():
        held.add(turn)
        try:
            with _transaction(db):
                yield db
        finally:
            held.discard(turn)


@contextmanager
def _transaction(db: Database):
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


migrations = Migrations("survey")


@migrations()
def m001_initial(db: Database) -> None:
    db["organisations"].create(
        {"id": int, "name": str, "size": str, "sector": str, "created_at": str},
        pk="id",
        not_null={"name", "size", "sector", "created_at"},
    )
    db["definitions"].create(
        {"hash": str, "questionnaire_id": str, "version": int, "content": str, "created_at": str},
        pk="hash",
        not_null={"questionnaire_id", "version", "content", "created_at"},
    )
    db["definitions"].create_index(["questionnaire_id", "version"])
    db["assessments"].create(
        {
            "id": int,
            "token_hash": str,
            "organisation_id": int,
            "questionnaire_id": str,
            "questionnaire_version": int,
            "definition_hash": str,
            "sector": str,
            "language": str,
            "status": str,
            "revision": int,
            "created_at": str,
            "updated_at": str,
            "submitted_at": str,
        },
        pk="id",
        not_null={
            "token_hash",
            "organisation_id",
            "questionnaire_id",
            "questionnaire_version",
            "definition_hash",
            "sector",
            "language",
            "status",
            "revision",
            "created_at",
            "updated_at",
        },
        defaults={"status": "draft", "revision": 0},
        foreign_keys=[
            ("organisation_id", "organisations", "id"),
            ("definition_hash", "definitions", "hash"),
        ],
    )
    db["assessments"].create_index(["token_hash"], unique=True)
    db["assessments"].create_index(["organisation_id"])
    db["answers"].create(
        {"assessment_id": int, "question_id": str, "value": str, "updated_at": str},
        pk=("assessment_id", "question_id"),
        not_null={"value", "updated_at"},
        foreign_keys=[("assessment_id", "assessments", "id")],
    )


@migrations()
def m002_page_reached(db: Database) -> None:
    """Where the respondent's pages stopped: a domain id, or "review"."""
    db["assessments"].add_column("page_reached", str)


@migrations()
def m003_rescores(db: Database) -> None:
    """An assessment moved to a newer questionnaire version: what it was before, kept."""
    db["rescores"].create(
        {
            "id": int,
            "assessment_id": int,
            "previous_hash": str,
            "previous_version": int,
            "previous_scores": str,  # JSON: overall, level, domains
            "new_hash": str,
            "new_version": int,
            "new_scores": str,
            "created_at": str,
        },
        pk="id",
        not_null={"assessment_id", "previous_hash", "new_hash", "created_at"},
        foreign_keys=[("assessment_id", "assessments", "id")],
    )
    db["rescores"].create_index(["assessment_id"])


@migrations()
def m004_workspace(db: Database) -> None:
    """Consultants: accounts and their sessions, failed sign-ins, the review of assessments
    (workflow, notes, reviewed scores, added recommendations), the audit log, and each
    assessment's current scores for the dashboard."""
    db["users"].create(
        {
            "id": int,
            "email": str,
            "password_hash": str,
            "role": str,
            "active": int,
            "created_at": str,
        },
        pk="id",
        not_null={"email", "password_hash", "role", "active", "created_at"},
        defaults={"active": 1},
    )
    db.execute("CREATE UNIQUE INDEX idx_users_email ON users (email COLLATE NOCASE)")
    db["user_sessions"].create(
        {"id_hash": str, "user_id": int, "created_at": str, "revoked_at": str},
        pk="id_hash",
        not_null={"user_id", "created_at"},
        foreign_keys=[("user_id", "users", "id")],
    )
    db["failed_sign_ins"].create({"key": str, "at": float}, not_null={"key", "at"})
    db["failed_sign_ins"].create_index(["key", "at"])
    db["assessments"].add_column("review_status", str)  # in_review, validated, returned
    db["assessments"].add_column("review_message", str)  # to the organisation, when returned
    db["review_notes"].create(
        {
            "assessment_id": int,
            "target": str,  # "domain:<id>" or "recommendation:<id>"
            "text": str,
            "user_id": int,
            "updated_at": str,
        },
        pk=("assessment_id", "target"),
        not_null={"text", "user_id", "updated_at"},
        foreign_keys=[("assessment_id", "assessments", "id"), ("user_id", "users", "id")],
    )
    db["score_overrides"].create(
        {
            "assessment_id": int,
            "domain_id": str,
            "score": int,
            "justification": str,
            "user_id": int,
            "updated_at": str,
        },
        pk=("assessment_id", "domain_id"),
        not_null={"score", "justification", "user_id", "updated_at"},
        foreign_keys=[("assessment_id", "assessments", "id"), ("user_id", "users", "id")],
    )
    db["added_recommendations"].create(
        {
            "id": int,
            "assessment_id": int,
            "domain_id": str,
            "title": str,
            "text": str,
            "horizon": str,
            "user_id": int,
            "created_at": str,
        },
        pk="id",
        not_null={"assessment_id", "domain_id", "title", "horizon", "user_id", "created_at"},
        foreign_keys=[("assessment_id", "assessments", "id"), ("user_id", "users", "id")],
    )
    db["added_recommendations"].create_index(["assessment_id"])
    db["audit_log"].create(
        {
            "id": int,
            "at": str,
            "user_id": int,
            "assessment_id": int,
            "action": str,
            "target": str,
            "before": str,  # JSON
            "after": str,  # JSON
        },
        pk="id",
        not_null={"at", "action"},
        foreign_keys=[("user_id", "users", "id"), ("assessment_id", "assessments", "id")],
    )
    db["audit_log"].create_index(["assessment_id", "id"])
    db["assessment_scores"].create(
        {
            "assessment_id": int,
            "overall": float,
            "level": int,
            "domains": str,  # JSON {domain id: score or null}
            "computed_at": str,
        },
        pk="assessment_id",
        not_null={"computed_at"},
        foreign_keys=[("assessment_id", "assessments", "id")],
    )
    db["assessment_scores"].create_index(["overall"])
    db["assessments"].create_index(["updated_at"])


@migrations()
def m005_dashboard_indexes(db: Database) -> None:
    """The dashboard's orders and filters over many assessments: newest change first (with the
    id as tie-breaker, so that a late page skips over the index alone), by sector, by status."""
    db.execute("DROP INDEX IF EXISTS idx_assessments_updated_at")
    db["assessments"].create_index(["updated_at", "id"])
    db["assessments"].create_index(["sector", "updated_at"])
    db["assessments"].create_index(["review_status", "status", "updated_at"])
    db["assessments"].create_index(["questionnaire_id", "updated_at"])
    db["assessment_scores"].create_index(["overall", "assessment_id"])


@migrations()
def m006_peer_indexes(db: Database) -> None:
    """Peer groups and benchmarks: an organisation's latest submitted assessment found from the
    index alone, a sector's submitted assessments without reading the others."""
    db["assessments"].create_index(["organisation_id", "status", "id"])
    db["assessments"].create_index(["sector", "status"])


@migrations()
def m007_reassessments(db: Database) -> None:
    """A re-assessment: the same organisation again, linked to its previous assessment."""
    db["assessments"].add_column("previous_id", int)
    db["assessments"].create_index(["previous_id"])


def migrate(db: Database) -> None:
    """Apply every pending migration, one process at a time (workers may start together)."""
    path = db.execute("PRAGMA database_list").fetchone()[2]
    if not path:
        migrations.apply(db)
        return
    with open(f"{path}.migrate-lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            migrations.apply(db)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
