"""Figures about the library: per questionnaire and sector, what a respondent is asked."""

from __future__ import annotations

from .library import Library
from .spec import LANGUAGES


def _texts(value):
    """Every {ar, fr, en} map inside `value`."""
    if isinstance(value, dict):
        if set(value) >= set(LANGUAGES) and all(isinstance(value[k], str) for k in LANGUAGES):
            yield value
        else:
            for item in value.values():
                yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def library_stats(library: Library) -> list[dict]:
    """One row per questionnaire x sector: questions per domain, scored questions, scored
    questions with no recommendation, recommendations, distinct references, and whether every
    text is given in every language."""
    rows = []
    for questionnaire in sorted(library.questionnaires.values(), key=lambda q: q.id):
        complete = all(
            all(text[lang].strip() for lang in LANGUAGES) for text in _texts(questionnaire.content)
        )
        for sector in questionnaire.sector_ids():
            form = questionnaire.for_sector(sector)
            questions = form.questions()
            recommendations = [r for q in questions for r in q.recommendations]
            recommendations += [r for d in form.domains for r in d.recommendations]
            rows.append(
                {
                    "questionnaire": questionnaire.id,
                    "version": questionnaire.version,
                    "sector": sector,
                    "domains": {d.id: len(d.questions) for d in form.domains},
                    "questions": len(questions),
                    "scored": sum(1 for q in questions if q.scored),
                    "scored_without_recommendation": [
                        q.id for q in questions if q.scored and not q.recommendations
                    ],
                    "recommendations": len({r.id for r in recommendations}),
                    "references": len({ref for r in recommendations for ref in r.refs}),
                    "languages_complete": complete,
                }
            )
    return rows
