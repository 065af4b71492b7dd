"""Backups through SQLite's online backup API, checked before they count, and their restore.

A copy made with `cp` of a database in WAL mode while the app writes can be torn; the backup API
copies a consistent snapshot while the app goes on. Each copy is made in a temporary file beside
its destination, turned into one self-contained file (no -wal beside it), checked with
`integrity_check`, and only then renamed into place: a file at the destination is always a
complete, checked backup.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# what a backup's summary counts
TABLES = ("organisations", "assessments", "answers", "users", "audit_log")


class BackupError(Exception):
    """A backup or a restore that could not be made or did not pass its check."""


@dataclass(frozen=True)
class Summary:
    path: Path
    counts: dict[str, int]

    def line(self) -> str:
        counts = ", ".join(f"{count} {table}" for table, count in self.counts.items())
        return f"{self.path}: integrity ok; {counts}"


def _check(conn: sqlite3.Connection, what: str) -> dict[str, int]:
    """integrity_check, then the rows of each counted table (BackupError if it fails)."""
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{what}: not a readable SQLite database ({exc})") from None
    if result != ["ok"]:
        raise BackupError(f"{what}: integrity_check failed: {'; '.join(result[:5])}")
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "assessments" not in present:
        raise BackupError(f"{what}: not a database of this application (no assessments table)")
    return {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # names from TABLES
        for table in TABLES
        if table in present
    }


def backup(database: str, destination: Path) -> Summary:
    """A checked copy of `database` at `destination` (a file, or a folder that gets a file named
    by the time), made while the app may be writing."""
    if destination.is_dir():
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        destination = destination / f"survey-{stamp}.sqlite3"
    if not destination.parent.is_dir():
        raise BackupError(f"{destination.parent}: no such folder")
    partial = destination.with_name(f".{destination.name}.partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
            counts = _check(target, str(destination))
        finally:
            target.close()
    except (sqlite3.Error, BackupError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(str(exc)) from None
    finally:
        source.close()
    os.replace(partial, destination)
    return Summary(destination, counts)


def restore(backup_file: Path, database: str) -> Summary:
    """Replace the content of `database` with the backup's, after checking the backup; the
    database's former content is kept beside it first (as a checked backup itself)."""
    if not backup_file.is_file():
        raise BackupError(f"{backup_file}: no such file")
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        counts = _check(source, str(backup_file))
        if Path(database).exists():
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            backup(database, Path(f"{database}.before-restore-{stamp}"))
        target = sqlite3.connect(database, timeout=30)
        try:
            source.backup(target)  # page by page, under the database's own locks
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{backup_file}: {exc}") from None
    finally:
        source.close()
    return Summary(Path(database), counts)
