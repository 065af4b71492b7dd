"""What changed between an organisation's previous assessment and its re-assessment: each
domain's score, the questions that improved or regressed, the actions closed, still open or new.
"""

from __future__ import annotations

from dataclasses import dataclass

from .plan import Plan


@dataclass(frozen=True)
class Change:
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class Comparison:
    overall: Change
    domains: dict  # domain id -> Change, in the re-assessment's order
    improved: tuple  # question ids whose answer earns more points now
    regressed: tuple  # ... fewer points
    closed: tuple  # recommendation ids the previous answers called for, the new ones do not
    still_open: tuple  # ... called for by both
    new: tuple  # ... called for by the new answers only


def _points(plan: Plan) -> dict:
    return {line.question: line.points for line in plan.result.trace if line.counted}


def compare(before: Plan, after: Plan) -> Comparison:
    """`after` (the re-assessment) against `before` (the assessment it follows)."""
    domains = {
        d: Change(before.result.domains[d].score if d in before.result.domains else None, s.score)
        for d, s in after.result.domains.items()
    }
    old, now = _points(before), _points(after)
    both = [q for q in now if q in old]
    earlier = [s.recommendation.id for s in before.selected]
    later = [s.recommendation.id for s in after.selected]
    return Comparison(
        overall=Change(before.result.overall, after.result.overall),
        domains=domains,
        improved=tuple(q for q in both if now[q] > old[q]),
        regressed=tuple(q for q in both if now[q] < old[q]),
        closed=tuple(r for r in earlier if r not in later),
        still_open=tuple(r for r in later if r in earlier),
        new=tuple(r for r in later if r not in earlier),
    )


def _change(change: Change) -> dict:
    delta = change.delta
    rounded = lambda v: None if v is None else round(v, 1)  # noqa: E731
    return {"before": rounded(change.before), "after": rounded(change.after),
            "delta": rounded(delta)}  # fmt: skip


def comparison_body(comparison: Comparison) -> dict:
    """The comparison as the API gives it."""
    return {
        "overall": _change(comparison.overall),
        "domains": {d: _change(c) for d, c in comparison.domains.items()},
        "questions": {
            "improved": list(comparison.improved),
            "regressed": list(comparison.regressed),
        },  # fmt: skip
        "actions": {
            "closed": list(comparison.closed),
            "still_open": list(comparison.still_open),
            "new": list(comparison.new),
        },
    }
