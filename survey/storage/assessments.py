"""Assessments, their answers and the questionnaire definitions they pin."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlite_utils import Database

from .database import Conflict, immediate
from .review import scores_row

ASSESSMENT_COLUMNS = (
    "a.id, a.token_hash, a.questionnaire_id, a.questionnaire_version, a.definition_hash, "
    "a.sector, a.language, a.status, a.revision, a.created_at, a.updated_at, a.submitted_at, "
    "a.page_reached, a.review_status, a.review_message, a.previous_id, "
    "o.id AS organisation_id, o.name AS organisation_name, o.size AS organisation_size"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _pin(
    db: Database, questionnaire_id: str, version: int, content_hash: str, content: dict
) -> None:
    """Keep the definition unless it is kept already (the usual case: then its content, which
    takes milliseconds to write as JSON, is not written again inside the transaction)."""
    if db.execute("SELECT 1 FROM definitions WHERE hash = ?", [content_hash]).fetchone():
        return
    db.execute(
        "INSERT OR IGNORE INTO definitions (hash, questionnaire_id, version, content, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            content_hash,
            questionnaire_id,
            version,
            json.dumps(content, ensure_ascii=False, sort_keys=True),
            _now(),
        ],
    )


def _write_answers(db: Database, assessment_id: int, answers: dict, now: str) -> None:
    for question_id, value in answers.items():
        if value is None:
            db.execute(
                "DELETE FROM answers WHERE assessment_id = ? AND question_id = ?",
                [assessment_id, question_id],
            )
        else:
            db.execute(
                "INSERT INTO answers (assessment_id, question_id, value, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (assessment_id, question_id) "
                "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                [assessment_id, question_id, json.dumps(value, ensure_ascii=False), now],
            )


def create_assessment(
    db: Database,
    *,
    token_hash: str,
    questionnaire_id: str,
    version: int,
    content_hash: str,
    content: dict,
    sector: str,
    language: str,
    organisation: dict,
    answers: dict,
    on_change=None,
) -> int:
    """Store a new draft assessment with its organisation, pinned definition and answers;
    `on_change(db, assessment_id)` runs in the same transaction."""
    now = _now()
    with immediate(db):
        _pin(db, questionnaire_id, version, content_hash, content)
        org = db.execute(
            "INSERT INTO organisations (name, size, sector, created_at) VALUES (?, ?, ?, ?)",
            [organisation["name"], organisation["size"], sector, now],
        ).lastrowid
        assessment_id = db.execute(
            "INSERT INTO assessments (token_hash, organisation_id, questionnaire_id, "
            "questionnaire_version, definition_hash, sector, language, status, revision, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', 0, ?, ?)",
            [token_hash, org, questionnaire_id, version, content_hash, sector, language, now, now],
        ).lastrowid
        _write_answers(db, assessment_id, answers, now)
        if on_change:
            on_change(db, assessment_id)
    return assessment_id


def find_assessment(
    db: Database, *, token_hash: str | None = None, assessment_id: int | None = None
) -> dict | None:
    """An assessment with its organisation, by token hash or id, or None."""
    column, value = ("a.token_hash", token_hash) if token_hash else ("a.id", assessment_id)
    cursor = db.execute(
        f"SELECT {ASSESSMENT_COLUMNS} FROM assessments a "
        f"JOIN organisations o ON o.id = a.organisation_id WHERE {column} = ?",
        [value],
    )
    row = cursor.fetchone()
    if row is None:
        return None
    names = [description[0] for description in cursor.description]
    return dict(zip(names, row, strict=True))


def status_of(db: Database, assessment_id: int) -> str | None:
    """draft or submitted (None: no such assessment)."""
    row = db.execute("SELECT status FROM assessments WHERE id = ?", [assessment_id]).fetchone()
    return row[0] if row else None


def unscored(db: Database) -> list[int]:
    """Assessments without stored scores (made before scores were stored)."""
    rows = db.execute(
        "SELECT id FROM assessments WHERE id NOT IN (SELECT assessment_id FROM assessment_scores)"
    )
    return [row[0] for row in rows]


def answers_of(db: Database, assessment_id: int) -> dict:
    """The stored answers of an assessment, by question id."""
    rows = db.execute(
        "SELECT question_id, value FROM answers WHERE assessment_id = ?", [assessment_id]
    ).fetchall()
    return {question_id: json.loads(value) for question_id, value in rows}


def load_definition(db: Database, content_hash: str) -> dict:
    """The composed questionnaire content an assessment pinned."""
    row = db.execute("SELECT content FROM definitions WHERE hash = ?", [content_hash]).fetchone()
    return json.loads(row[0])


def save_answers(db: Database, assessment_id: int, answers: dict, on_change=None) -> None:
    """Merge answers into a draft (None removes one); raises Conflict once submitted.
    `on_change(db, assessment_id)` runs in the same transaction (to keep derived data)."""
    now = _now()
    with immediate(db):
        row = db.execute("SELECT status FROM assessments WHERE id = ?", [assessment_id]).fetchone()
        if row is None or row[0] != "draft":
            raise Conflict("the assessment is submitted; its answers can no longer change")
        _write_answers(db, assessment_id, answers, now)
        db.execute(
            "UPDATE assessments SET revision = revision + 1, updated_at = ? WHERE id = ?",
            [now, assessment_id],
        )
        if on_change:
            on_change(db, assessment_id)


def save_page(
    db: Database,
    assessment_id: int,
    answers: dict,
    seen: dict,
    page_reached: str,
    on_change=None,
) -> dict:
    """Save a page of answers without silently undoing a newer save made elsewhere.

    `seen` holds, for each question of `answers`, the value the page showed (None: unanswered).
    An answer the page left as it showed it is not written, so a change made elsewhere since
    stands. An answer the page changed is written, unless it was also changed elsewhere to
    something else: then it is left alone and returned, with its newer value, as a conflict.
    Everything is done in one transaction, and the page reached is recorded when there was no
    conflict. Raises Conflict once the assessment is submitted. `on_change(db, assessment_id)`
    runs in the same transaction when an answer was written.
    """
    now = _now()
    with immediate(db):
        row = db.execute("SELECT status FROM assessments WHERE id = ?", [assessment_id]).fetchone()
        if row is None or row[0] != "draft":
            raise Conflict("the assessment is submitted; its answers can no longer change")
        current = _answers_in(db, assessment_id, list(answers))
        changes, conflicts = {}, {}
        for question_id, value in answers.items():
            shown, stored = seen.get(question_id), current.get(question_id)
            if value in (shown, stored):
                continue
            if stored == shown:
                changes[question_id] = value
            else:
                conflicts[question_id] = stored
        _write_answers(db, assessment_id, changes, now)
        db.execute(
            "UPDATE assessments SET revision = revision + ?, updated_at = ?, "
            "page_reached = coalesce(?, page_reached) WHERE id = ?",
            [1 if changes else 0, now, None if conflicts else page_reached, assessment_id],
        )
        if changes and on_change:
            on_change(db, assessment_id)
    return conflicts


def _answers_in(db: Database, assessment_id: int, question_ids: list[str]) -> dict:
    if not question_ids:
        return {}
    marks = ", ".join("?" for _ in question_ids)
    rows = db.execute(
        f"SELECT question_id, value FROM answers WHERE assessment_id = ? "
        f"AND question_id IN ({marks})",
        [assessment_id, *question_ids],
    ).fetchall()
    return {question_id: json.loads(value) for question_id, value in rows}


def submit_assessment(db: Database, assessment_id: int, on_change=None) -> bool:
    """Move a draft to submitted; True if this call did it, False if it was already done.
    `on_change(db, assessment_id)` runs in the same transaction when it did."""
    now = _now()
    with immediate(db):
        cursor = db.execute(
            "UPDATE assessments SET status = 'submitted', submitted_at = ?, updated_at = ?, "
            "revision = revision + 1, review_status = NULL WHERE id = ? AND status = 'draft'",
            [now, now, assessment_id],
        )
        if cursor.rowcount == 1 and on_change:
            on_change(db, assessment_id)
    return cursor.rowcount == 1


def pinned_definitions(db: Database) -> list[dict]:
    """Every pinned definition with how many assessments use it."""
    rows = db.execute(
        "SELECT d.questionnaire_id, d.version, d.hash, COUNT(a.id) FROM definitions d "
        "LEFT JOIN assessments a ON a.definition_hash = d.hash "
        "GROUP BY d.hash ORDER BY d.questionnaire_id, d.version",
    ).fetchall()
    return [
        {"questionnaire_id": q, "version": v, "hash": h, "assessments": n} for q, v, h, n in rows
    ]


def assessments_pinning_other_than(db: Database, questionnaire_id: str, content_hash: str) -> list:
    """The ids of the assessments of a questionnaire that pin another content than this one."""
    rows = db.execute(
        "SELECT id FROM assessments WHERE questionnaire_id = ? AND definition_hash != ? "
        "ORDER BY id",
        [questionnaire_id, content_hash],
    ).fetchall()
    return [row[0] for row in rows]


def repin(
    db: Database,
    assessment_id: int,
    *,
    previous: dict,
    questionnaire_id: str,
    version: int,
    content_hash: str,
    content: dict,
    new_scores: dict,
) -> None:
    """Move an assessment to another pinned content, keeping what it was before in `rescores`.

    `previous` has the old `hash`, `version` and `scores`. Its answers are kept as they are.
    """
    now = _now()
    with immediate(db):
        _pin(db, questionnaire_id, version, content_hash, content)
        db.execute(
            "INSERT INTO rescores (assessment_id, previous_hash, previous_version, "
            "previous_scores, new_hash, new_version, new_scores, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                assessment_id,
                previous["hash"],
                previous["version"],
                json.dumps(previous["scores"]),
                content_hash,
                version,
                json.dumps(new_scores),
                now,
            ],
        )
        db.execute(
            "UPDATE assessments SET definition_hash = ?, questionnaire_version = ?, "
            "revision = revision + 1, updated_at = ? WHERE id = ?",
            [content_hash, version, now, assessment_id],
        )


def rescores_of(db: Database, assessment_id: int) -> list[dict]:
    """The earlier versions an assessment was scored with, oldest first."""
    cursor = db.execute(
        "SELECT previous_hash, previous_version, previous_scores, new_hash, new_version, "
        "new_scores, created_at FROM rescores WHERE assessment_id = ? ORDER BY id",
        [assessment_id],
    )
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["previous_scores"] = json.loads(row["previous_scores"])
        row["new_scores"] = json.loads(row["new_scores"])
    return rows


def pin_definition(
    db: Database, questionnaire_id: str, version: int, content_hash: str, content: dict
) -> None:
    """Keep a questionnaire definition that assessments will pin (nothing if kept already)."""
    with immediate(db):
        _pin(db, questionnaire_id, version, content_hash, content)


def insert_generated(db: Database, batch: list[dict]) -> None:
    """Add generated assessments in one transaction (for demonstrations and benchmarks): each
    with its organisation, answers and scores, its questionnaire already pinned."""
    with immediate(db):
        org = db.execute("SELECT coalesce(max(id), 0) + 1 FROM organisations").fetchone()[0]
        first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM assessments").fetchone()[0]
        organisations, assessments, answers, scores = [], [], [], []
        for n, item in enumerate(batch):
            o, a, q = item["organisation"], first + n, item["questionnaire"]
            organisations.append((org + n, o["name"], o["size"], o["sector"], item["created_at"]))
            submitted = item["updated_at"] if item["status"] == "submitted" else None
            assessments.append(
                (a, item["token_hash"], org + n, q.id, q.version, q.content_hash, item["sector"],
                 item["language"], item["status"], item["review_status"], item["created_at"],
                 item["updated_at"], submitted)
            )  # fmt: skip
            answers += [
                (a, question, json.dumps(value, ensure_ascii=False), item["updated_at"])
                for question, value in item["answers"].items()
            ]
            scores.append(scores_row(a, item["scores"], item["updated_at"]))
        db.conn.executemany(
            "INSERT INTO organisations (id, name, size, sector, created_at) VALUES (?, ?, ?, ?, ?)",
            organisations,
        )
        db.conn.executemany(
            "INSERT INTO assessments (id, token_hash, organisation_id, questionnaire_id, "
            "questionnaire_version, definition_hash, sector, language, status, review_status, "
            "created_at, updated_at, submitted_at, revision) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            assessments,
        )
        db.conn.executemany(
            "INSERT INTO answers (assessment_id, question_id, value, updated_at) "
            "VALUES (?, ?, ?, ?)",
            answers,
        )
        db.conn.executemany(
            "INSERT INTO assessment_scores (assessment_id, overall, level, domains, computed_at) "
            "VALUES (?, ?, ?, ?, ?)",
            scores,
        )


def create_reassessment(
    db: Database,
    *,
    previous_id: int,
    token_hash: str,
    questionnaire_id: str,
    version: int,
    content_hash: str,
    content: dict,
    language: str,
    answers: dict,
    on_change=None,
) -> int:
    """A new draft for the organisation of a submitted assessment, linked to it, with `answers`
    (prefilled from it, to be confirmed). Raises Conflict unless the previous is submitted."""
    now = _now()
    with immediate(db):
        row = db.execute(
            "SELECT organisation_id, sector, status FROM assessments WHERE id = ?", [previous_id]
        ).fetchone()
        if row is None or row[2] != "submitted":
            raise Conflict("only a submitted assessment can be assessed again")
        _pin(db, questionnaire_id, version, content_hash, content)
        assessment_id = db.execute(
            "INSERT INTO assessments (token_hash, organisation_id, questionnaire_id, "
            "questionnaire_version, definition_hash, sector, language, status, revision, "
            "created_at, updated_at, previous_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', 0, ?, ?, ?)",
            [token_hash, row[0], questionnaire_id, version, content_hash, row[1], language, now,
             now, previous_id],
        ).lastrowid  # fmt: skip
        _write_answers(db, assessment_id, answers, now)
        if on_change:
            on_change(db, assessment_id)
    return assessment_id
