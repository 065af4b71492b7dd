"""Storage: migrations, pragmas, write transactions, pinned definitions, idempotent submit."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from survey import storage
from survey.storage.database import migrations

CONTENT = {"id": "q", "version": 1, "domains": []}


@pytest.fixture
def db(tmp_path):
    database = storage.connect(str(tmp_path / "s.sqlite3"))
    storage.migrate(database)
    yield database
    database.close()


def _create(db, token_hash="h1", content_hash="c1", answers=None):
    return storage.create_assessment(
        db,
        token_hash=token_hash,
        questionnaire_id="q",
        version=1,
        content_hash=content_hash,
        content=CONTENT,
        sector="general",
        language="fr",
        organisation={"name": "Atlas", "size": "10-49"},
        answers=answers or {"a": "yes"},
    )


def test_pragmas_and_migrations(db, tmp_path):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert not migrations.pending(db)
    storage.migrate(db)  # applying again is harmless
    assert {"organisations", "assessments", "answers", "definitions"} <= set(db.table_names())


def test_create_find_and_answers(db):
    assessment_id = _create(db, answers={"a": "yes", "b": ["x", "y"], "c": 3.5})
    record = storage.find_assessment(db, token_hash="h1")
    assert record["id"] == assessment_id and record["status"] == "draft"
    assert record["organisation_name"] == "Atlas"
    assert storage.find_assessment(db, assessment_id=assessment_id) == record
    assert storage.find_assessment(db, token_hash="nope") is None
    assert storage.answers_of(db, assessment_id) == {"a": "yes", "b": ["x", "y"], "c": 3.5}
    assert storage.load_definition(db, "c1") == CONTENT


def test_save_merges_removes_and_bumps_revision(db):
    assessment_id = _create(db)
    storage.save_answers(db, assessment_id, {"b": "no", "a": None})
    storage.save_answers(db, assessment_id, {"b": "partial"})  # an upsert: same key, new value
    assert storage.answers_of(db, assessment_id) == {"b": "partial"}
    assert storage.find_assessment(db, assessment_id=assessment_id)["revision"] == 2


def test_submit_is_idempotent_and_freezes_answers(db):
    assessment_id = _create(db)
    assert storage.submit_assessment(db, assessment_id) is True
    first = storage.find_assessment(db, assessment_id=assessment_id)
    assert storage.submit_assessment(db, assessment_id) is False
    assert storage.find_assessment(db, assessment_id=assessment_id) == first
    with pytest.raises(storage.Conflict):
        storage.save_answers(db, assessment_id, {"a": "no"})
    assert storage.answers_of(db, assessment_id) == {"a": "yes"}


def test_concurrent_submits_record_one_submission(tmp_path):
    path = str(tmp_path / "c.sqlite3")
    setup = storage.connect(path)
    storage.migrate(setup)
    assessment_id = _create(setup)
    outcomes, barrier = [], threading.Barrier(8)

    def submit():
        own = storage.connect(path)
        barrier.wait()
        outcomes.append(storage.submit_assessment(own, assessment_id))
        own.close()

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False] * 7 + [True]


def test_stale_read_then_write_does_not_fail_with_locked(tmp_path):
    """The deferred-upgrade trap: a save that read before another commit must still succeed."""
    path = str(tmp_path / "l.sqlite3")
    first, second = storage.connect(path), storage.connect(path)
    storage.migrate(first)
    assessment_id = _create(first)
    errors = []

    def save(db, value):
        try:
            for _ in range(50):
                storage.save_answers(db, assessment_id, {"a": value})
        except sqlite3.OperationalError as exc:  # "database is locked" would land here
            errors.append(exc)

    threads = [
        threading.Thread(target=save, args=(db, v)) for db, v in ((first, "yes"), (second, "no"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert storage.find_assessment(first, assessment_id=assessment_id)["revision"] == 100


def test_failed_transaction_leaves_nothing(db):
    with pytest.raises(sqlite3.IntegrityError), storage.immediate(db):
        db.execute(
            "INSERT INTO organisations (name, size, sector, created_at) "
            "VALUES ('x', '1-9', 'general', 'now')"
        )
        db.execute(
            "INSERT INTO answers (assessment_id, question_id, value, updated_at) "
            "VALUES (999, 'q', '1', 'now')"
        )  # no such assessment: foreign key fails
    assert db.execute("SELECT COUNT(*) FROM organisations").fetchone()[0] == 0


def test_definition_pinned_once_per_hash(db):
    _create(db, "h1", "c1")
    _create(db, "h2", "c1")
    _create(db, "h3", "c2")
    pins = storage.pinned_definitions(db)
    assert [(p["hash"], p["assessments"]) for p in pins] == [("c1", 2), ("c2", 1)]


def test_processes_starting_together_migrate_once(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "race.sqlite3"
    script = (
        "import sys; from survey import storage; "
        "db = storage.connect(sys.argv[1]); storage.migrate(db); print('ok')"
    )
    children = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [child.communicate(timeout=60) for child in children]
    assert [child.returncode for child in children] == [0] * 4, results
    db = storage.connect(str(path))
    assert db.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] == len(
        migrations._migrations
    )
