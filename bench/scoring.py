"""Scoring throughput on one core: full results, exactly what the API returns, per second.

Run: python bench/scoring.py [--seconds 3]. Budget (DESIGN.md §8): at least 2,000 per second.
The baseline, measured in the same run, is a plain weighted mean over the same answers with no
conditions, trace or recommendations: the ratio says what the full model costs on top of it.
"""

from __future__ import annotations

import argparse
import random
import time

from survey.jsonio import dumps
from survey.paths import shipped_folder
from survey.plan import Plan, plan_body, scores_body
from survey.questionnaire import load_library
from survey.scoring import points_for


def random_answers(form, rng: random.Random) -> dict:
    answers = {}
    for q in form.questions():
        if q.type == "multi_choice":
            answers[q.id] = [o.value for o in q.options if rng.random() < 0.5]
        elif q.scored:
            answers[q.id] = rng.choice([o.value for o in q.options] + ["dont_know"])
        elif q.type == "number":
            answers[q.id] = rng.randint(0, 200)
    return answers


def rate(function, cases, seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for form, answers in cases:
            function(form, answers)
        done += len(cases)
    return done / (time.perf_counter() - start)


def full(form, answers):
    """Scores, trace, recommendations, action plan and projections, as the API's JSON body."""
    plan = Plan(form, answers, submitted=True)
    body = {"scores": scores_body(plan.result), **plan_body(plan)}
    return dumps(body)  # as the API writes it


def baseline(form, answers):
    pairs = [(q.weight, points_for(q, answers.get(q.id))) for q in form.questions() if q.scored]
    return sum(w * p for w, p in pairs) / sum(w for w, _ in pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    library = load_library(shipped_folder("questionnaires"))
    rng = random.Random(7)
    readiness = library.get("readiness")  # the budget is set for the full questionnaire
    cases = [
        (form, random_answers(form, rng))
        for form in (readiness.for_sector(s) for s in readiness.sector_ids())
        for _ in range(20)
    ]
    questions = sum(len(f.questions()) for f, _ in cases) / len(cases)
    full_rate = rate(full, cases, args.seconds)
    base_rate = rate(baseline, cases, args.seconds)
    print(f"cases: {len(cases)} (readiness x every sector, {questions:.0f} questions each)")
    print(
        f"full results: {full_rate:,.0f}/s  (budget 2,000/s: "
        f"{'met' if full_rate >= 2000 else 'MISSED'})"
    )
    print(
        f"baseline weighted mean: {base_rate:,.0f}/s  (full model costs "
        f"{base_rate / full_rate:.1f}x the baseline)"
    )


if __name__ == "__main__":
    main()
