"""Scoring invariants (DESIGN.md §5) on generated questionnaires, plus worked examples."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from survey.questionnaire import build_questionnaire
from survey.recommendations import select_recommendations
from survey.scoring import CRITICAL_CAP_LEVEL, level_for, points_for, score_assessment

TEXT = {"ar": "نص", "fr": "Texte", "en": "Text"}


def _rec(rec_id, **trigger):
    return {
        "id": rec_id,
        "weight": 3,
        "effort": "low",
        "horizon": "30d",
        "title": TEXT,
        "why": TEXT,
        "how": TEXT,
        **trigger,
    }


@st.composite
def questions(draw, qid):
    qtype = draw(st.sampled_from(["single_choice", "multi_choice", "scale", "yes_partial_no"]))
    q = {
        "id": qid,
        "type": qtype,
        "text": TEXT,
        "weight": draw(st.sampled_from([0.5, 1, 2, 3])),
        "allow_na": draw(st.booleans()),
        "critical": draw(st.booleans()),
        "recommendations": [_rec(f"r_{qid}", below=1)],
    }
    if qtype == "multi_choice":
        n = draw(st.integers(2, 5))
        q["options"] = [
            {"value": f"o{i}", "score": (1 if n == 2 else 0.5) if i else 0, "label": TEXT}
            for i in range(n)
        ]
    elif qtype != "yes_partial_no":
        inner = draw(st.lists(st.sampled_from([0.25, 0.5, 0.75]), max_size=3))
        scores = [0, *inner, 1]
        q["options"] = [
            {"value": f"o{i}", "score": s, "label": TEXT, "descriptor": TEXT}
            for i, s in enumerate(scores)
        ]
    return q


@st.composite
def forms(draw):
    domains = []
    for d in range(draw(st.integers(1, 3))):
        n = draw(st.integers(1, 5))
        domains.append(
            {
                "id": f"d{d}",
                "title": TEXT,
                "weight": draw(st.sampled_from([1, 2])),
                "questions": [draw(questions(f"q{d}_{i}")) for i in range(n)],
                "recommendations": [_rec(f"rd{d}", levels=[1, 2])],
            }
        )
    content = {
        "id": "gen",
        "version": 1,
        "title": TEXT,
        "sectors": [{"id": "general", "name": TEXT}],
        "domains": domains,
    }
    return build_questionnaire(content).for_sector("general")


def choices(question):
    """Every possible answer to a question, each with its points (None: not counted)."""
    out = [("dont_know", 0.0)]
    if question.allow_na:
        out.append(("na", None))
    if question.type == "multi_choice":
        values = [o.value for o in question.options]
        for mask in range(1 << len(values)):
            chosen = [v for i, v in enumerate(values) if mask >> i & 1]
            out.append((chosen, points_for(question, chosen)))
    else:
        out += [(o.value, o.score) for o in question.options]
    return out


def best(question):
    return max((c for c in choices(question) if c[1] is not None), key=lambda c: c[1])[0]


def worst(question):
    return min((c for c in choices(question) if c[1] is not None), key=lambda c: c[1])[0]


@st.composite
def answered(draw):
    form = draw(forms())
    answers = {}
    for q in form.questions():
        if draw(st.integers(0, 4)):
            answers[q.id] = draw(st.sampled_from(choices(q)))[0]
    return form, answers


def _scores(result):
    return [result.overall, *(d.score for d in result.domains.values())]


@given(answered(), st.booleans())
def test_scores_are_bounded_and_deterministic(case, submitted):
    form, answers = case
    result = score_assessment(form, answers, submitted)
    for score in _scores(result):
        assert score is None or 0 <= score <= 100
    shuffled = list(answers.items())
    random.Random(1).shuffle(shuffled)
    assert score_assessment(form, dict(shuffled), submitted) == result
    assert 0 <= result.completeness <= 1


@given(forms())
def test_best_answers_give_100_and_worst_give_0(form):
    top = score_assessment(form, {q.id: best(q) for q in form.questions()}, True)
    bottom = score_assessment(form, {q.id: worst(q) for q in form.questions()}, True)
    assert _scores(top) == [100] * len(_scores(top))
    assert _scores(bottom) == [0] * len(_scores(bottom))
    assert top.level == 5 and bottom.level == 1


@settings(max_examples=200)
@given(answered(), st.booleans(), st.data())
def test_improving_one_answer_never_lowers_a_score_or_level(case, submitted, data):
    form, answers = case
    question = data.draw(st.sampled_from(form.questions()))
    current = answers.get(question.id)
    if current == "na" or (current is None and not submitted):
        return  # na and (in a draft) no answer are not on the points scale
    here = 0.0 if current is None else points_for(question, current)
    better = [v for v, p in choices(question) if p is not None and p >= here]
    improved = {**answers, question.id: data.draw(st.sampled_from(better))}
    before = score_assessment(form, answers, submitted)
    after = score_assessment(form, improved, submitted)
    for old, new in zip(_scores(before), _scores(after), strict=True):
        if old is not None:  # from "not assessed", any score is a change of kind, not a drop
            assert new is not None and new >= old - 1e-9
    for d in form.domains:
        assert (after.domains[d.id].level or 0) >= (before.domains[d.id].level or 0)


@given(forms())
def test_na_everywhere_is_not_assessed_and_one_na_keeps_100(form):
    domain = form.domains[0]
    if not all(q.allow_na for q in domain.questions):
        return
    answers = {q.id: "na" for q in domain.questions}
    result = score_assessment(form, answers, True)
    assert result.domains[domain.id].score is None and result.domains[domain.id].level is None
    perfect = {q.id: best(q) for q in domain.questions}
    perfect[domain.questions[0].id] = "na"
    if len(domain.questions) > 1:
        assert score_assessment(form, perfect, True).domains[domain.id].score == 100


@given(answered())
def test_trace_explains_every_domain_score(case):
    form, answers = case
    result = score_assessment(form, answers)
    for domain in result.domains.values():
        lines = [t for t in result.trace if t.domain == domain.id and t.counted]
        if not lines:
            assert domain.score is None
            continue
        total = sum(t.weight for t in lines)
        assert abs(domain.score - 100 * sum(t.weight * t.points for t in lines) / total) < 1e-9


@given(answered())
def test_recommendations_are_unique_and_ordered(case):
    form, answers = case
    result = score_assessment(form, answers, True)
    selected = select_recommendations(form, answers, result)
    ids = [s.recommendation.id for s in selected]
    assert len(ids) == len(set(ids))
    priorities = [s.priority for s in selected]
    assert priorities == sorted(priorities, reverse=True)


# Worked examples ------------------------------------------------------------------------------


def _form(*questions, weights=None):
    content = {
        "id": "ex",
        "version": 1,
        "title": TEXT,
        "sectors": [{"id": "general", "name": TEXT, "domain_weights": weights or {}}],
        "domains": [
            {"id": "d", "title": TEXT, "questions": list(questions)},
            {
                "id": "e",
                "title": TEXT,
                "questions": [{"id": "e1", "type": "yes_partial_no", "text": TEXT}],
            },
        ],
    }
    return build_questionnaire(content).for_sector("general")


YPN = {"type": "yes_partial_no", "text": TEXT}


def test_weighted_example():
    form = _form({"id": "a", **YPN, "weight": 3}, {"id": "b", **YPN, "weight": 1}, weights={"e": 3})
    result = score_assessment(form, {"a": "yes", "b": "no", "e1": "partial"})
    assert result.domains["d"].score == 75  # (3 x 1 + 1 x 0) / 4
    assert result.domains["e"].score == 50
    assert result.overall == (75 * 1 + 50 * 3) / 4


def test_draft_leaves_unanswered_out_and_submit_counts_them_as_zero():
    form = _form({"id": "a", **YPN}, {"id": "b", **YPN})
    draft = score_assessment(form, {"a": "yes"})
    submitted = score_assessment(form, {"a": "yes"}, submitted=True)
    assert draft.domains["d"].score == 100 and draft.domains["e"].score is None
    assert submitted.domains["d"].score == 50 and submitted.domains["e"].score == 0
    assert draft.completeness == 1 / 3


def test_dont_know_is_a_gap_not_na():
    form = _form({"id": "a", **YPN, "allow_na": True}, {"id": "b", **YPN})
    assert score_assessment(form, {"a": "dont_know", "b": "yes"}).domains["d"].score == 50
    assert score_assessment(form, {"a": "na", "b": "yes"}).domains["d"].score == 100


def test_hidden_question_keeps_its_answer_but_does_not_count():
    form = _form(
        {"id": "a", **YPN}, {"id": "b", **YPN, "condition": {"question": "a", "in": ["yes"]}}
    )
    answers = {"a": "no", "b": "yes"}
    result = score_assessment(form, answers)
    assert result.domains["d"].score == 0
    assert [t.status for t in result.trace if t.question == "b"] == ["hidden"]
    assert score_assessment(form, {"a": "yes", "b": "yes"}).domains["d"].score == 100


def test_critical_control_caps_the_level_not_the_score():
    form = _form({"id": "a", **YPN, "critical": True}, *[{"id": f"x{i}", **YPN} for i in range(9)])
    answers = {"a": "no", **{f"x{i}": "yes" for i in range(9)}}
    domain = score_assessment(form, answers).domains["d"]
    assert domain.score == 90 and level_for(90) == 5
    assert domain.level == CRITICAL_CAP_LEVEL and domain.capped


def test_multi_choice_sums_to_at_most_one():
    q = {
        "id": "m",
        "type": "multi_choice",
        "text": TEXT,
        "options": [
            {"value": v, "score": s, "label": TEXT}
            for v, s in (("a", 0.5), ("b", 0.5), ("c", 0.5), ("z", 0))
        ],
    }
    form = _form(q)
    assert points_for(form.question_map()["m"], ["a", "b", "c"]) == 1
    assert points_for(form.question_map()["m"], ["a"]) == 0.5
    assert points_for(form.question_map()["m"], []) == 0


def test_a_score_on_a_threshold_gets_that_level():
    """0.4, 1 and 0.4 with equal weights is 60 exactly, not 59.999... one level lower."""
    option = [
        {"value": "low", "score": 0.4, "label": TEXT},
        {"value": "none", "score": 0, "label": TEXT},
        {"value": "top", "score": 1, "label": TEXT},
    ]
    questions = [
        {"id": f"s{i}", "type": "single_choice", "text": TEXT, "weight": 0.5, "options": option}
        for i in range(3)
    ]
    form = _form(*questions)
    domain = score_assessment(form, {"s0": "low", "s1": "top", "s2": "low"}).domains["d"]
    assert domain.score == 60 and domain.level == 4
