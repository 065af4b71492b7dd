"""What consultants keep about assessments: the review (workflow, notes, reviewed scores, added
recommendations), the audit log of every change, each assessment's current scores, and the
dashboard's query over them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlite_utils import Database

from .database import Conflict, immediate

# workflow status -> SQL condition on the assessment's columns
WORKFLOW = {
    "draft": "a.status = 'draft' AND a.review_status IS NULL",
    "returned": "a.review_status = 'returned'",
    "submitted": "a.status = 'submitted' AND a.review_status IS NULL",
    "in_review": "a.review_status = 'in_review'",
    "validated": "a.review_status = 'validated'",
}
# the next workflow statuses a consultant may move an assessment to
MOVES = {
    "submitted": ("in_review", "returned"),
    "in_review": ("validated", "returned"),
    "validated": ("in_review",),
}
SORTS = {
    "updated": "a.updated_at",
    "organisation": "o.name COLLATE NOCASE",
    "score": "s.overall",
    "sector": "a.sector",
    "questionnaire": "a.questionnaire_id",
}
ROW_COLUMNS = (
    "a.id, o.name AS organisation, o.size AS size, a.sector, a.questionnaire_id, "
    "a.questionnaire_version, a.language, a.status, a.review_status, a.created_at, "
    "a.updated_at, a.submitted_at, s.overall, s.level, s.domains"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def workflow_status(record: dict) -> str:
    """draft, returned, submitted, in_review or validated."""
    return record.get("review_status") or record["status"]


def _audit(db, user_id, assessment_id, action: str, target: str | None, before, after) -> None:
    db.execute(
        "INSERT INTO audit_log (at, user_id, assessment_id, action, target, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            _now(),
            user_id,
            assessment_id,
            action,
            target,
            json.dumps(before, ensure_ascii=False),
            json.dumps(after, ensure_ascii=False),
        ],
    )


def audit(db: Database, user_id: int | None, action: str, target: str | None, after) -> None:
    """An entry of the audit log for a change that concerns no assessment (an export, say)."""
    with immediate(db):
        _audit(db, user_id, None, action, target, None, after)


def record_audit(db: Database, user_id: int, assessment_id: int, action: str, after) -> None:
    """An entry of the audit log, inside the caller's transaction (a re-assessment started)."""
    _audit(db, user_id, assessment_id, action, None, None, after)


def move(
    db: Database, assessment_id: int, user_id: int, to: str, message: str = "", on_change=None
) -> None:
    """Move an assessment along the workflow; returning it re-opens it to the organisation with
    `message`. Raises Conflict when the move is not allowed from where it stands.
    `on_change(db, assessment_id)` runs in the same transaction."""
    with immediate(db):
        row = db.execute(
            "SELECT status, review_status, review_message FROM assessments WHERE id = ?",
            [assessment_id],
        ).fetchone()
        current = workflow_status({"status": row[0], "review_status": row[1]})
        if to not in MOVES.get(current, ()):
            raise Conflict(f"an assessment that is {current} cannot become {to}")
        if to == "returned":
            db.execute(
                "UPDATE assessments SET status = 'draft', review_status = 'returned', "
                "review_message = ?, submitted_at = NULL, updated_at = ? WHERE id = ?",
                [message, _now(), assessment_id],
            )
        else:
            db.execute(
                "UPDATE assessments SET review_status = ?, updated_at = ? WHERE id = ?",
                [to, _now(), assessment_id],
            )
        after = {"status": to, "message": message} if to == "returned" else {"status": to}
        _audit(db, user_id, assessment_id, "status", None, {"status": current}, after)
        if on_change:
            on_change(db, assessment_id)


def set_note(db: Database, assessment_id: int, user_id: int, target: str, text: str) -> None:
    """A consultant's note on a domain or a recommendation ("domain:<id>", "recommendation:<id>");
    an empty text removes it."""
    with immediate(db):
        row = db.execute(
            "SELECT text FROM review_notes WHERE assessment_id = ? AND target = ?",
            [assessment_id, target],
        ).fetchone()
        before = row[0] if row else None
        if (text or None) == before:
            return
        if text:
            db.execute(
                "INSERT INTO review_notes (assessment_id, target, text, user_id, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (assessment_id, target) DO UPDATE SET "
                "text = excluded.text, user_id = excluded.user_id, "
                "updated_at = excluded.updated_at",
                [assessment_id, target, text, user_id, _now()],
            )
        else:
            db.execute(
                "DELETE FROM review_notes WHERE assessment_id = ? AND target = ?",
                [assessment_id, target],
            )
        _audit(db, user_id, assessment_id, "note", target, before, text or None)


def set_override(
    db: Database,
    assessment_id: int,
    user_id: int,
    domain_id: str,
    score: int | None,
    justification: str,
) -> None:
    """A domain's reviewed score with its justification; None removes it."""
    with immediate(db):
        row = db.execute(
            "SELECT score, justification FROM score_overrides "
            "WHERE assessment_id = ? AND domain_id = ?",
            [assessment_id, domain_id],
        ).fetchone()
        before = {"score": row[0], "justification": row[1]} if row else None
        after = None if score is None else {"score": score, "justification": justification}
        if after == before:
            return
        if score is None:
            db.execute(
                "DELETE FROM score_overrides WHERE assessment_id = ? AND domain_id = ?",
                [assessment_id, domain_id],
            )
        else:
            db.execute(
                "INSERT INTO score_overrides (assessment_id, domain_id, score, justification, "
                "user_id, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (assessment_id, domain_id) DO UPDATE SET score = excluded.score, "
                "justification = excluded.justification, user_id = excluded.user_id, "
                "updated_at = excluded.updated_at",
                [assessment_id, domain_id, score, justification, user_id, _now()],
            )
        _audit(db, user_id, assessment_id, "score", f"domain:{domain_id}", before, after)


def add_recommendation(
    db: Database, assessment_id: int, user_id: int, domain_id: str, title: str, text: str,
    horizon: str,
) -> int:  # fmt: skip
    with immediate(db):
        cursor = db.execute(
            "INSERT INTO added_recommendations (assessment_id, domain_id, title, text, horizon, "
            "user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [assessment_id, domain_id, title, text, horizon, user_id, _now()],
        )
        after = {"domain": domain_id, "title": title, "text": text, "horizon": horizon}
        _audit(db, user_id, assessment_id, "recommendation", f"added:{cursor.lastrowid}", None,
               after)  # fmt: skip
    return cursor.lastrowid


def remove_recommendation(db: Database, assessment_id: int, user_id: int, added_id: int) -> None:
    with immediate(db):
        row = db.execute(
            "SELECT domain_id, title, text, horizon FROM added_recommendations "
            "WHERE id = ? AND assessment_id = ?",
            [added_id, assessment_id],
        ).fetchone()
        if row is None:
            return
        db.execute("DELETE FROM added_recommendations WHERE id = ?", [added_id])
        before = dict(zip(("domain", "title", "text", "horizon"), row, strict=True))
        _audit(db, user_id, assessment_id, "recommendation", f"added:{added_id}", before, None)


@dataclass(frozen=True)
class Review:
    """A consultant's review of an assessment as stored."""

    notes: dict  # target -> text
    overrides: dict  # domain id -> {"score", "justification"}
    added: list  # {"id", "domain", "title", "text", "horizon"}
    message: str | None  # to the organisation, when returned


def review_of(db: Database, assessment_id: int) -> Review:
    notes = dict(
        db.execute(
            "SELECT target, text FROM review_notes WHERE assessment_id = ?", [assessment_id]
        ).fetchall()
    )
    overrides = {
        domain: {"score": score, "justification": justification}
        for domain, score, justification in db.execute(
            "SELECT domain_id, score, justification FROM score_overrides WHERE assessment_id = ?",
            [assessment_id],
        )
    }
    added = [
        dict(zip(("id", "domain", "title", "text", "horizon"), row, strict=True))
        for row in db.execute(
            "SELECT id, domain_id, title, text, horizon FROM added_recommendations "
            "WHERE assessment_id = ? ORDER BY id",
            [assessment_id],
        )
    ]
    message = db.execute(
        "SELECT review_message FROM assessments WHERE id = ? AND review_status = 'returned'",
        [assessment_id],
    ).fetchone()
    return Review(notes, overrides, added, message[0] if message else None)


def audit_entries(db: Database, assessment_id: int) -> list[dict]:
    """The assessment's audit log, newest first, with who made each change."""
    columns = ("at", "email", "action", "target", "before", "after")
    rows = db.execute(
        "SELECT l.at, u.email, l.action, l.target, l.before, l.after FROM audit_log l "
        "LEFT JOIN users u ON u.id = l.user_id WHERE l.assessment_id = ? ORDER BY l.id DESC",
        [assessment_id],
    )
    entries = []
    for row in rows:
        entry = dict(zip(columns, row, strict=True))
        entry["before"], entry["after"] = json.loads(entry["before"]), json.loads(entry["after"])
        entries.append(entry)
    return entries


def scores_row(assessment_id: int, scores: dict, computed_at: str) -> tuple:
    """An assessment_scores row from scores as `plan.scores_body` gives them."""
    domains = {key: value["score"] for key, value in scores["domains"].items()}
    return assessment_id, scores["overall"], scores["level"], json.dumps(domains), computed_at


def store_scores(db: Database, assessment_id: int, scores: dict) -> None:
    """An assessment's current scores (as `plan.scores_body` gives them), for the dashboard."""
    db.execute(
        "INSERT INTO assessment_scores (assessment_id, overall, level, domains, computed_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (assessment_id) DO UPDATE SET "
        "overall = excluded.overall, level = excluded.level, domains = excluded.domains, "
        "computed_at = excluded.computed_at",
        scores_row(assessment_id, scores, _now()),
    )


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters; None (or empty) leaves a filter out."""

    sector: str | None = None
    questionnaire: str | None = None
    status: str | None = None
    since: date | None = None  # last change on or after
    until: date | None = None  # last change on or before
    low: float | None = None  # overall score at least
    high: float | None = None  # overall score at most
    organisation: str | None = None  # part of the name


def _where(filters: Filters) -> tuple[str, list]:
    conditions, values = [], []
    if filters.sector:
        conditions.append("a.sector = ?")
        values.append(filters.sector)
    if filters.questionnaire:
        conditions.append("a.questionnaire_id = ?")
        values.append(filters.questionnaire)
    if filters.status:
        conditions.append(WORKFLOW[filters.status])
    if filters.since:
        conditions.append("a.updated_at >= ?")
        values.append(filters.since.isoformat())
    if filters.until:
        conditions.append("a.updated_at < ?")
        values.append((filters.until + timedelta(days=1)).isoformat())  # dates end before 9999
    if filters.low is not None:
        conditions.append("s.overall >= ?")
        values.append(filters.low)
    if filters.high is not None:
        conditions.append("s.overall <= ?")
        values.append(filters.high)
    if filters.organisation:
        escaped = filters.organisation.replace("\\", "\\\\").replace("%", "\\%")
        conditions.append("o.name LIKE ? ESCAPE '\\'")
        values.append("%" + escaped.replace("_", "\\_") + "%")
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", values


_FROM = (
    " FROM assessments a JOIN organisations o ON o.id = a.organisation_id"
    " LEFT JOIN assessment_scores s ON s.assessment_id = a.id"
)


def _row(columns: list[str], row) -> dict:
    record = dict(zip(columns, row, strict=True))
    record["domains"] = json.loads(record["domains"]) if record["domains"] else {}
    record["workflow"] = workflow_status(record)
    return record


def _joins(filters: Filters, sort: str) -> str:
    """Only the joins that the filters and the order need (each costs on every row scanned)."""
    joins = ""
    if filters.organisation or sort == "organisation":
        joins += " JOIN organisations o ON o.id = a.organisation_id"
    if filters.low is not None or filters.high is not None:
        joins += " JOIN assessment_scores s ON s.assessment_id = a.id"
    elif sort == "score":  # not scored yet: listed too, last
        joins += " LEFT JOIN assessment_scores s ON s.assessment_id = a.id"
    return joins


def dashboard(
    db: Database, filters: Filters, sort: str, descending: bool, offset: int, limit: int
) -> tuple[list[dict], int]:
    """One page of assessments matching `filters`, and how many match in all.

    The page's ids are found first, with only the joins the filters and the order need (a late
    page skips its offset over an index, not over joined rows); the page is then read whole."""
    where, values = _where(filters)
    joins = _joins(filters, sort)
    total = db.execute(f"SELECT count(*) FROM assessments a{joins}{where}", values).fetchone()[0]
    way = "DESC" if descending else "ASC"
    order = f"{SORTS[sort]} {way}, a.id {way}"
    if sort == "score":
        order = f"s.overall IS NULL, {order}"  # not scored yet: last, whichever the direction
    page = f"SELECT a.id FROM assessments a{joins}{where} ORDER BY {order} LIMIT ? OFFSET ?"
    cursor = db.execute(
        f"SELECT {ROW_COLUMNS} FROM ({page}) p JOIN assessments a ON a.id = p.id"
        " JOIN organisations o ON o.id = a.organisation_id"
        f" LEFT JOIN assessment_scores s ON s.assessment_id = a.id ORDER BY {order}",
        [*values, limit, offset],
    )
    columns = [c[0] for c in cursor.description]
    return [_row(columns, row) for row in cursor], total


_LATEST = (  # an organisation's latest submitted assessment (one per organisation in a group)
    "a.status = 'submitted' AND a.id = (SELECT max(b.id) FROM assessments b "
    "WHERE b.organisation_id = a.organisation_id AND b.status = 'submitted')"
)


def peer_scores(db: Database, sector: str, size: str, organisation_id: int) -> list[dict]:
    """The domain scores of the latest submitted assessment of every other organisation of the
    sector and size band."""
    rows = db.execute(
        "SELECT s.domains FROM assessments a JOIN organisations o ON o.id = a.organisation_id "
        "JOIN assessment_scores s ON s.assessment_id = a.id "
        f"WHERE a.sector = ? AND o.size = ? AND a.organisation_id != ? AND {_LATEST}",
        [sector, size, organisation_id],
    )
    return [json.loads(domains) for (domains,) in rows]


def sector_scores(db: Database, sector: str):
    """(size band, domain scores) of the latest submitted assessment of each organisation of
    the sector, one at a time."""
    rows = db.execute(
        "SELECT o.size, s.domains FROM assessments a "
        "JOIN organisations o ON o.id = a.organisation_id "
        f"JOIN assessment_scores s ON s.assessment_id = a.id WHERE a.sector = ? AND {_LATEST}",
        [sector],
    )
    for size, domains in rows:
        yield size, json.loads(domains)


def matching(db: Database, filters: Filters):
    """Every assessment matching `filters`, newest change first, one at a time (for exports)."""
    where, values = _where(filters)
    cursor = db.execute(
        f"SELECT {ROW_COLUMNS}{_FROM}{where} ORDER BY a.updated_at DESC, a.id DESC", values
    )
    columns = [c[0] for c in cursor.description]
    for row in cursor:
        yield _row(columns, row)


def answers_matching(db: Database, filters: Filters):
    """(assessment id, organisation, question id, stored value JSON, updated at) of every answer
    of the assessments matching `filters`, one at a time."""
    where, values = _where(filters)
    yield from db.execute(
        f"SELECT a.id, o.name, n.question_id, n.value, n.updated_at{_FROM}"
        f" JOIN answers n ON n.assessment_id = a.id{where} ORDER BY a.id, n.question_id",
        values,
    )


__all__ = ["Conflict"]
