"""Which recommendations the answers call for, and in what order to act on them."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from .questionnaire.answers import DONT_KNOW
from .questionnaire.model import Question, Questionnaire, Recommendation
from .scoring import Result

EFFORT_COST = {"low": 1, "medium": 2, "high": 4}
HORIZON_ORDER = {"30d": 0, "90d": 1, "12m": 2}
CRITICALITY = {True: 2, False: 1}


class Selected(NamedTuple):
    """A recommendation the answers call for, with its computed priority."""

    recommendation: Recommendation
    priority: float  # expected gain over effort; higher means sooner
    gap: float  # the missing share of points (or of the domain score) that triggered it
    question: str | None


def _triggered(rec: Recommendation, value, points: float) -> bool:
    if rec.below is not None:
        return points < rec.below
    return bool(value & rec.on) if isinstance(value, frozenset) else value in rec.on


@lru_cache(maxsize=16384)
def _called_for(question: Question, value, points: float) -> tuple[Selected, ...]:
    """The recommendations of a question that an answer earning `points` calls for.

    `value` is the answer, dont_know when unanswered, a frozenset for multiple choices."""
    gap = 1 - points
    return tuple(
        Selected(rec, priority_of(rec, question.weight, gap, question.critical), gap, question.id)
        for rec in question.recommendations
        if _triggered(rec, value, points)
    )


def priority_of(rec: Recommendation, question_weight: float, gap: float, critical: bool) -> float:
    """Authored weight x question weight x gap x criticality, over effort."""
    gain = rec.weight * question_weight * gap * CRITICALITY[critical]
    return round(gain / EFFORT_COST[rec.effort], 3)


def select_recommendations(form: Questionnaire, answers: dict, result: Result) -> list[Selected]:
    """Every recommendation called for, deduplicated, in action-plan order."""
    questions = form.question_map()
    best: dict[str, Selected] = {}
    for line in result.trace:
        if not line.counted or line.points >= 1:
            continue
        question = questions[line.question]
        if not question.recommendations:
            continue
        value = answers.get(question.id)
        if value is None:  # unanswered in a submitted assessment: treated as don't know
            value = DONT_KNOW
        elif isinstance(value, list):
            value = frozenset(value)
        for selected in _called_for(question, value, line.points):
            current = best.get(selected.recommendation.id)
            if current is None or selected.priority > current.priority:
                best[selected.recommendation.id] = selected
    for domain in form.domains:
        score = result.domains[domain.id]
        for rec in domain.recommendations:
            if score.level is not None and score.level in rec.levels:
                gap = 1 - score.score / 100
                priority = priority_of(rec, 1, gap, False)
                current = best.get(rec.id)
                if current is None or priority > current.priority:
                    best[rec.id] = Selected(rec, priority, gap, None)
    return sorted(best.values(), key=_plan_order)


def _plan_order(selected: Selected) -> tuple:
    rec = selected.recommendation
    return -selected.priority, HORIZON_ORDER[rec.horizon], rec.id
