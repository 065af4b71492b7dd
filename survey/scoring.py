"""Scores from answers: per question points, per domain and overall scores, levels, a trace."""

from __future__ import annotations

from dataclasses import dataclass

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
# A critical question earning less than this share of its points caps its domain's level.
CRITICAL_THRESHOLD = 0.5
CRITICAL_CAP_LEVEL = 2


@dataclass(frozen=True)
class Contribution:
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


@dataclass(frozen=True)
class DomainScore:
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


def level_for(score: float | None) -> int | None:
    """The maturity level (1-5) of a score, or None when not assessed."""
    if score is None:
        return None
    return max(index + 1 for index, (low, _) in enumerate(LEVELS) if score >= low)


def level_name(level: int | None, lang: str) -> str | None:
    """A level's name in a language."""
    return None if level is None else LEVELS[level - 1][1][lang]


def points_for(question: Question, value) -> float:
    """The share of its points (in [0, 1]) an answer earns; dont_know earns 0."""
    if value == DONT_KNOW or value is None:
        return 0.0
    if question.type == "multi_choice":
        return min(1.0, sum(o.score for o in question.options if o.value in value))
    option = question.option(value)
    return float(option.score) if option else 0.0


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


def _weighted_mean(pairs) -> float | None:
    pairs = list(pairs)
    total = sum(weight for weight, _ in pairs)
    if not total:
        return None
    # Rounded so that float noise never moves a score across a level threshold (59.999... is 60).
    return round(100 * sum(weight * value for weight, value in pairs) / total, 9)


def _lines(domain, answers: dict, shown: dict, submitted: bool, left_out) -> list[Contribution]:
    """The trace lines of a domain's questions, with what each counted one contributes."""
    statuses = [
        _status(q, answers.get(q.id), shown[q.id], submitted and q.id not in left_out)
        for q in domain.questions
    ]
    pairs = zip(domain.questions, statuses, strict=True)
    total = sum(q.weight for q, (_, points) in pairs if points is not None)
    return [
        Contribution(
            q.id,
            q.domain,
            q.weight,
            status,
            points,
            points is not None,
            q.critical,
            answers.get(q.id),
            None if points is None else 100 * q.weight * points / total,
        )
        for q, (status, points) in zip(domain.questions, statuses, strict=True)
    ]


def score_assessment(
    form: Questionnaire, answers: dict, submitted: bool = False, left_out: frozenset = frozenset()
) -> Result:
    """Score answers against a sector's form; drafts leave unanswered questions out.

    `left_out` names unanswered questions to leave out even once submitted (a projection does
    this for the questions its improved answers reveal).
    """
    shown = visible_questions(form, answers)
    trace, domains = [], {}
    total_shown = total_answered = 0
    for domain in form.domains:
        lines = _lines(domain, answers, shown, submitted, left_out)
        trace.extend(lines)
        trace.extend(
            Contribution(q.id, domain.id, q.weight, "other_sector", None, False, q.critical)
            for q in form.other_sectors
            if q.domain == domain.id
        )
        counted = [line for line in lines if line.counted]
        score = _weighted_mean((line.weight, line.points) for line in counted)
        capped = any(line.critical and line.points < CRITICAL_THRESHOLD for line in counted)
        level = level_for(score)
        if level is not None and capped:
            level = min(level, CRITICAL_CAP_LEVEL)
        visible = [q for q in domain.questions if shown[q.id]]
        answered = sum(1 for q in visible if answers.get(q.id) is not None)
        total_shown += len(visible)
        total_answered += answered
        domains[domain.id] = DomainScore(
            domain.id,
            domain.weight,
            score,
            level,
            capped and score is not None,
            len(visible),
            answered,
        )
    overall = _weighted_mean(
        (d.weight, d.score / 100) for d in domains.values() if d.score is not None
    )
    completeness = total_answered / total_shown if total_shown else 1.0
    return Result(overall, level_for(overall), domains, completeness, tuple(trace), submitted)
