"""Which recommendations the answers call for, and in what order to act on them."""

from __future__ import annotations

from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

from .questionnaire.answers import DONT_KNOW
from .questionnaire.model import Question, Questionnaire, Recommendation
from .scoring import Result, require_trace

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
def _called_for(question: Question, value, points: float) -> tuple[tuple, ...]:
    """The recommendations of a question that an answer earning `points` calls for, as
    (place in the plan, recommendation id, selection).

    `value` is the answer, dont_know when unanswered, a frozenset for multiple choices."""
    gap = 1 - points
    return tuple(
        _entry(
            Selected(
                rec, priority_of(rec, question.weight, gap, question.critical), gap, question.id
            )
        )
        for rec in question.recommendations
        if _triggered(rec, value, points)
    )


def priority_of(rec: Recommendation, question_weight: float, gap: float, critical: bool) -> float:
    """Authored weight x question weight x gap x criticality, over effort."""
    gain = rec.weight * question_weight * gap * CRITICALITY[critical]
    return round(gain / EFFORT_COST[rec.effort], 3)


def select_recommendations(form: Questionnaire, answers: dict, result: Result) -> list[Selected]:
    """Every recommendation called for, deduplicated, in action-plan order."""
    require_trace(result)
    questions = form.question_map()
    best: dict[str, tuple] = {}  # recommendation id -> (place in the plan, id, selection)
    for line in chain.from_iterable(result.counted.values()):
        if line.points >= 1:
            continue
        question = questions[line.question]
        if not question.recommendations:
            continue
        value = answers.get(question.id)
        if value is None:  # unanswered in a submitted assessment: treated as don't know
            value = DONT_KNOW
        elif isinstance(value, list):
            value = frozenset(value)
        for entry in _called_for(question, value, line.points):
            current = best.get(entry[1])
            if current is None or entry[0] < current[0]:  # a higher priority
                best[entry[1]] = entry
    for domain in form.domains:
        score = result.domains[domain.id]
        for rec in domain.recommendations:
            if score.level is not None and score.level in rec.levels:
                gap = 1 - score.score / 100
                entry = _entry(Selected(rec, priority_of(rec, 1, gap, False), gap, None))
                current = best.get(rec.id)
                if current is None or entry[0] < current[0]:
                    best[rec.id] = entry
    return [entry[2] for entry in sorted(best.values(), key=itemgetter(0))]


def _entry(selected: Selected) -> tuple:
    """A selection with its place in the plan (highest priority, soonest horizon, then id)."""
    rec = selected.recommendation
    return (-selected.priority, HORIZON_ORDER[rec.horizon], rec.id), rec.id, selected
