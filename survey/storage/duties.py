"""Data duties: drafts deleted after the retention period, an organisation's data exported or
deleted on request. The audit log keeps who did what, without the deleted data itself."""

from __future__ import annotations

import json

from sqlite_utils import Database

from .database import immediate
from .review import _audit

_CHILDREN = ("answers", "assessment_scores", "review_notes", "score_overrides",
             "added_recommendations", "rescores")  # fmt: skip


def _delete_assessments(db: Database, ids: list[int]) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for table in _CHILDREN:
            db.execute(f"DELETE FROM {table} WHERE assessment_id IN ({marks})", chunk)
        db.execute(  # who did what and when stays; what was written goes with the data
            "UPDATE audit_log SET assessment_id = NULL, before = 'null', after = 'null' "
            f"WHERE assessment_id IN ({marks})",
            chunk,
        )
        db.execute(f"UPDATE assessments SET previous_id = NULL WHERE previous_id IN ({marks})",
                   chunk)  # fmt: skip
        db.execute(f"DELETE FROM assessments WHERE id IN ({marks})", chunk)


def stale_drafts(db: Database, before: str) -> list[int]:
    """The drafts last changed before `before` (an ISO date and time)."""
    rows = db.execute(
        "SELECT id FROM assessments WHERE status = 'draft' AND updated_at < ?", [before]
    )
    return [row[0] for row in rows]


def purge_drafts(db: Database, before: str) -> int:
    """Delete the drafts last changed before `before`, and organisations left with none."""
    with immediate(db):
        ids = stale_drafts(db, before)
        _delete_assessments(db, ids)
        db.execute(
            "DELETE FROM organisations WHERE id NOT IN (SELECT organisation_id FROM assessments)"
        )
        if ids:
            _audit(db, None, None, "purge", None, None, {"drafts": len(ids), "before": before})
    return len(ids)


def organisation_data(db: Database, organisation_id: int) -> dict | None:
    """Everything stored about an organisation, as plain data (None: no such organisation)."""
    row = db.execute(
        "SELECT id, name, size, sector, created_at FROM organisations WHERE id = ?",
        [organisation_id],
    ).fetchone()
    if row is None:
        return None
    data = dict(zip(("id", "name", "size", "sector", "created_at"), row, strict=True))
    data["assessments"] = []
    cursor = db.execute(
        "SELECT id, questionnaire_id, questionnaire_version, sector, language, status, "
        "review_status, review_message, created_at, updated_at, submitted_at, previous_id "
        "FROM assessments WHERE organisation_id = ? ORDER BY id",
        [organisation_id],
    )
    columns = [c[0] for c in cursor.description]
    for values in cursor.fetchall():
        item = dict(zip(columns, values, strict=True))
        aid = item["id"]
        item["answers"] = {
            q: json.loads(v)
            for q, v in db.execute(
                "SELECT question_id, value FROM answers WHERE assessment_id = ?", [aid]
            )
        }
        item["notes"] = dict(db.execute(
            "SELECT target, text FROM review_notes WHERE assessment_id = ?", [aid]
        ).fetchall())  # fmt: skip
        item["reviewed_scores"] = {
            d: {"score": s, "justification": j}
            for d, s, j in db.execute(
                "SELECT domain_id, score, justification FROM score_overrides "
                "WHERE assessment_id = ?",
                [aid],
            )
        }
        item["added_recommendations"] = [
            dict(zip(("domain", "title", "text", "horizon"), r, strict=True))
            for r in db.execute(
                "SELECT domain_id, title, text, horizon FROM added_recommendations "
                "WHERE assessment_id = ?",
                [aid],
            )
        ]
        data["assessments"].append(item)
    return data


def delete_organisation(db: Database, organisation_id: int, user_id: int) -> int | None:
    """Delete an organisation and everything about it; returns how many assessments went
    (None: there is no such organisation)."""
    with immediate(db):
        row = db.execute(
            "SELECT name FROM organisations WHERE id = ?", [organisation_id]
        ).fetchone()
        if row is None:
            return None
        ids = [r[0] for r in db.execute(
            "SELECT id FROM assessments WHERE organisation_id = ?", [organisation_id]
        )]  # fmt: skip
        _delete_assessments(db, ids)
        db.execute("DELETE FROM organisations WHERE id = ?", [organisation_id])
        _audit(db, user_id, None, "delete_organisation", f"organisation:{organisation_id}",
               None, {"assessments": len(ids)})  # fmt: skip
    return len(ids)
