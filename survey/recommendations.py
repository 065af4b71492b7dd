"""Which recommendations the answers call for, and in what order to act on them."""

from __future__ import annotations

from dataclasses import dataclass

from .questionnaire.answers import DONT_KNOW
from .questionnaire.model import Questionnaire, Recommendation
from .scoring import Result

EFFORT_COST = {"low": 1, "medium": 2, "high": 4}
HORIZON_ORDER = {"30d": 0, "90d": 1, "12m": 2}
CRITICALITY = {True: 2, False: 1}


@dataclass(frozen=True)
class Selected:
    """A recommendation the answers call for, with its computed priority."""

    recommendation: Recommendation
    priority: float  # expected gain over effort; higher means sooner
    gap: float  # the missing share of points (or of the domain score) that triggered it
    question: str | None


def _triggered(rec: Recommendation, value, points: float) -> bool:
    if rec.below is not None:
        return points < rec.below
    selected = set(value) if isinstance(value, list) else {value}
    return bool(selected & rec.on)


def priority_of(rec: Recommendation, question_weight: float, gap: float, critical: bool) -> float:
    """Authored weight x question weight x gap x criticality, over effort."""
    gain = rec.weight * question_weight * gap * CRITICALITY[critical]
    return round(gain / EFFORT_COST[rec.effort], 3)


def select_recommendations(form: Questionnaire, answers: dict, result: Result) -> list[Selected]:
    """Every recommendation called for, deduplicated, in action-plan order."""
    questions = form.question_map()
    best: dict[str, Selected] = {}

    def keep(selected: Selected):
        current = best.get(selected.recommendation.id)
        if current is None or selected.priority > current.priority:
            best[selected.recommendation.id] = selected

    for line in result.trace:
        if not line.counted:
            continue
        question = questions[line.question]
        value = answers.get(question.id)
        if value is None:  # unanswered in a submitted assessment: treated as don't know
            value = DONT_KNOW
        gap = 1 - line.points
        for rec in question.recommendations:
            if gap > 0 and _triggered(rec, value, line.points):
                keep(
                    Selected(
                        rec,
                        priority_of(rec, question.weight, gap, question.critical),
                        gap,
                        question.id,
                    )
                )
    for domain in form.domains:
        score = result.domains[domain.id]
        for rec in domain.recommendations:
            if score.level is not None and score.level in rec.levels:
                gap = 1 - score.score / 100
                keep(Selected(rec, priority_of(rec, 1, gap, False), gap, None))
    return sorted(
        best.values(),
        key=lambda s: (-s.priority, HORIZON_ORDER[s.recommendation.horizon], s.recommendation.id),
    )
