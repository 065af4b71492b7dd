"""Backups through SQLite's online backup API while the app writes, checked, and restored."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from conftest import new_assessment

from survey.storage import backups


def _assessment(client, name: str) -> str:
    return new_assessment(client, name, answers={"gov_security_owner": "yes"})


def test_a_backup_taken_while_the_app_writes_is_whole_and_checked(app, client, tmp_path):
    tokens = [_assessment(client, "Atlas")]
    stop = threading.Event()
    errors = []

    def write():  # answers saved again and again while the backup is taken
        writer = app.test_client()
        values = ["yes", "partial", "no"]
        n = 0
        while not stop.is_set():
            answers = {"gov_security_owner": values[n % 3]}
            response = writer.patch(f"/api/v1/assessments/{tokens[0]}", json={"answers": answers})
            if response.status_code != 200:
                errors.append(response.status_code)
            n += 1

    thread = threading.Thread(target=write)
    thread.start()
    try:
        summaries = [backups.backup(app.config["DATABASE"], tmp_path) for _ in range(3)]
    finally:
        stop.set()
        thread.join()
    assert errors == []
    for summary in summaries:
        assert summary.path.parent == tmp_path and summary.path.name.startswith("survey-")
        assert summary.counts["assessments"] == 1 and summary.counts["answers"] == 1
        copy = sqlite3.connect(summary.path)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file
        copy.close()
    assert not list(tmp_path.glob("*-wal")) and not list(tmp_path.glob(".*partial"))


def test_the_commands_back_up_and_restore(app, client, runner, tmp_path):
    kept = _assessment(client, "Atlas")
    target = tmp_path / "copy.sqlite3"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"backup written to {target}: integrity ok; ")
    assert "1 assessments" in result.output
    later = _assessment(client, "Made after the backup")
    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    assert "integrity ok" in result.output
    assert client.get(f"/api/v1/assessments/{kept}").status_code == 200
    assert client.get(f"/api/v1/assessments/{later}").status_code == 404  # as at the backup
    database = Path(app.config["DATABASE"])
    saved = list(database.parent.glob(f"{database.name}.before-restore-*"))
    assert len(saved) == 1, "the content replaced is kept beside the database"
    check = sqlite3.connect(saved[0])
    assert check.execute("SELECT count(*) FROM assessments").fetchone() == (2,)
    check.close()


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b""])
def test_a_restore_refuses_a_file_that_is_not_a_good_backup(app, runner, tmp_path, content):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    result = runner.invoke(args=["restore", str(bad), "--yes"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: restore refused: {bad}: "), result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_backup_into_a_missing_folder_says_so(runner, tmp_path):
    result = runner.invoke(args=["backup", str(tmp_path / "nowhere" / "copy.sqlite3")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: backup failed: {tmp_path / 'nowhere'}: no such folder"
