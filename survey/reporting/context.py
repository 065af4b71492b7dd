"""Everything a report shows, resolved for one language: built from scores, never from storage."""

from __future__ import annotations

from dataclasses import dataclass

from ..questionnaire.model import Questionnaire
from ..questionnaire.references import format_reference
from ..recommendations import Selected
from ..scoring import Result, level_name
from .content import ReportContent


@dataclass(frozen=True)
class DomainRow:
    id: str
    title: str
    score: float | None
    level: int | None
    level_name: str | None
    capped: bool


@dataclass(frozen=True)
class RecommendationRow:
    id: str
    title: str
    why: str
    how: str
    domain: str
    priority: float
    horizon: str
    effort: str
    references: tuple


@dataclass(frozen=True)
class ReportContext:
    lang: str
    direction: str
    texts: dict  # key -> text in `lang`
    issuer: str
    primary_colour: str
    accent_colour: str
    organisation: str
    size: str
    sector: str
    questionnaire: str
    version: int
    date: str
    status: str
    completeness: float
    overall: float | None
    level: int | None
    level_name: str | None
    domains: tuple
    recommendations: tuple


def build_report_context(
    *,
    form: Questionnaire,
    result: Result,
    selected: list[Selected],
    assessment: dict,
    content: ReportContent,
    lang: str,
) -> ReportContext:
    """Resolve a scored assessment into what the report prints, in `lang`."""
    texts = {key: value[lang] for key, value in content.texts.items()}
    titles = {d.id: d.title[lang] for d in form.domains}
    sector = next(s for s in form.sectors if s.id == assessment["sector"])
    domains = tuple(
        DomainRow(
            d.id,
            titles[d.id],
            score.score,
            score.level,
            level_name(score.level, lang),
            score.capped,
        )
        for d in form.domains
        for score in [result.domains[d.id]]
    )
    recommendations = tuple(
        RecommendationRow(
            id=s.recommendation.id,
            title=s.recommendation.title[lang],
            why=s.recommendation.why[lang],
            how=s.recommendation.how[lang],
            domain=titles[s.recommendation.domain],
            priority=s.priority,
            horizon=texts[f"horizon_{s.recommendation.horizon}"],
            effort=texts[f"effort_{s.recommendation.effort}"],
            references=tuple(format_reference(r, lang) for r in s.recommendation.refs),
        )
        for s in selected
    )
    date = (assessment.get("submitted_at") or assessment["updated_at"])[:10]
    return ReportContext(
        lang=lang,
        direction="rtl" if lang == "ar" else "ltr",
        texts=texts,
        issuer=content.branding["organisation"][lang],
        primary_colour=content.branding["primary_colour"],
        accent_colour=content.branding["accent_colour"],
        organisation=assessment["organisation_name"],
        size=assessment["organisation_size"],
        sector=sector.name[lang],
        questionnaire=form.title[lang],
        version=form.version,
        date=date,
        status=texts[f"status_{assessment['status']}"],
        completeness=result.completeness,
        overall=result.overall,
        level=result.level,
        level_name=level_name(result.level, lang),
        domains=domains,
        recommendations=recommendations,
    )
