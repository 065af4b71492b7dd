"""The action plan: the recommendations called for, in order, by horizon, with projected scores.

The plan's order is the recommendations' computed priority (expected gain over effort, see
`recommendations.py`). The first PRIORITY_ACTIONS are the priority actions. A projection scores the
assessment as if the first N actions were done: each action tied to a question brings that question
to its best answer; an action on a whole domain changes no answer, so it moves no score. Questions
that the better answers reveal, and that nobody has answered yet, are left out of the projection.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from .questionnaire.answers import visible_questions
from .questionnaire.model import Question, Questionnaire
from .recommendations import HORIZON_ORDER, Selected, select_recommendations
from .scoring import Result, score_assessment, with_full_points

PRIORITY_ACTIONS = 5
PROJECTIONS = (5, 10)  # projected scores after the first 5 and the first 10 actions


def best_answer(question: Question):
    """The answer that earns a question all its points."""
    if question.type == "multi_choice":
        return [o.value for o in question.options if o.score > 0]
    return max(question.options, key=lambda o: o.score).value


@dataclass(frozen=True)
class Projection:
    actions: int  # how many of the first actions are taken as done
    result: Result


class Plan:
    """Scores, recommendations in action-plan order, and the scores they would bring."""

    def __init__(self, form: Questionnaire, answers: dict, submitted: bool):
        self.form, self.answers = form, answers
        self.shown = visible_questions(form, answers)  # whether each question is shown
        self.result = score_assessment(form, answers, submitted=submitted, shown=self.shown)
        self.selected: list[Selected] = select_recommendations(form, answers, self.result)

    @property
    def priority_actions(self) -> list[Selected]:
        return self.selected[:PRIORITY_ACTIONS]

    @property
    def by_horizon(self) -> dict[str, list[Selected]]:
        """The actions of each horizon (quick wins first), in plan order."""
        groups: dict[str, list[Selected]] = {horizon: [] for horizon in HORIZON_ORDER}
        for selected in self.selected:
            groups[selected.recommendation.horizon].append(selected)
        return groups

    @cached_property
    def projections(self) -> tuple[Projection, ...]:
        return tuple(Projection(count, self.projected(count)) for count in PROJECTIONS)

    def projected(self, count: int) -> Result:
        """The scores if the first `count` actions of the plan were done."""
        done = {s.question for s in self.selected[:count] if s.question is not None}
        if not done & self.form.condition_sources:  # the same questions stay shown: no re-scoring
            return with_full_points(self.result, done)
        questions = self.form.question_map()
        improved = dict(self.answers) | {q: best_answer(questions[q]) for q in done}
        before = self.shown
        after = visible_questions(self.form, improved)
        revealed = frozenset(
            q for q, shown in after.items() if shown and not before[q] and improved.get(q) is None
        )
        return score_assessment(
            self.form,
            improved,
            submitted=self.result.submitted,
            left_out=revealed,
            trace=False,
            shown=after,
        )


def _round(value):
    return None if value is None else round(value, 1)


def scores_body(result: Result) -> dict:
    """Scores as the API gives them: overall and per domain, to one decimal place."""
    return {
        "overall": _round(result.overall),
        "level": result.level,
        "domains": {
            d.id: {"score": _round(d.score), "level": d.level} for d in result.domains.values()
        },
    }


def trace_body(result: Result) -> dict:
    """For each domain: its score, the questions counted with their contribution (adding up to
    the score) and the questions left out with the reason; and how each domain counts overall."""
    domains = {}
    for domain in result.domains.values():
        domains[domain.id] = {
            "score": _round(domain.score),
            "level": domain.level,
            "capped": domain.capped,
            "weight": domain.weight,
            "counted": [],
            "excluded": [],
        }
    for line in result.trace:
        entry = domains[line.domain]
        if line.counted:
            entry["counted"].append(
                {
                    "question": line.question,
                    "answer": line.answer,
                    "status": line.status,
                    "points": round(line.points, 4),
                    "weight": line.weight,
                    "critical": line.critical,
                    "contribution": round(line.contribution, 2),
                }
            )
        elif line.status == "other_sector":  # the same in every result: built once
            entry["excluded"].append(_other_sector_entry(line.question))
        else:
            entry["excluded"].append(
                {"question": line.question, "answer": line.answer, "reason": line.status}
            )
    return domains


@lru_cache(maxsize=4096)
def _other_sector_entry(question: str) -> dict:
    return {"question": question, "answer": None, "reason": "other_sector"}


@lru_cache(maxsize=16384)
def recommendation_body(selected: Selected) -> dict:
    """A selected recommendation as the API gives it. Cached, since the same selections recur:
    the dict is shared, never change it."""
    rec = selected.recommendation
    return {
        "id": rec.id,
        "domain": rec.domain,
        "question": selected.question,
        "priority": selected.priority,
        "gap": round(selected.gap, 4),
        "horizon": rec.horizon,
        "effort": rec.effort,
        "title": rec.title,
        "refs": rec.refs,
    }


def plan_body(plan: Plan) -> dict:
    """The trace, recommendations, action plan and projections, as the API returns them."""
    return {
        "trace": trace_body(plan.result),
        "recommendations": [recommendation_body(s) for s in plan.selected],
        "action_plan": {
            "priority_actions": [
                {
                    "id": s.recommendation.id,
                    "title": s.recommendation.title,
                    "why": s.recommendation.why,
                    "how": s.recommendation.how,
                }
                for s in plan.priority_actions
            ],
            "by_horizon": {
                horizon: [s.recommendation.id for s in group]
                for horizon, group in plan.by_horizon.items()
            },
        },
        "projected": [{"actions": p.actions, **scores_body(p.result)} for p in plan.projections],
    }
