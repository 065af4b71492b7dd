"""The score trace, the action plan and the projections; the invariants on the real library."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_scoring import TEXT, _rec, answered, best, choices, worst

from survey.paths import shipped_folder
from survey.plan import PRIORITY_ACTIONS, Plan, plan_body, trace_body
from survey.questionnaire import build_questionnaire, load_library
from survey.questionnaire.answers import visible_questions
from survey.scoring import points_for, score_assessment

LIBRARY = load_library(shipped_folder("questionnaires"))
REAL = [q.for_sector(s) for q in LIBRARY.questionnaires.values() for s in q.sector_ids()]


def _condition_sources(condition) -> set[str]:
    if condition is None:
        return set()
    if "question" in condition:
        return {condition["question"]}
    parts = condition.get("all") or condition.get("any") or [condition.get("not")]
    return set().union(*(_condition_sources(part) for part in parts))


def _real_answers(form, rng: random.Random) -> dict:
    answers = {}
    for q in form.questions():
        if q.type == "number" and rng.random() < 0.8:
            answers[q.id] = rng.choice([0, 3, 40])
        elif q.scored and rng.random() < 0.85:
            answers[q.id] = rng.choice(choices(q))[0]
    return answers


def _scores(result):
    return [result.overall, *(d.score for d in result.domains.values())]


# The invariants of DESIGN.md §5 on every questionnaire x sector of the shipped library --------


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(REAL), st.integers(0, 10**6), st.booleans())
def test_real_library_scores_are_bounded_deterministic_and_order_free(form, seed, submitted):
    answers = _real_answers(form, random.Random(seed))
    result = score_assessment(form, answers, submitted)
    assert all(s is None or 0 <= s <= 100 for s in _scores(result))
    shuffled = list(answers.items())
    random.Random(seed).shuffle(shuffled)
    assert score_assessment(form, dict(shuffled), submitted) == result


@pytest.mark.parametrize("form", REAL, ids=lambda f: f"{f.id}-{f.sector}")
def test_real_library_best_answers_give_100_and_worst_give_0(form):
    numbers = {q.id: 40 for q in form.questions() if q.type == "number"}  # every question shown
    top = {q.id: best(q) for q in form.questions() if q.scored} | numbers
    bottom = {q.id: worst(q) for q in form.questions() if q.scored} | numbers
    assert set(_scores(score_assessment(form, top, True))) == {100}
    assert set(_scores(score_assessment(form, bottom, True))) == {0}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(REAL), st.integers(0, 10**6), st.booleans(), st.data())
def test_real_library_improving_one_answer_never_lowers_a_score(form, seed, submitted, data):
    answers = _real_answers(form, random.Random(seed))
    sources = set().union(*(_condition_sources(q.condition) for q in form.questions()))
    candidates = [q for q in form.questions() if q.scored and q.id not in sources]
    question = data.draw(st.sampled_from(candidates))
    current = answers.get(question.id)
    if current == "na" or (current is None and not submitted):
        return
    here = 0.0 if current is None else points_for(question, current)
    better = [v for v, p in choices(question) if p is not None and p >= here]
    before = score_assessment(form, answers, submitted)
    after = score_assessment(
        form, {**answers, question.id: data.draw(st.sampled_from(better))}, submitted
    )
    for old, new in zip(_scores(before), _scores(after), strict=True):
        if old is not None:
            assert new is not None and new >= old - 1e-9
    for d in form.domains:
        assert (after.domains[d.id].level or 0) >= (before.domains[d.id].level or 0)


@pytest.mark.parametrize("form", REAL, ids=lambda f: f"{f.id}-{f.sector}")
def test_real_library_all_na_is_null_and_one_na_keeps_100(form):
    numbers = {q.id: 40 for q in form.questions() if q.type == "number"}
    for domain in form.domains:
        scored = [q for q in domain.questions if q.scored]
        if not scored:
            continue
        all_na = numbers | {q.id: "na" for q in scored}
        assert score_assessment(form, all_na, True).domains[domain.id].score is None
        if len(scored) > 1:
            perfect = numbers | {q.id: best(q) for q in scored} | {scored[0].id: "na"}
            assert score_assessment(form, perfect, True).domains[domain.id].score == 100


# The trace ------------------------------------------------------------------------------------


def _check_trace_adds_up(result):
    body = trace_body(result)
    for domain_id, entry in body.items():
        total = sum(line["contribution"] for line in entry["counted"])
        if entry["counted"]:  # each contribution is rounded to 0.01
            margin = 0.005 * len(entry["counted"]) + 1e-9
            assert abs(total - result.domains[domain_id].score) <= margin
        else:
            assert entry["score"] is None


@given(answered(), st.booleans())
def test_contributions_add_up_to_each_domain_score(case, submitted):
    form, answers = case
    _check_trace_adds_up(score_assessment(form, answers, submitted))


@pytest.mark.parametrize("seed", range(20))
def test_contributions_add_up_on_the_real_library(seed):
    form = REAL[seed % len(REAL)]
    _check_trace_adds_up(score_assessment(form, _real_answers(form, random.Random(seed)), True))


def test_the_trace_says_why_each_question_is_left_out():
    form = LIBRARY.get("readiness").for_sector("insurance")
    answers = {"rw_remote_staff": 0, "gov_security_owner": "na"}
    reasons = {}
    for domain in trace_body(score_assessment(form, answers)).values():
        reasons |= {line["question"]: line["reason"] for line in domain["excluded"]}
    assert reasons["gov_security_owner"] == "na"
    assert reasons["rw_home_practices"] == "hidden"  # nobody works remotely
    assert reasons["gov_budget"] == "unanswered"  # a draft leaves it out
    assert reasons["rw_remote_staff"] == "not_scored"
    banking_only = {q.id for q in LIBRARY.get("readiness").questions() if q.sectors} - {
        q.id for q in form.questions()
    }
    assert banking_only and all(reasons[q] == "other_sector" for q in banking_only)


# The action plan and the projections ----------------------------------------------------------


def _example():
    content = {
        "id": "ex",
        "version": 1,
        "title": TEXT,
        "sectors": [{"id": "general", "name": TEXT}],
        "domains": [
            {
                "id": "d",
                "title": TEXT,
                "questions": [
                    {
                        "id": "q1",
                        "type": "yes_partial_no",
                        "text": TEXT,
                        "weight": 2,
                        "recommendations": [_rec("r1", on=["no", "partial"])],
                    },
                    {
                        "id": "q2",
                        "type": "yes_partial_no",
                        "text": TEXT,
                        "recommendations": [
                            _rec("r2", on=["no"]) | {"weight": 4, "effort": "medium"}
                        ],
                    },
                ],
            },
        ],
    }
    return build_questionnaire(content).for_sector("general")


def test_worked_example_by_hand():
    plan = Plan(_example(), {"q1": "partial", "q2": "no"}, submitted=True)
    # d = 100 x (2 x 0.5 + 1 x 0) / 3 = 33.33; q1 contributes all of it, q2 nothing
    assert round(plan.result.domains["d"].score, 2) == 33.33
    counted = plan_body(plan)["trace"]["d"]["counted"]
    assert [(c["question"], c["contribution"]) for c in counted] == [("q1", 33.33), ("q2", 0)]
    # r1: 3 x 2 x 0.5 x 1 / 1 (low) = 3; r2: 4 x 1 x 1 x 1 / 2 (medium) = 2
    assert [(s.recommendation.id, s.priority) for s in plan.selected] == [("r1", 3), ("r2", 2)]
    # r1 done: q1 yes, d = 100 x 2 / 3 = 66.67; r1 and r2 done: 100
    assert round(plan.projected(1).overall, 2) == 66.67
    assert plan.projected(2).overall == 100


def _check_projections_never_lower(plan):
    previous = plan.result
    for projection in plan.projections:
        for old, new in zip(_scores(previous), _scores(projection.result), strict=True):
            if old is not None:
                assert new is not None and new >= old - 1e-9
        previous = projection.result


@given(answered(), st.booleans())
def test_the_plan_is_ordered_grouped_and_projections_never_lower_a_score(case, submitted):
    form, answers = case
    plan = Plan(form, answers, submitted)
    grouped = [s for group in plan.by_horizon.values() for s in group]
    assert sorted(id(s) for s in grouped) == sorted(id(s) for s in plan.selected)
    assert plan.priority_actions == plan.selected[:PRIORITY_ACTIONS]
    _check_projections_never_lower(plan)


@pytest.mark.parametrize("seed", range(30))
def test_projections_on_the_real_library_never_lower_a_score(seed):
    form = REAL[seed % len(REAL)]
    plan = Plan(form, _real_answers(form, random.Random(seed)), submitted=seed % 2 == 0)
    _check_projections_never_lower(plan)
    shown = visible_questions(form, plan.answers)
    assert all(shown[s.question] for s in plan.selected if s.question)


@given(answered(), st.booleans(), st.data())
def test_full_points_from_the_trace_equal_a_full_rescoring(case, submitted, data):
    from survey.plan import best_answer
    from survey.scoring import with_full_points

    form, answers = case
    result = score_assessment(form, answers, submitted)
    counted = [line.question for line in result.trace if line.counted]
    chosen = set(data.draw(st.lists(st.sampled_from(counted), unique=True))) if counted else set()
    questions = form.question_map()
    improved = answers | {q: best_answer(questions[q]) for q in chosen}
    fast = with_full_points(result, chosen)
    slow = score_assessment(form, improved, submitted)

    def levels(result):
        return {d.id: (d.score, d.level, d.capped) for d in result.domains.values()}

    assert levels(fast) == levels(slow) and fast.overall == slow.overall
