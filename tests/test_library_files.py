"""The shipped library: every file loads, fits the JSON Schema, holds the scoring invariants."""

from __future__ import annotations

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey.paths import shipped_folder
from survey.questionnaire import SECTORS, check_library, json_schema
from survey.questionnaire.source import Loader
from survey.recommendations import select_recommendations
from survey.scoring import points_for, score_assessment

FOLDER = shipped_folder("questionnaires")
LIBRARY, PROBLEMS = check_library(FOLDER)
FORMS = sorted(
    (
        (q.id, s)
        for q in (LIBRARY.questionnaires.values() if LIBRARY else ())
        for s in q.sector_ids()
    ),
)


def test_shipped_library_has_no_problem():
    assert LIBRARY is not None and not PROBLEMS, "\n".join(map(str, PROBLEMS))


@pytest.mark.parametrize("path", sorted(FOLDER.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_file_matches_the_json_schema(path):
    data = yaml.load(path.read_text("utf-8"), Loader=Loader)
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(data))
    assert not errors, [e.message for e in errors[:3]]


def test_readiness_proves_the_whole_chain():
    readiness = LIBRARY.get("readiness")
    assert set(readiness.sector_ids()) == set(SECTORS)
    every = [q for d in readiness.domains for q in d.questions]
    assert {q.type for q in every} == {
        "single_choice",
        "multi_choice",
        "scale",
        "yes_partial_no",
        "number",
        "text",
    }
    recommendations = {r.id for q in every for r in q.recommendations}
    recommendations |= {r.id for d in readiness.domains for r in d.recommendations}
    assert len(recommendations) >= 20
    assert any(q.condition for q in every) and any(q.critical for q in every)
    assert any(q.allow_na for q in every)
    for sector in SECTORS:
        if sector != "general":
            assert any(q.sectors and sector in q.sectors for q in every), sector


def _form(questionnaire_id, sector):
    return LIBRARY.get(questionnaire_id).for_sector(sector)


def _values(question):
    if question.type == "multi_choice":
        return [[o.value for o in question.options if o.score > 0], []]
    ranked = sorted(question.options, key=lambda o: o.score)
    return [ranked[-1].value, ranked[0].value]


def _extreme(form, best: bool):
    answers = {}
    for q in form.questions():
        if q.scored:
            answers[q.id] = _values(q)[0 if best else 1]
        elif q.type == "number":
            answers[q.id] = q.max if q.max is not None else 1000
    return answers


@pytest.mark.parametrize(("questionnaire_id", "sector"), FORMS)
def test_best_gives_100_and_worst_gives_0(questionnaire_id, sector):
    form = _form(questionnaire_id, sector)
    top = score_assessment(form, _extreme(form, True), submitted=True)
    bottom = score_assessment(form, _extreme(form, False), submitted=True)
    assert top.overall == 100 and all(d.score == 100 for d in top.domains.values())
    assert bottom.overall == 0 and all(d.score in (0, None) for d in bottom.domains.values())
    assert not select_recommendations(form, _extreme(form, True), top)
    assert select_recommendations(form, _extreme(form, False), bottom)


def _condition_sources(form):
    used = set()

    def walk(condition):
        if "question" in condition:
            used.add(condition["question"])
        for key in ("all", "any"):
            for child in condition.get(key, ()):
                walk(child)
        if "not" in condition:
            walk(condition["not"])

    for q in form.questions():
        if q.condition:
            walk(q.condition)
    return used


@pytest.mark.parametrize(("questionnaire_id", "sector"), FORMS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_improving_an_answer_never_lowers_a_score(questionnaire_id, sector, data):
    form = _form(questionnaire_id, sector)
    free = [q for q in form.questions() if q.scored and q.id not in _condition_sources(form)]
    answers = {}
    for q in form.questions():
        options = [o.value for o in q.options] + ["dont_know"]
        if q.type == "multi_choice":
            answers[q.id] = data.draw(
                st.lists(st.sampled_from([o.value for o in q.options]), unique=True)
            )
        elif q.scored:
            answers[q.id] = data.draw(st.sampled_from(options))
        elif q.type == "number":
            answers[q.id] = data.draw(st.integers(0, 500))
    question = data.draw(st.sampled_from(free))
    here = points_for(question, answers[question.id])
    better = [o.value for o in question.options if o.score >= here]
    if question.type == "multi_choice":
        better = [sorted({*answers[question.id], o.value}) for o in question.options]
    improved = {**answers, question.id: data.draw(st.sampled_from(better))}
    before = score_assessment(form, answers, submitted=True)
    after = score_assessment(form, improved, submitted=True)
    assert after.overall >= before.overall - 1e-9
    for domain_id, score in before.domains.items():
        if score.score is not None:
            assert after.domains[domain_id].score >= score.score - 1e-9
            assert after.domains[domain_id].level >= score.level
