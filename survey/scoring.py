"""Scores from answers: per question points, per domain and overall scores, levels, a trace."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .questionnaire.answers import DONT_KNOW, NA, visible_questions
from .questionnaire.model import Question, Questionnaire

# Five maturity levels: (lowest score of the level, names). A score of 100 is level 5.
LEVELS = (
    (0, {"ar": "أوّلي", "fr": "Initial", "en": "Initial"}),
    (20, {"ar": "في طور التطوير", "fr": "En développement", "en": "Developing"}),
    (40, {"ar": "محدَّد", "fr": "Défini", "en": "Defined"}),
    (60, {"ar": "مُدار", "fr": "Maîtrisé", "en": "Managed"}),
    (80, {"ar": "متقدّم", "fr": "Optimisé", "en": "Optimised"}),
)
_LOWEST = [low for low, _ in LEVELS]
# A critical question earning less than this share of its points caps its domain's level.
CRITICAL_THRESHOLD = 0.5
CRITICAL_CAP_LEVEL = 2


class Contribution(NamedTuple):
    """How one question counts: the line of a score's explanation.

    `status` is answered, dont_know or unanswered (counted in a submitted assessment) when the
    question counts; otherwise it says why not: na, unanswered (in a draft), hidden (by a
    condition), other_sector (asked only in other sectors) or not_scored (number and text).
    `contribution` is what the line adds to its domain's score: the counted lines add up to it.
    """

    question: str
    domain: str
    weight: float
    status: str
    points: float | None  # earned share in [0, 1] when counted, else None
    counted: bool
    critical: bool
    answer: object = None
    contribution: float | None = None  # in score points (0-100), when counted


_new_line = tuple.__new__  # Contribution(*fields) without its Python-level __new__: twice as fast


class DomainScore(NamedTuple):
    id: str
    weight: float
    score: float | None  # None: not assessed
    level: int | None
    capped: bool  # a critical control holds the level down
    questions: int  # questions shown
    answered: int  # questions shown with an answer (na and dont_know included)


@dataclass(frozen=True)
class Result:
    overall: float | None
    level: int | None
    domains: dict  # domain id -> DomainScore, in questionnaire order
    completeness: float  # answered share of the questions shown, in [0, 1]
    trace: tuple
    submitted: bool

    counted: dict = field(default_factory=dict)  # the counted lines of the trace, by domain


def level_for(score: float | None) -> int | None:
    """The maturity level (1-5) of a score, or None when not assessed."""
    if score is None:
        return None
    return bisect_right(_LOWEST, score)


def level_name(level: int | None, lang: str) -> str | None:
    """A level's name in a language."""
    return None if level is None else LEVELS[level - 1][1][lang]


def points_for(question: Question, value) -> float:
    """The share of its points (in [0, 1]) an answer earns; dont_know earns 0."""
    if value == DONT_KNOW or value is None:
        return 0.0
    if question.type == "multi_choice":
        scores = question.option_scores
        return min(1.0, sum(score for option, score in scores.items() if option in value))
    return question.option_scores.get(value, 0.0)


def _status(question: Question, value, shown: bool, submitted: bool) -> tuple[str, float | None]:
    """Why and how much a question counts: its status and its points (None: not counted)."""
    if not question.scored:
        return "not_scored", None
    if not shown:
        return "hidden", None
    if value is None:
        return "unanswered", 0.0 if submitted else None
    if value == NA:
        return "na", None
    if value == DONT_KNOW:
        return "dont_know", 0.0
    return "answered", points_for(question, value)


def score_assessment(
    form: Questionnaire,
    answers: dict,
    submitted: bool = False,
    left_out: frozenset = frozenset(),
    trace: bool = True,
    shown: dict | None = None,
) -> Result:
    """Score answers against a sector's form; drafts leave unanswered questions out.

    `left_out` names unanswered questions to leave out even once submitted (a projection does
    this for the questions its improved answers reveal); without `trace`, the result's trace is
    left empty (a projection needs only the scores); `shown` is visible_questions(form, answers)
    when the caller has it already.
    """
    if shown is None:
        shown = visible_questions(form, answers)
    lines, domains, counted = [], {}, {}
    total_shown = total_answered = 0
    for domain in form.domains:
        rows, weights, earned, capped, visible, answered = [], 0.0, 0.0, False, 0, 0
        for q in domain.questions:
            value, seen = answers.get(q.id), shown[q.id]
            if seen:
                visible += 1
                answered += value is not None
            status, points = _status(q, value, seen, submitted and q.id not in left_out)
            if points is not None:
                weights += q.weight
                earned += q.weight * points
                capped = capped or (q.critical and points < CRITICAL_THRESHOLD)
            rows.append((q, value, status, points))
        score, level = _score_and_level(weights, earned, capped)
        if trace:
            domain_lines = [
                _new_line(
                    Contribution,
                    (
                        q.id,
                        q.domain,
                        q.weight,
                        status,
                        points,
                        points is not None,
                        q.critical,
                        value,
                        None if points is None else 100 * q.weight * points / weights,
                    ),
                )
                for q, value, status, points in rows
            ]
            lines += domain_lines
            counted[domain.id] = [line for line in domain_lines if line.counted]
            lines += [_other_sector(q) for q in form.other_sectors if q.domain == domain.id]
        total_shown += visible
        total_answered += answered
        domains[domain.id] = DomainScore(
            domain.id, domain.weight, score, level, capped and score is not None, visible, answered
        )
    completeness = total_answered / total_shown if total_shown else 1.0
    overall = _overall(domains)
    return Result(
        overall, level_for(overall), domains, completeness, tuple(lines), submitted, counted
    )


@lru_cache(maxsize=4096)
def _other_sector(question: Question) -> Contribution:
    """The line of a question asked only in other sectors: the same in every result."""
    return Contribution(
        question.id,
        question.domain,
        question.weight,
        "other_sector",
        None,
        False,
        question.critical,
    )


def _score_and_level(weights: float, earned: float, capped: bool) -> tuple:
    # Rounded so that float noise never moves a score across a threshold (59.999... is 60).
    score = round(100 * earned / weights, 9) if weights else None
    level = level_for(score)
    if level is not None and capped:
        level = min(level, CRITICAL_CAP_LEVEL)
    return score, level


def _overall(domains: dict) -> float | None:
    assessed = [d for d in domains.values() if d.score is not None]
    weights = sum(d.weight for d in assessed)
    return round(sum(d.weight * d.score for d in assessed) / weights, 9) if weights else None


def require_trace(result: Result) -> None:
    """Work that reads the counted lines needs a result scored with its trace."""
    if not result.trace and result.domains:
        raise ValueError("this needs a result scored with its trace (trace=True)")


def with_full_points(result: Result, questions: set) -> Result:
    """`result` as if its counted `questions` earned all their points, worked out from its trace.

    Only valid when no condition depends on those questions: the questions shown, and so the
    questions counted, stay the same. The trace of the result returned is empty.
    """
    require_trace(result)
    touched = {
        line.domain
        for lines in result.counted.values()
        for line in lines
        if line.question in questions
    }
    domains = {}
    for domain in result.domains.values():
        if domain.id not in touched:  # the same sums in the same order: the same score
            domains[domain.id] = domain
            continue
        weights = earned = 0.0
        capped = False
        for line in result.counted[domain.id]:
            points = 1.0 if line.question in questions else line.points
            weights += line.weight
            earned += line.weight * points
            capped = capped or (line.critical and points < CRITICAL_THRESHOLD)
        score, level = _score_and_level(weights, earned, capped)
        domains[domain.id] = domain._replace(
            score=score, level=level, capped=capped and score is not None
        )
    overall = _overall(domains)
    return Result(overall, level_for(overall), domains, result.completeness, (), result.submitted)
