"""The shipped library's content: sizes, recommendations for every gap, checked references."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from survey.paths import shipped_folder
from survey.plan import best_answer
from survey.questionnaire import SECTORS, check_library
from survey.questionnaire.stats import library_stats
from survey.recommendations import select_recommendations
from survey.scoring import score_assessment

LIBRARY, PROBLEMS = check_library(shipped_folder("questionnaires"))
# The identifiers that exist in each framework, as researched (a copy kept with the tests).
IDS = json.loads((Path(__file__).parent / "data" / "framework_ids.json").read_text("utf-8"))
KNOWN = {
    "CSF": {
        *IDS["nist_csf_2_0"]["functions"],
        *IDS["nist_csf_2_0"]["categories"],
        *IDS["nist_csf_2_0"]["subcategories"],
    },
    "ISO27001": set(IDS["iso_27001_2022_annex_a"]),
    "CIS": set(IDS["cis_controls_v8_safeguards"]),
    "ISO22301": set(IDS["iso_22301_2019_clauses"]),
    "DNSSI": set(IDS["dnssi_ref_ids"]),
    "LAW0908": set(IDS["law_09_08_articles"]),
}
QUESTIONNAIRES = ("readiness", "quick_check", "remote_work", "continuity", "cybersecurity")


def _every_recommendation():
    for questionnaire in LIBRARY.questionnaires.values():
        for domain in questionnaire.domains:
            yield from domain.recommendations
            for question in domain.questions:
                yield from question.recommendations


def test_the_five_questionnaires_exist_for_every_sector():
    assert set(LIBRARY.questionnaires) == set(QUESTIONNAIRES)
    for questionnaire in LIBRARY.questionnaires.values():
        assert set(questionnaire.sector_ids()) == set(SECTORS)


def test_readiness_is_large_enough_and_quick_check_is_quick():
    stats = {(row["questionnaire"], row["sector"]): row for row in library_stats(LIBRARY)}
    general = stats["readiness", "general"]
    assert general["questions"] >= 70, general
    assert min(general["domains"].values()) >= 8, general["domains"]
    for sector in SECTORS:
        assert 8 <= stats["quick_check", sector]["questions"] <= 20
    assert all(row["languages_complete"] for row in stats.values())
    assert all(not row["scored_without_recommendation"] for row in stats.values())


def test_at_least_120_recommendations_each_complete():
    recommendations = {r.id: r for r in _every_recommendation()}
    assert len(recommendations) >= 120, len(recommendations)
    for rec in recommendations.values():
        assert rec.refs, f"{rec.id} cites no reference"
        assert rec.effort in ("low", "medium", "high") and rec.horizon in ("30d", "90d", "12m")


@pytest.mark.parametrize("sector", [s for s in SECTORS if s != "general"])
def test_each_sector_module_adds_at_least_six_questions(sector):
    readiness = LIBRARY.get("readiness")
    added = [q for d in readiness.domains for q in d.questions if q.sectors == {sector}]
    assert len(added) >= 6, [q.id for q in added]
    assert all(q.recommendations for q in added if q.scored)


def test_every_reference_is_a_researched_identifier():
    cited = {ref for rec in _every_recommendation() for ref in rec.refs}
    wrong = [
        ref
        for ref in cited
        if ref.partition(":")[0] in KNOWN
        and ref.partition(":")[2] not in KNOWN[ref.partition(":")[0]]
    ]
    assert not wrong, wrong
    assert len([ref for ref in cited if ref.partition(":")[0] in KNOWN]) >= 40


@pytest.mark.parametrize("sector", SECTORS)
def test_a_poor_answer_to_any_scored_question_calls_for_a_recommendation(sector):
    form = LIBRARY.get("readiness").for_sector(sector)
    best = {q.id: best_answer(q) for q in form.questions() if q.scored}
    best |= {q.id: q.max or 1000 for q in form.questions() if q.type == "number"}
    silent = []
    for question in form.questions():
        if not question.scored:
            continue
        answers = {**best, question.id: "dont_know"}
        result = score_assessment(form, answers, submitted=True)
        selected = select_recommendations(form, answers, result)
        if not any(s.question == question.id for s in selected):
            silent.append(question.id)
    assert not silent, silent
